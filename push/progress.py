"""Counts, progress events and the end of a push request.

Counts are recomputed from the per-section result rows rather than
incremented, so a redelivered message or a resumed request can never count a
section twice.
"""

import datetime
import logging
from typing import Any

from tortoise.expressions import F
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from models import PushCourseTask, PushRequest, PushSectionResult
from models.push_request import (
    COUNT_FIELDS,
    CourseTaskStatus,
    PushStatus,
    SectionOutcome,
)
from push import clock
from push.notify import notify_requester
from runtime import events

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = datetime.timedelta(seconds=1)
# When progress was last published, per request: pruned past this many entries.
_PROGRESS_MEMORY = 1000
_last_progress: dict[int, datetime.datetime] = {}

TERMINAL_STATUSES = frozenset(
    {
        PushStatus.COMPLETED,
        PushStatus.COMPLETED_WITH_ERRORS,
        PushStatus.FAILED,
        PushStatus.CANCELLED,
    }
)
_CATEGORY_COUNTS = (
    "categories_created",
    "categories_updated",
    "categories_renamed",
    "categories_deleted",
    "categories_kept_in_use",
)


async def recount(request_id: int) -> None:
    """Store exact counts from the results and bump the event sequence."""
    counts = await _counts(request_id)
    await PushRequest.filter(id=request_id).update(
        **counts, seq=F("seq") + 1, heartbeat_at=clock.now()
    )


async def _counts(request_id: int) -> dict[str, int]:
    rows = await (
        PushSectionResult.filter(push_request_id=request_id)
        .annotate(n=Count("id"), **{name: Sum(name) for name in _CATEGORY_COUNTS})
        .group_by("outcome")
        .values("outcome", "n", *_CATEGORY_COUNTS)
    )
    counts = dict.fromkeys(
        (f"sections_{outcome}" for outcome in SectionOutcome), 0
    ) | dict.fromkeys(_CATEGORY_COUNTS, 0)
    for row in rows:
        counts[f"sections_{SectionOutcome(row['outcome'])}"] = row["n"]
        for name in _CATEGORY_COUNTS:
            counts[name] += int(row[name] or 0)
    counts["courses_done"] = (
        await PushCourseTask.filter(push_request_id=request_id)
        .exclude(status=CourseTaskStatus.PENDING)
        .count()
    )
    return counts


def request_event(request: PushRequest) -> dict[str, Any]:
    """The progress event of a request: its status, sequence and counts."""
    event: dict[str, Any] = {
        "id": request.id,
        "seq": request.seq,
        "status": str(request.status),
        "cancel_requested": request.cancel_requested,
    }
    event.update({name: getattr(request, name) for name in COUNT_FIELDS})
    return event


async def publish_request(request_id: int) -> None:
    request = await PushRequest.get(id=request_id)
    await events.publish(
        events.push_request_channel(request_id), request_event(request)
    )


async def publish_progress(request_id: int) -> None:
    """Publish a running request's progress, at most once a second per process.

    A calendar of thousands of courses would otherwise send an event per
    course to every subscriber. Subscribers re-read a running request every
    few seconds, so a skipped event is late, never lost; starts, cancels and
    ends are always published, through `publish_request`.
    """
    now = clock.now()
    last = _last_progress.get(request_id)
    if last is not None and now - last < PROGRESS_INTERVAL:
        return
    if len(_last_progress) > _PROGRESS_MEMORY:
        _forget_progress_before(now - PROGRESS_INTERVAL)
    _last_progress[request_id] = now
    await publish_request(request_id)


def _forget_progress_before(moment: datetime.datetime) -> None:
    for request_id, published_at in list(_last_progress.items()):
        if published_at < moment:
            del _last_progress[request_id]


async def finish_request(request_id: int, *, cancel_queued: bool = False) -> bool:
    """End the request once no course is pending; True when this call ended it.

    With ``cancel_queued`` it ends a request that has not started, as cancelled.
    The conditional update and the requester's notification commit together,
    so exactly one caller ends a request and notifies once.
    """
    if cancel_queued:
        from_status, status = PushStatus.QUEUED, PushStatus.CANCELLED
    else:
        if await _has_pending_courses(request_id):
            return False
        await recount(request_id)
        from_status, status = PushStatus.RUNNING, await _final_status(request_id)

    values: dict[str, Any] = {"status": status, "finished_at": clock.now()}
    if cancel_queued:
        values["cancel_requested"] = True
    async with in_transaction():
        ended = await PushRequest.filter(id=request_id, status=from_status).update(
            **values, active_calendar_id=None, seq=F("seq") + 1
        )
        notification = await notify_requester(request_id) if ended else None

    if ended:
        logger.info("push request %s ended: %s", request_id, status)
        _last_progress.pop(request_id, None)
        await publish_request(request_id)
    if notification is not None:
        await events.publish(
            events.notification_channel(notification.user_id),  # type: ignore[attr-defined]
            {"id": notification.id},
        )
    return bool(ended)


async def _has_pending_courses(request_id: int) -> bool:
    return await PushCourseTask.filter(
        push_request_id=request_id, status=CourseTaskStatus.PENDING
    ).exists()


async def _final_status(request_id: int) -> PushStatus:
    request = await PushRequest.get(id=request_id)
    if request.cancel_requested:
        return PushStatus.CANCELLED
    if request.sections_total and request.sections_failed == request.sections_total:
        return PushStatus.FAILED
    if request.sections_failed:
        return PushStatus.COMPLETED_WITH_ERRORS
    return PushStatus.COMPLETED
