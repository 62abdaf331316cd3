"""Submitting push requests and running them in the test's own task, without a
broker."""

from models import Calendar, PushRequest, User
from push.course_push import push_courses
from push.options import PushOptions
from push.requests import begin_push, submit_push

DEFAULT_OPTIONS = PushOptions()


async def submit_calendar_push(
    admin: User,
    calendar: Calendar,
    options: PushOptions = DEFAULT_OPTIONS,
    *,
    acknowledge: bool = False,
) -> PushRequest:
    """A queued request to push every course of the calendar.

    ``acknowledge`` stands for the admin confirming a push while the calendar
    is in session.
    """
    return await submit_push(
        requested_by=admin,
        calendar=calendar,
        course=None,
        options=options,
        acknowledge_in_session=acknowledge,
    )


async def run_inline(request: PushRequest) -> PushRequest:
    """Start the request and push each batch of its courses, as the workers would."""
    for course_ids in await begin_push(request.id):
        await push_courses(request.id, course_ids)
    return await PushRequest.get(id=request.id)
