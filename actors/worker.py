"""The module `dramatiq` worker processes load: `dramatiq actors.worker`.

Each worker process runs all actor coroutines on one event loop (Dramatiq's
AsyncIO middleware). The database and the Redis event publisher are opened on
that loop when the process boots and closed before the loop stops.
"""

import asyncio
import logging
import os
from typing import Any

from dramatiq.asyncio import get_event_loop_thread
from dramatiq.middleware.asyncio import AsyncIO

from actors.broker import broker
from actors.push import give_up_courses, push_courses_actor, start_push
from runtime import events
from runtime.database import close_database, migrate_database, open_database
from runtime.pubsub import RedisPublisher
from settings import SETTINGS

logger = logging.getLogger(__name__)

__all__ = ["give_up_courses", "push_courses_actor", "start_push"]


class WorkerResources(AsyncIO):
    """Starts the event loop, then opens the database and publisher on it."""

    def before_worker_boot(self, broker: Any, worker: Any) -> None:
        _step_back_for_servers()
        super().before_worker_boot(broker, worker)  # type: ignore[no-untyped-call]
        _run_on_loop(_open_resources())

    def after_worker_shutdown(self, broker: Any, worker: Any) -> None:
        _run_on_loop(_close_resources())
        super().after_worker_shutdown(broker, worker)  # type: ignore[no-untyped-call]


def _step_back_for_servers() -> None:
    """Lower this process's CPU priority, for it and the threads it starts.

    A calendar push keeps a worker busy for minutes; on a machine that also
    serves the API, the server's short reads should not queue behind it.
    """
    niceness = os.nice(SETTINGS.worker_niceness)
    logger.info("worker process runs at niceness %s", niceness)


def _run_on_loop(coroutine: Any) -> None:
    thread = get_event_loop_thread()
    assert thread is not None
    asyncio.run_coroutine_threadsafe(coroutine, thread.loop).result()


async def _open_resources() -> None:
    await migrate_database(SETTINGS.database_url)
    await open_database(SETTINGS.database_url)
    if SETTINGS.redis_url is not None:
        events.set_publisher(RedisPublisher(SETTINGS.redis_url))
    logger.info("worker process ready on %s", SETTINGS.database_url.split("@")[-1])


async def _close_resources() -> None:
    publisher = events.get_publisher()
    events.set_publisher(None)
    if isinstance(publisher, RedisPublisher):
        await publisher.close()
    await close_database()


broker.add_middleware(WorkerResources())
