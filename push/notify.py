"""Notifications a push leaves: for its requester, and for affected teachers.

Both are written inside the transaction that makes them true (the request's
end, a section's push), so they exist exactly once.
"""

from typing import Any

from models import Notification, PushRequest
from models.notification import NotificationKind
from models.push_request import PushStatus
from push import clock
from push.plan import SectionPlan

_STATUS_WORDS = {
    PushStatus.COMPLETED: "completed",
    PushStatus.COMPLETED_WITH_ERRORS: "completed with errors",
    PushStatus.FAILED: "failed",
    PushStatus.CANCELLED: "was cancelled",
}


async def notify_requester(request_id: int) -> Notification:
    """Tell the requester how their request ended, with its counts."""
    request = await PushRequest.get(id=request_id).select_related("calendar", "course")
    scope = request.course.name if request.course else "all courses"
    title = f"Push to {request.calendar.name} ({scope}) {_STATUS_WORDS[request.status]}"
    body = (
        f"Push request {request.id}: {request.sections_changed} sections changed,"
        f" {request.sections_unchanged} unchanged, {request.sections_failed} failed,"
        f" {request.sections_skipped} skipped of {request.sections_total}."
    )
    return await Notification.create(
        user_id=request.requested_by_id,  # type: ignore[attr-defined]
        push_request_id=request.id,
        kind=NotificationKind.PUSH_REQUEST_ENDED,
        title=title,
        body=body,
    )


def teacher_notifications(
    plan: SectionPlan, request_id: int, section_label: str
) -> list[dict[str, Any]]:
    """Rows telling a section's teachers which of their categories the push touched.

    Rows rather than models: the push inserts a batch's worth in one statement.
    """
    lines = [f"'{r.old_name}' was renamed to '{r.new_name}'." for r in plan.renames]
    lines += [f"'{d.name}' was deleted ({d.reason})." for d in plan.deletes]
    lines += [
        f"'{k.name}' was kept: it holds {k.assignment_count} assignment(s)."
        + (" It is now yours to edit." if k.detach else "")
        for k in plan.kept_in_use
    ]
    if not lines:
        return []

    return [
        {
            "user_id": teacher_id,
            "push_request_id": request_id,
            "section_id": plan.section_id,
            "kind": NotificationKind.SECTION_CATEGORIES_CHANGED,
            "title": f"Categories changed in {section_label}",
            "body": " ".join(lines),
            "read": False,
            "created_at": clock.now(),
        }
        for teacher_id in plan.teacher_ids
    ]
