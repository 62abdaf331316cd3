"""Pushing one course of a request: plan every section, apply them together.

The sections of a course are applied in one transaction, set-based: each
step of the writes covers them all. Should that fail, each section is tried
again on its own savepoint, so a failing section leaves no trace while the
others commit: every section still ends fully pushed or untouched. The
course task is closed in the same transaction, so the course's results and
its counts commit together. A section's result row is unique per request
and section, so a section already pushed (by an earlier delivery of the
same message, or a concurrent one) is never pushed twice.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import F
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from models import PushCourseTask, PushRequest, PushSectionResult, Section
from models.push_request import (
    COUNT_FIELDS,
    CourseTaskStatus,
    PushStatus,
    SectionOutcome,
)
from push import clock
from push.apply import apply_plans
from push.changes import plan_records
from push.loading import load_course_setup, load_section_states
from push.lock_waits import limit_lock_waits
from push.notify import notify_teachers
from push.options import PushOptions
from push.plan import SectionPlan, plan_section
from push.progress import finish_request, publish_progress
from push.rows import insert_rows
from runtime import events

logger = logging.getLogger(__name__)

_CATEGORY_COUNTS = tuple(
    name for name in COUNT_FIELDS if name.startswith("categories_")
)


async def push_course(request_id: int, course_id: int) -> None:
    """Push one course of a running request, then record progress.

    Safe to run twice: sections with a result are skipped, and the course task
    is closed by a conditional update.
    """
    request = await PushRequest.get(id=request_id)
    if request.status != PushStatus.RUNNING:
        logger.debug("push request %s course %s: nothing to do", request_id, course_id)
        return
    if not await _is_pending(request_id, course_id):
        # An earlier delivery closed the course and may have died before ending
        # the request; ending it is a no-op while other courses are pending.
        await finish_request(request_id)
        return

    if request.cancel_requested:
        await _close_course(request, course_id, SectionOutcome.SKIPPED, "cancelled")
    else:
        await _push_sections(request, course_id)

    await publish_progress(request_id)
    await finish_request(request_id)


async def fail_course(request_id: int, course_id: int, reason: str) -> None:
    """Give up on a course: its sections not yet pushed count as failed."""
    request = await PushRequest.get(id=request_id)
    await _close_course(request, course_id, SectionOutcome.FAILED, reason)
    await publish_progress(request_id)
    await finish_request(request_id)


async def _is_pending(request_id: int, course_id: int) -> bool:
    return await PushCourseTask.filter(
        push_request_id=request_id,
        course_id=course_id,
        status=CourseTaskStatus.PENDING,
    ).exists()


@dataclass(frozen=True)
class _SectionWork:
    label: str
    plan: SectionPlan


@dataclass
class _Applied:
    """What applying a course's sections came to."""

    teacher_ids: set[int] = field(default_factory=set)
    failures: list[tuple[SectionPlan, Exception]] = field(default_factory=list)


async def _push_sections(request: PushRequest, course_id: int) -> None:
    options = PushOptions.from_json(request.options)
    course = await load_course_setup(course_id)
    sections = await load_section_states(course_id, request.section_ids)
    done = await _sections_with_results(request.id, course_id)

    work = [
        _SectionWork(section.label, plan_section(course, section, options))
        for section in sections
        if section.section_id not in done
    ]
    changing = [item for item in work if item.plan.has_writes]
    unchanged = [item.plan for item in work if not item.plan.has_writes]

    async with in_transaction() as transaction:
        await limit_lock_waits(transaction)
        applied = await _apply_sections(request.id, course_id, changing)
        await insert_rows(
            PushSectionResult,
            [
                _result(request.id, course_id, p, SectionOutcome.UNCHANGED)
                for p in unchanged
            ],
            ignore_conflicts=True,
        )
        for plan, error in applied.failures:
            await _record_failure(request.id, course_id, plan, error)
        await _close_task(request.id, course_id, CourseTaskStatus.DONE, None)

    for teacher_id in applied.teacher_ids:
        await events.publish(events.notification_channel(teacher_id), {})
    logger.info(
        "push request %s course %s: %s sections planned, %s unchanged, %s failed",
        request.id,
        course_id,
        len(work),
        len(unchanged),
        len(applied.failures),
    )


async def _sections_with_results(request_id: int, course_id: int) -> set[int]:
    rows = await PushSectionResult.filter(
        push_request_id=request_id, course_id=course_id
    ).values("section_id")
    return {row["section_id"] for row in rows}


async def _apply_sections(
    request_id: int, course_id: int, changing: Sequence[_SectionWork]
) -> _Applied:
    """All sections in one batch; if the batch fails, each section on its own.

    Runs in the course's transaction; each attempt has a savepoint of its own.
    """
    applied = _Applied()
    if not changing:
        return applied
    if await _try_apply(request_id, course_id, changing, applied) is None:
        return applied
    logger.info(
        "push request %s course %s: batch failed, pushing sections one by one",
        request_id,
        course_id,
    )
    for item in changing:
        error = await _try_apply(request_id, course_id, [item], applied)
        if error is not None:
            applied.failures.append((item.plan, error))
    return applied


async def _try_apply(
    request_id: int,
    course_id: int,
    sections: Sequence[_SectionWork],
    applied: _Applied,
) -> Exception | None:
    """Apply sections with their results and notifications on one savepoint."""
    try:
        async with in_transaction():
            await apply_plans([item.plan for item in sections])
            await insert_rows(
                PushSectionResult,
                [
                    _result(request_id, course_id, item.plan, SectionOutcome.CHANGED)
                    for item in sections
                ],
            )
            notified = [
                notification
                for item in sections
                for notification in await notify_teachers(
                    item.plan, request_id, item.label
                )
            ]
    except Exception as error:
        return error
    applied.teacher_ids.update(n.user_id for n in notified)  # type: ignore[attr-defined]
    return None


async def _record_failure(
    request_id: int, course_id: int, plan: SectionPlan, error: Exception
) -> None:
    if await PushSectionResult.exists(
        push_request_id=request_id, section_id=plan.section_id
    ):
        logger.debug(
            "push request %s section %s: already pushed by another delivery",
            request_id,
            plan.section_id,
        )
        return
    logger.warning(
        "push request %s course %s section %s failed: %s",
        request_id,
        course_id,
        plan.section_id,
        error,
    )
    await PushSectionResult.bulk_create(
        [
            PushSectionResult(
                push_request_id=request_id,
                section_id=plan.section_id,
                course_id=course_id,
                outcome=SectionOutcome.FAILED,
                error=f"{type(error).__name__}: {error}",
            )
        ],
        ignore_conflicts=True,
    )


def _result(
    request_id: int, course_id: int, plan: SectionPlan, outcome: SectionOutcome
) -> dict[str, Any]:
    return {
        "push_request_id": request_id,
        "section_id": plan.section_id,
        "course_id": course_id,
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


async def _close_course(
    request: PushRequest, course_id: int, leftover: SectionOutcome, reason: str
) -> None:
    """End a course task unpushed; sections without a result get ``leftover``."""
    status = (
        CourseTaskStatus.SKIPPED
        if leftover == SectionOutcome.SKIPPED
        else CourseTaskStatus.FAILED
    )
    async with in_transaction():
        await _record_leftover_sections(request, course_id, leftover, reason)
        await _close_task(request.id, course_id, status, reason)


async def _close_task(
    request_id: int, course_id: int, status: CourseTaskStatus, reason: str | None
) -> None:
    """Close a pending course task and count its results, in the caller's transaction.

    The update is conditional, so of two deliveries only one closes the task
    and adds the course's counts.
    """
    closed = await PushCourseTask.filter(
        push_request_id=request_id,
        course_id=course_id,
        status=CourseTaskStatus.PENDING,
    ).update(status=status, error=reason)
    if closed:
        await _add_course_counts(request_id, course_id)


async def _add_course_counts(request_id: int, course_id: int) -> None:
    """Add the course's results to the request's counts, and bump the sequence.

    Only the call that closed the course task adds them, in the same
    transaction, so no course is ever counted twice; reading just this
    course's results keeps the cost of progress flat however large the
    request. The request's end recounts everything from the results anyway.
    """
    rows = await (
        PushSectionResult.filter(push_request_id=request_id, course_id=course_id)
        .annotate(n=Count("id"), **{name: Sum(name) for name in _CATEGORY_COUNTS})
        .group_by("outcome")
        .values("outcome", "n", *_CATEGORY_COUNTS)
    )
    added = dict.fromkeys(_CATEGORY_COUNTS, 0) | {"courses_done": 1}
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
    course_id: int,
    outcome: SectionOutcome,
    reason: str | None,
) -> None:
    sections = Section.filter(course_id=course_id)
    if request.section_ids is not None:
        sections = sections.filter(id__in=request.section_ids)
    section_ids = [row["id"] for row in await sections.values("id")]
    done = await _sections_with_results(request.id, course_id)
    await PushSectionResult.bulk_create(
        [
            PushSectionResult(
                push_request_id=request.id,
                section_id=section_id,
                course_id=course_id,
                outcome=outcome,
                error=reason,
            )
            for section_id in section_ids
            if section_id not in done
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
