"""The push actors: start a request, push a batch of courses, give up on a batch.

Every actor is safe to run twice: the database row of the request decides what
is left to do, so a redelivered message only finishes what is missing.
"""

import logging
from typing import Any

import dramatiq

import actors  # noqa: F401  (selects the broker before the actors bind to it)
from push.course_push import fail_courses, push_courses
from push.requests import begin_push

logger = logging.getLogger(__name__)

QUEUE = "push"
# A batch of a few hundred sections takes seconds; ten minutes means stuck.
BATCH_TIME_LIMIT_MS = 10 * 60 * 1000


@dramatiq.actor(queue_name=QUEUE, max_retries=3, min_backoff=1000, max_backoff=30_000)
async def start_push(request_id: int) -> None:
    """Start or resume a request and send a message per batch of pending courses.

    Retried up to 3 times on a fault (for example the database briefly down).
    """
    batches = await begin_push(request_id)
    for course_ids in batches:
        push_courses_actor.send(request_id, course_ids)
    logger.info("push request %s: %s batch messages sent", request_id, len(batches))


@dramatiq.actor(
    actor_name="push_courses",
    queue_name=QUEUE,
    max_retries=3,
    min_backoff=1000,
    max_backoff=30_000,
    time_limit=BATCH_TIME_LIMIT_MS,
    on_retry_exhausted="give_up_courses",
)
async def push_courses_actor(request_id: int, course_ids: list[int]) -> None:
    """Push a batch of courses of a request.

    Retried up to 3 times with backoff when the batch as a whole fails (a
    failing section is recorded, not raised); after that its courses fail.
    """
    await push_courses(request_id, course_ids)


@dramatiq.actor(queue_name=QUEUE, max_retries=3, min_backoff=1000)
async def give_up_courses(message: dict[str, Any], retry_info: dict[str, Any]) -> None:
    """Record courses whose retries ran out as failed, so the request can end."""
    request_id, course_ids = message["args"]
    reason = f"gave up after {retry_info.get('retries', 0)} retries"
    logger.warning("push request %s courses %s: %s", request_id, course_ids, reason)
    await fail_courses(request_id, course_ids, reason)


def enqueue_push(request_id: int) -> None:
    """Hand a committed request to the workers."""
    start_push.send(request_id)
