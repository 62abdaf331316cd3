"""Pushing a batch of a request's courses: plan every section, apply them together.

A message carries a few hundred sections' worth of courses. Sections in line
by their push stamp (`push.stamps`) are recorded unchanged without being
loaded; the other sections and their courses' setups are loaded set-based,
and all of them are applied in one transaction, each step of the writes
covering them all. Should that fail,
each section is tried again on its own savepoint, so a failing section leaves
no trace while the others commit: every section still ends fully pushed or
untouched. The courses' tasks are closed in the same transaction, so their
results and their counts commit together. A section's result row is unique
per request and section, so a section already pushed (by an earlier delivery
of the same message, or a concurrent one) is never pushed twice.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import F
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from models import Notification, PushCourseTask, PushRequest, PushSectionResult, Section
from models.push_request import (
    COUNT_FIELDS,
    CourseTaskStatus,
    PushStatus,
    SectionOutcome,
)
from push import clock
from push.apply import apply_plans
from push.changes import plan_records
from push.lock_waits import limit_lock_waits
from push.notify import teacher_notifications
from push.options import PushOptions
from push.plan import SectionPlan, plan_sections
from push.progress import finish_request, publish_progress
from push.rows import fetch, insert_rows
from push.stamps import (
    Planning,
    SectionMark,
    bump,
    counting_own_writes,
    load_for_planning,
    stamp,
)
from runtime import events

logger = logging.getLogger(__name__)

_CATEGORY_COUNTS = tuple(
    name for name in COUNT_FIELDS if name.startswith("categories_")
)


async def push_courses(request_id: int, course_ids: Sequence[int]) -> None:
    """Push a batch of courses of a running request, then record progress.

    Safe to run twice: sections with a result are skipped, and course tasks
    are closed by a conditional update.
    """
    request = await PushRequest.get(id=request_id)
    if request.status != PushStatus.RUNNING:
        logger.debug("push request %s: not running, nothing to do", request_id)
        return
    pending = await _pending_courses(request_id, course_ids)
    if not pending:
        # An earlier delivery closed the courses and may have died before
        # ending the request; ending it is a no-op while others are pending.
        await finish_request(request_id)
        return

    if request.cancel_requested:
        await _close_courses(request, pending, SectionOutcome.SKIPPED, "cancelled")
    else:
        await _push_sections(request, pending)

    await publish_progress(request_id)
    await finish_request(request_id)


async def fail_courses(request_id: int, course_ids: Sequence[int], reason: str) -> None:
    """Give up on courses: their sections not yet pushed count as failed."""
    request = await PushRequest.get(id=request_id)
    pending = await _pending_courses(request_id, course_ids)
    if pending:
        await _close_courses(request, pending, SectionOutcome.FAILED, reason)
    await publish_progress(request_id)
    await finish_request(request_id)


async def _pending_courses(request_id: int, course_ids: Sequence[int]) -> list[int]:
    rows = await PushCourseTask.filter(
        push_request_id=request_id,
        course_id__in=list(course_ids),
        status=CourseTaskStatus.PENDING,
    ).values("course_id")
    return sorted(row["course_id"] for row in rows)


@dataclass(frozen=True)
class _SectionWork:
    course_id: int
    label: str
    plan: SectionPlan


@dataclass
class _Applied:
    """What applying the sections came to."""

    teacher_ids: set[int] = field(default_factory=set)
    failures: list[tuple[_SectionWork, Exception]] = field(default_factory=list)


async def _push_sections(request: PushRequest, course_ids: list[int]) -> None:
    options = PushOptions.from_json(request.options)
    done = await _sections_with_results(request.id, course_ids)
    planning = await load_for_planning(course_ids, options, request.section_ids, done)

    work = [
        _SectionWork(course_id, state.label, plan)
        for course_id, states in planning.sections.items()
        for state, plan in zip(
            states,
            plan_sections(planning.setups[course_id], states, options),
            strict=True,
        )
    ]
    changing = [item for item in work if item.plan.has_writes]
    unchanged = [item for item in work if not item.plan.has_writes]
    in_line = [planning.marks[section_id] for section_id in sorted(planning.in_line)]

    async with in_transaction() as transaction:
        await limit_lock_waits(transaction)
        async with counting_own_writes():
            applied = await _apply_sections(request.id, changing)
            await _record_unchanged(request.id, unchanged, in_line)
            for item, error in applied.failures:
                await _record_failure(request.id, item, error)
            failed = {item.plan.section_id for item, _ in applied.failures}
            await stamp(_left_in_line(work, planning, failed))
        await _close_tasks(request.id, course_ids, CourseTaskStatus.DONE, None)

    for teacher_id in applied.teacher_ids:
        await events.publish(events.notification_channel(teacher_id), {})
    logger.info(
        "push request %s: %s courses, %s sections in line by their stamp,"
        " %s planned, %s of those unchanged, %s failed",
        request.id,
        len(course_ids),
        len(in_line),
        len(work),
        len(unchanged),
        len(applied.failures),
    )


async def _record_unchanged(
    request_id: int, unchanged: list[_SectionWork], in_line: list[SectionMark]
) -> None:
    """Unchanged results: sections planned to no writes, and sections in line
    by their stamp, for which nothing was planned.

    A concurrent delivery of the same message may have recorded some first;
    those are kept, and that delivery's transaction closes the courses.
    """
    not_planned = [
        _SectionWork(mark.course_id, "", SectionPlan(mark.section_id, ()))
        for mark in in_line
    ]
    await insert_rows(
        PushSectionResult,
        [
            _result(request_id, item, SectionOutcome.UNCHANGED)
            for item in [*unchanged, *not_planned]
        ],
        ignore_conflicts=True,
    )


def _left_in_line(
    work: list[_SectionWork], planning: Planning, failed: set[int]
) -> dict[int, tuple[str, int]]:
    """The stamp prefix and expected revision of each section left with nothing to do.

    A written section's revision is one past the one read: the push's own
    bump. A section reporting a category kept in use is left out: its next
    push reports it again, so it is never in line.
    """
    return {
        item.plan.section_id: (
            planning.prefixes[item.course_id],
            planning.marks[item.plan.section_id].revision + int(item.plan.has_writes),
        )
        for item in work
        if not item.plan.kept_in_use and item.plan.section_id not in failed
    }


async def _sections_with_results(request_id: int, course_ids: list[int]) -> set[int]:
    rows = await PushSectionResult.filter(
        push_request_id=request_id, course_id__in=course_ids
    ).values("section_id")
    return {row["section_id"] for row in rows}


async def _apply_sections(
    request_id: int, changing: Sequence[_SectionWork]
) -> _Applied:
    """All sections in one batch; if the batch fails, each section on its own.

    Runs in the caller's transaction; each attempt has a savepoint of its own.
    """
    applied = _Applied()
    if not changing:
        return applied
    if await _try_apply(request_id, changing, applied) is None:
        return applied
    logger.info(
        "push request %s: a batch of %s sections failed, pushing them one by one",
        request_id,
        len(changing),
    )
    for item in changing:
        error = await _try_apply(request_id, [item], applied)
        if error is not None:
            applied.failures.append((item, error))
    return applied


async def _try_apply(
    request_id: int, sections: Sequence[_SectionWork], applied: _Applied
) -> Exception | None:
    """Apply sections with their results and notifications on one savepoint."""
    notifications = [
        notification
        for item in sections
        for notification in teacher_notifications(item.plan, request_id, item.label)
    ]
    try:
        async with in_transaction():
            await apply_plans([item.plan for item in sections])
            await bump([item.plan.section_id for item in sections])
            await insert_rows(
                PushSectionResult,
                [
                    _result(request_id, item, SectionOutcome.CHANGED)
                    for item in sections
                ],
            )
            await insert_rows(Notification, notifications)
    except Exception as error:
        return error
    applied.teacher_ids.update(row["user_id"] for row in notifications)
    return None


async def _record_failure(
    request_id: int, item: _SectionWork, error: Exception
) -> None:
    section_id = item.plan.section_id
    if await PushSectionResult.exists(
        push_request_id=request_id, section_id=section_id
    ):
        logger.debug(
            "push request %s section %s: already pushed by another delivery",
            request_id,
            section_id,
        )
        return
    logger.warning(
        "push request %s course %s section %s failed: %s",
        request_id,
        item.course_id,
        section_id,
        error,
    )
    await PushSectionResult.bulk_create(
        [
            PushSectionResult(
                push_request_id=request_id,
                section_id=section_id,
                course_id=item.course_id,
                outcome=SectionOutcome.FAILED,
                error=f"{type(error).__name__}: {error}",
            )
        ],
        ignore_conflicts=True,
    )


def _result(
    request_id: int, item: _SectionWork, outcome: SectionOutcome
) -> dict[str, Any]:
    plan = item.plan
    return {
        "push_request_id": request_id,
        "section_id": plan.section_id,
        "course_id": item.course_id,
        "outcome": outcome,
        "changes": plan_records(plan),
        "error": None,
        "categories_created": len(plan.creates),
        "categories_updated": len(plan.updates),
        "categories_renamed": len(plan.renames),
        "categories_deleted": len(plan.deletes),
        "categories_kept_in_use": len(plan.kept_in_use),
        "created_at": clock.now(),
    }


async def _close_courses(
    request: PushRequest,
    course_ids: list[int],
    leftover: SectionOutcome,
    reason: str,
) -> None:
    """End course tasks unpushed; sections without a result get ``leftover``."""
    status = (
        CourseTaskStatus.SKIPPED
        if leftover == SectionOutcome.SKIPPED
        else CourseTaskStatus.FAILED
    )
    async with in_transaction():
        await _record_leftover_sections(request, course_ids, leftover, reason)
        await _close_tasks(request.id, course_ids, status, reason)


async def _close_tasks(
    request_id: int,
    course_ids: list[int],
    status: CourseTaskStatus,
    reason: str | None,
) -> None:
    """Close pending course tasks and count their results, in the caller's transaction.

    The update is conditional, so of two deliveries only one closes a task
    and adds its course's counts.
    """
    closed = await _close_pending_tasks(request_id, course_ids, status, reason)
    if closed:
        await _add_course_counts(request_id, closed)


async def _close_pending_tasks(
    request_id: int,
    course_ids: list[int],
    status: CourseTaskStatus,
    reason: str | None,
) -> list[int]:
    """The courses whose task this call closed (RETURNING, on both back ends)."""
    marks = ", ".join("?" for _ in course_ids)
    rows = await fetch(
        "UPDATE push_course_task SET status = ?, error = ?"
        f" WHERE push_request_id = ? AND status = ? AND course_id IN ({marks})"
        " RETURNING course_id",
        str(status),
        reason,
        request_id,
        str(CourseTaskStatus.PENDING),
        *course_ids,
    )
    return [row["course_id"] for row in rows]


async def _add_course_counts(request_id: int, course_ids: list[int]) -> None:
    """Add the courses' results to the request's counts, and bump the sequence.

    Only the call that closed the course tasks adds them, in the same
    transaction, so no course is ever counted twice; reading just these
    courses' results keeps the cost of progress flat however large the
    request. The request's end recounts everything from the results anyway.
    """
    rows = await (
        PushSectionResult.filter(push_request_id=request_id, course_id__in=course_ids)
        .annotate(n=Count("id"), **{name: Sum(name) for name in _CATEGORY_COUNTS})
        .group_by("outcome")
        .values("outcome", "n", *_CATEGORY_COUNTS)
    )
    added = dict.fromkeys(_CATEGORY_COUNTS, 0) | {"courses_done": len(course_ids)}
    for row in rows:
        added[f"sections_{SectionOutcome(row['outcome'])}"] = row["n"]
        for name in _CATEGORY_COUNTS:
            added[name] += int(row[name] or 0)
    await PushRequest.filter(id=request_id).update(
        **{name: F(name) + count for name, count in added.items()},
        seq=F("seq") + 1,
        heartbeat_at=clock.now(),
    )


async def _record_leftover_sections(
    request: PushRequest,
    course_ids: list[int],
    outcome: SectionOutcome,
    reason: str | None,
) -> None:
    sections = Section.filter(course_id__in=course_ids)
    if request.section_ids is not None:
        sections = sections.filter(id__in=request.section_ids)
    rows = await sections.values("id", "course_id")
    done = await _sections_with_results(request.id, course_ids)
    await PushSectionResult.bulk_create(
        [
            PushSectionResult(
                push_request_id=request.id,
                section_id=row["id"],
                course_id=row["course_id"],
                outcome=outcome,
                error=reason,
            )
            for row in rows
            if row["id"] not in done
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
