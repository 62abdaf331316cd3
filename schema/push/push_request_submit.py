"""Submitting a push of a whole calendar or of one course.

The request row is committed before its message is sent, so a worker never
looks for a request that is not there yet.
"""

import strawberry

import models
from actors.push import enqueue_push
from auth.rights import (
    can_manage_calendar,
    can_manage_course,
    can_read_calendar,
    can_read_course,
)
from push.errors import PushRequestError
from push.requests import same_push, submit_push, submitted_with_key
from schema.push.refusals import (
    RefusedError,
    check_idempotency_key,
    decode_id_argument,
    refusal,
)
from schema.push_options import PushOptionsInput
from schema.user_errors import not_found, user_error

# A teacher may read their sections' calendars and courses but not push them:
# an object they can see is refused as forbidden, not pretended missing.
FORBIDDEN_MESSAGE = "Only administrators of the calendar may push its courses."


async def push_calendar(
    viewer: models.User,
    calendar_id: strawberry.ID,
    options: PushOptionsInput | None,
    acknowledge_in_session: bool,
    idempotency_key: str | None,
) -> models.PushRequest:
    """Queue a push of every course of a calendar the viewer administers."""
    pk = decode_id_argument(calendar_id, "Calendar", "calendarId")
    if not await can_manage_calendar(viewer, pk):
        if await can_read_calendar(viewer, pk):
            raise RefusedError(user_error("FORBIDDEN", FORBIDDEN_MESSAGE, "calendarId"))
        raise RefusedError(not_found("calendar", "calendarId"))

    calendar = await models.Calendar.get(id=pk)
    return await _submit(
        viewer, calendar, None, options, acknowledge_in_session, idempotency_key
    )


async def push_course(
    viewer: models.User,
    course_id: strawberry.ID,
    options: PushOptionsInput | None,
    acknowledge_in_session: bool,
    idempotency_key: str | None,
) -> models.PushRequest:
    """Queue a push of one course the viewer administers to its sections."""
    pk = decode_id_argument(course_id, "Course", "courseId")
    if not await can_manage_course(viewer, pk):
        if await can_read_course(viewer, pk):
            raise RefusedError(user_error("FORBIDDEN", FORBIDDEN_MESSAGE, "courseId"))
        raise RefusedError(not_found("course", "courseId"))

    course = await models.Course.get(id=pk).prefetch_related("calendar")
    return await _submit(
        viewer,
        course.calendar,
        course,
        options,
        acknowledge_in_session,
        idempotency_key,
    )


async def first_submitted_with(
    viewer: models.User, idempotency_key: str | None
) -> models.PushRequest | None:
    """The viewer's request already submitted with this key, if any."""
    check_idempotency_key(idempotency_key)
    if idempotency_key is None:
        return None
    return await submitted_with_key(viewer, idempotency_key)


async def _submit(
    viewer: models.User,
    calendar: models.Calendar,
    course: models.Course | None,
    options: PushOptionsInput | None,
    acknowledge_in_session: bool,
    idempotency_key: str | None,
) -> models.PushRequest:
    wanted = (options or PushOptionsInput()).to_options()
    try:
        if earlier := await first_submitted_with(viewer, idempotency_key):
            return same_push(earlier, calendar, course, wanted)
        request = await submit_push(
            requested_by=viewer,
            calendar=calendar,
            course=course,
            options=wanted,
            acknowledge_in_session=acknowledge_in_session,
            idempotency_key=idempotency_key,
        )
    except PushRequestError as error:
        raise refusal(error) from None

    enqueue_push(request.id)
    return request
