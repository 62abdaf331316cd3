"""The push actors: start a request, push one course, give up on a course.

Every actor is safe to run twice: the database row of the request decides what
is left to do, so a redelivered message only finishes what is missing.
"""

import logging
from typing import Any

import dramatiq

import actors  # noqa: F401  (selects the broker before the actors bind to it)
from push.course_push import fail_course, push_course
from push.requests import begin_push

logger = logging.getLogger(__name__)

QUEUE = "push"
# A course of a few hundred sections takes seconds; ten minutes means stuck.
COURSE_TIME_LIMIT_MS = 10 * 60 * 1000


@dramatiq.actor(queue_name=QUEUE, max_retries=3, min_backoff=1000, max_backoff=30_000)
async def start_push(request_id: int) -> None:
    """Start or resume a request and send one message per course still pending.

    Retried up to 3 times on a fault (for example the database briefly down).
    """
    course_ids = await begin_push(request_id)
    for course_id in course_ids:
        push_course_actor.send(request_id, course_id)
    logger.info("push request %s: %s course messages sent", request_id, len(course_ids))


@dramatiq.actor(
    actor_name="push_course",
    queue_name=QUEUE,
    max_retries=3,
    min_backoff=1000,
    max_backoff=30_000,
    time_limit=COURSE_TIME_LIMIT_MS,
    on_retry_exhausted="give_up_course",
)
async def push_course_actor(request_id: int, course_id: int) -> None:
    """Push one course of a request.

    Retried up to 3 times with backoff when the course as a whole fails (a
    failing section is recorded, not raised); after that the course fails.
    """
    await push_course(request_id, course_id)


@dramatiq.actor(queue_name=QUEUE, max_retries=3, min_backoff=1000)
async def give_up_course(message: dict[str, Any], retry_info: dict[str, Any]) -> None:
    """Record a course whose retries ran out as failed, so the request can end."""
    request_id, course_id = message["args"]
    reason = f"gave up after {retry_info.get('retries', 0)} retries"
    logger.warning("push request %s course %s: %s", request_id, course_id, reason)
    await fail_course(request_id, course_id, reason)


def enqueue_push(request_id: int) -> None:
    """Hand a committed request to the workers."""
    start_push.send(request_id)
