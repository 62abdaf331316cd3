"""Submitting, starting, cancelling and retrying push requests.

The database is the single source of truth: every transition is a conditional
update, so two processes racing on one request cannot both win.
"""

import datetime
import logging
import os
from collections.abc import Sequence

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from models import Calendar, Course, PushCourseTask, PushRequest, Section, User
from models.push_request import (
    ACTIVE_STATUSES,
    CourseTaskStatus,
    PushStatus,
    SectionOutcome,
)
from push import clock
from push.errors import (
    CalendarInSessionError,
    IdempotencyKeyReusedError,
    NoFailedSectionsError,
    NothingToPushError,
    PushAlreadyActiveError,
    PushNotActiveError,
)
from push.options import PushOptions
from push.progress import finish_request, publish_request

logger = logging.getLogger(__name__)

# Sections per push message: enough that a batch's fixed cost (a dozen
# statements) is small against its writes, few enough that progress moves
# every second or so and that two workers share a calendar evenly.
SECTIONS_PER_BATCH = int(os.environ.get("GRADEPUSH_BATCH_SECTIONS", "300"))


async def submit_push(
    *,
    requested_by: User,
    calendar: Calendar,
    course: Course | None,
    options: PushOptions,
    acknowledge_in_session: bool,
    idempotency_key: str | None = None,
    section_ids: Sequence[int] | None = None,
    retry_of: PushRequest | None = None,
    today: datetime.date | None = None,
) -> PushRequest:
    """Record a queued push request; the caller enqueues it once this returns.

    A repeated idempotency key returns the first request, provided it asked for
    the same push. The unique index on ``active_calendar_id`` refuses a second
    active push of the same calendar.
    """
    key = idempotency_key
    if key and (earlier := await submitted_with_key(requested_by, key)):
        return same_push(earlier, calendar, course, options, retry_of)
    if options.is_empty:
        raise NothingToPushError
    today = today or clock.today()
    if calendar.start_date <= today and not acknowledge_in_session:
        ended = calendar.end_date if calendar.end_date < today else None
        raise CalendarInSessionError(
            calendar.name,
            calendar.start_date.isoformat(),
            ended.isoformat() if ended else None,
        )

    try:
        request = await PushRequest.create(
            requested_by=requested_by,
            calendar=calendar,
            course=course,
            options=options.to_json(),
            acknowledge_in_session=acknowledge_in_session,
            idempotency_key=idempotency_key,
            section_ids=list(section_ids) if section_ids is not None else None,
            retry_of=retry_of,
            active_calendar_id=calendar.id,
        )
    except IntegrityError:
        earlier = await _resolve_conflict(requested_by, calendar, idempotency_key)
        return same_push(earlier, calendar, course, options, retry_of)

    logger.info(
        "push request %s queued by %s for calendar %s, course %s",
        request.id,
        requested_by.username,
        calendar.id,
        course.id if course else "all",
    )
    return request


def same_push(
    earlier: PushRequest,
    calendar: Calendar,
    course: Course | None,
    options: PushOptions,
    retry_of: PushRequest | None = None,
) -> PushRequest:
    """The request found by an idempotency key, if it asked for this very push.

    Answering a different push (or a push for a retry, or the reverse) with it
    would tell the caller theirs was queued.
    """
    found = (
        earlier.calendar_id,  # type: ignore[attr-defined]
        earlier.course_id,  # type: ignore[attr-defined]
        PushOptions.from_json(earlier.options),
        earlier.retry_of_id,  # type: ignore[attr-defined]
    )
    wanted = (
        calendar.id,
        course.id if course else None,
        options,
        retry_of.id if retry_of else None,
    )
    if found != wanted:
        raise IdempotencyKeyReusedError(earlier.id)
    return earlier


async def submitted_with_key(user: User, key: str) -> PushRequest | None:
    """The user's request submitted with this idempotency key, if any."""
    return await PushRequest.get_or_none(requested_by=user, idempotency_key=key)


async def _resolve_conflict(
    user: User, calendar: Calendar, idempotency_key: str | None
) -> PushRequest:
    """A concurrent submit won the race: same key, or same calendar."""
    if idempotency_key and (earlier := await submitted_with_key(user, idempotency_key)):
        return earlier
    active = await PushRequest.get_or_none(active_calendar_id=calendar.id)
    raise PushAlreadyActiveError(active.id if active else None, calendar.name)


async def begin_push(request_id: int) -> list[list[int]]:
    """Start a queued request, or resume a running one: the courses still to push.

    Starting creates one task per course and fixes the totals, in one
    transaction; a resumed request keeps them. The courses come in batches of
    about `SECTIONS_PER_BATCH` sections, one batch per message.
    """
    now = clock.now()
    async with in_transaction():
        started = await PushRequest.filter(
            id=request_id, status=PushStatus.QUEUED
        ).update(status=PushStatus.RUNNING, started_at=now, heartbeat_at=now)
        if started:
            await _create_course_tasks(await PushRequest.get(id=request_id))

    request = await PushRequest.get(id=request_id)
    if request.status != PushStatus.RUNNING:
        return []
    if started:
        logger.info("push request %s started", request_id)
        await publish_request(request_id)
    pending = await PushCourseTask.filter(
        push_request_id=request_id, status=CourseTaskStatus.PENDING
    ).values("course_id")
    if not pending:
        await finish_request(request_id)
    return await _in_batches(request, sorted(row["course_id"] for row in pending))


async def _in_batches(request: PushRequest, course_ids: list[int]) -> list[list[int]]:
    """Courses in order, cut into batches of about `SECTIONS_PER_BATCH` sections.

    A course is never split: its sections share one setup and commit together.
    """
    sizes = await _section_counts(request, course_ids)
    batches: list[list[int]] = []
    batch: list[int] = []
    sections = 0
    for course_id in course_ids:
        if batch and sections + sizes.get(course_id, 0) > SECTIONS_PER_BATCH:
            batches.append(batch)
            batch, sections = [], 0
        batch.append(course_id)
        sections += sizes.get(course_id, 0)
    if batch:
        batches.append(batch)
    return batches


async def _section_counts(
    request: PushRequest, course_ids: list[int]
) -> dict[int, int]:
    sections = Section.filter(course_id__in=course_ids)
    if request.section_ids is not None:
        sections = sections.filter(id__in=request.section_ids)
    rows = (
        await sections.annotate(n=Count("id"))
        .group_by("course_id")
        .values("course_id", "n")
    )
    return {row["course_id"]: row["n"] for row in rows}


async def _create_course_tasks(request: PushRequest) -> None:
    sections = Section.filter(course__calendar_id=request.calendar_id)  # type: ignore[attr-defined]
    if request.course_id is not None:  # type: ignore[attr-defined]
        sections = sections.filter(course_id=request.course_id)  # type: ignore[attr-defined]
    if request.section_ids is not None:
        sections = sections.filter(id__in=request.section_ids)
    rows = await sections.values("id", "course_id")
    course_ids = sorted({row["course_id"] for row in rows})

    await PushCourseTask.bulk_create(
        [PushCourseTask(push_request_id=request.id, course_id=c) for c in course_ids],
        batch_size=1000,
    )
    await PushRequest.filter(id=request.id).update(
        courses_total=len(course_ids), sections_total=len(rows)
    )


async def cancel_push(request_id: int) -> PushRequest:
    """Cancel a queued request at once; a running one stops after its course in hand."""
    if await finish_request(request_id, cancel_queued=True):
        return await PushRequest.get(id=request_id)

    asked = await PushRequest.filter(id=request_id, status=PushStatus.RUNNING).update(
        cancel_requested=True, seq=F("seq") + 1
    )
    request = await PushRequest.get(id=request_id)
    if not asked:
        raise PushNotActiveError(request_id, request.status)
    logger.info("push request %s: cancel requested", request_id)
    await publish_request(request_id)
    return request


async def retry_failed_sections(
    request: PushRequest, requested_by: User, idempotency_key: str | None = None
) -> PushRequest:
    """Queue a new request for the sections that failed in a finished one."""
    if request.status in ACTIVE_STATUSES:
        raise NoFailedSectionsError(request.id, "is still active")
    failed = [
        row["section_id"]
        for row in await request.section_results.filter(
            outcome=SectionOutcome.FAILED
        ).values("section_id")
    ]
    if not failed:
        raise NoFailedSectionsError(request.id, "has no failed sections")

    await request.fetch_related("calendar", "course")
    return await submit_push(
        requested_by=requested_by,
        calendar=request.calendar,
        course=request.course,
        options=PushOptions.from_json(request.options),
        acknowledge_in_session=True,
        idempotency_key=idempotency_key,
        section_ids=sorted(failed),
        retry_of=request,
    )
