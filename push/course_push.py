"""Pushing one course of a request: plan every section, apply each on its own.

Each section is applied in its own transaction together with its result row
and its teachers' notifications. The result row is unique per request and
section, so a section already pushed (by an earlier delivery of the same
message, or a concurrent one) is never pushed twice.
"""

import logging

from tortoise.transactions import in_transaction

from models import PushCourseTask, PushRequest, PushSectionResult, Section
from models.push_request import CourseTaskStatus, PushStatus, SectionOutcome
from push.apply import apply_plan
from push.changes import plan_records
from push.loading import load_course_setup, load_section_states
from push.lock_waits import limit_lock_waits
from push.notify import notify_teachers
from push.options import PushOptions
from push.plan import SectionPlan, plan_section
from push.progress import finish_request, publish_progress, recount
from runtime import events

logger = logging.getLogger(__name__)


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
        await _close_course(request, course_id, None, None)

    await recount(request_id)
    await publish_progress(request_id)
    await finish_request(request_id)


async def fail_course(request_id: int, course_id: int, reason: str) -> None:
    """Give up on a course: its sections not yet pushed count as failed."""
    request = await PushRequest.get(id=request_id)
    await _close_course(request, course_id, SectionOutcome.FAILED, reason)
    await recount(request_id)
    await publish_progress(request_id)
    await finish_request(request_id)


async def _is_pending(request_id: int, course_id: int) -> bool:
    return await PushCourseTask.filter(
        push_request_id=request_id,
        course_id=course_id,
        status=CourseTaskStatus.PENDING,
    ).exists()


async def _push_sections(request: PushRequest, course_id: int) -> None:
    options = PushOptions.from_json(request.options)
    course = await load_course_setup(course_id)
    sections = await load_section_states(course_id, request.section_ids)
    done = await _sections_with_results(request.id, course_id)

    unchanged: list[PushSectionResult] = []
    for section in sections:
        if section.section_id in done:
            continue
        plan = plan_section(course, section, options)
        if plan.has_writes:
            await _push_section(request.id, course_id, plan, section.label)
        else:
            unchanged.append(
                _result(request.id, course_id, plan, SectionOutcome.UNCHANGED)
            )

    await PushSectionResult.bulk_create(
        unchanged, batch_size=500, ignore_conflicts=True
    )
    logger.info(
        "push request %s course %s: %s sections planned, %s unchanged",
        request.id,
        course_id,
        len(sections) - len(done),
        len(unchanged),
    )


async def _sections_with_results(request_id: int, course_id: int) -> set[int]:
    rows = await PushSectionResult.filter(
        push_request_id=request_id, course_id=course_id
    ).values("section_id")
    return {row["section_id"] for row in rows}


async def _push_section(
    request_id: int, course_id: int, plan: SectionPlan, label: str
) -> None:
    """Apply one section's plan atomically; a failure is recorded, not raised."""
    try:
        async with in_transaction() as transaction:
            await limit_lock_waits(transaction)
            await apply_plan(plan)
            await _result(request_id, course_id, plan, SectionOutcome.CHANGED).save()
            notified = await notify_teachers(plan, request_id, label)
    except Exception as error:
        await _record_failure(request_id, course_id, plan, error)
        return

    for teacher_id in {n.user_id for n in notified}:  # type: ignore[attr-defined]
        await events.publish(events.notification_channel(teacher_id), {})


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
) -> PushSectionResult:
    return PushSectionResult(
        push_request_id=request_id,
        section_id=plan.section_id,
        course_id=course_id,
        outcome=outcome,
        changes=plan_records(plan),
        categories_created=len(plan.creates),
        categories_updated=len(plan.updates),
        categories_renamed=len(plan.renames),
        categories_deleted=len(plan.deletes),
        categories_kept_in_use=len(plan.kept_in_use),
    )


async def _close_course(
    request: PushRequest,
    course_id: int,
    leftover: SectionOutcome | None,
    reason: str | None,
) -> None:
    """Mark the course task ended; sections without a result get ``leftover``."""
    if leftover is not None:
        await _record_leftover_sections(request, course_id, leftover, reason)
    status = {
        None: CourseTaskStatus.DONE,
        SectionOutcome.SKIPPED: CourseTaskStatus.SKIPPED,
    }.get(leftover, CourseTaskStatus.FAILED)
    await PushCourseTask.filter(
        push_request_id=request.id,
        course_id=course_id,
        status=CourseTaskStatus.PENDING,
    ).update(status=status, error=reason)


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
