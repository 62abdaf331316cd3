"""What a server process runs beside its requests, started and stopped together.

Embedded: an in-process event fan-out and Dramatiq worker threads on the
server loop. Production: a Redis-fed fan-out; workers run elsewhere. Both
sweep for push requests whose worker vanished and resume them.
"""

import asyncio
import contextlib
import datetime
import logging
from dataclasses import dataclass

import dramatiq

from actors.broker import broker
from actors.push import enqueue_push
from push.sweeper import claim_stalled_requests
from runtime import events
from runtime.database import close_database, migrate_database, open_database
from runtime.embedded_worker import start_embedded_worker, stop_embedded_worker
from runtime.pubsub import LocalPubSub, RedisFanOut
from settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class Services:
    pubsub: LocalPubSub
    worker: dramatiq.Worker | None
    sweeper: asyncio.Task[None]


async def start_services(settings: Settings) -> Services:
    """Open the database, the event fan-out, the embedded worker and the sweeper."""
    await migrate_database(settings.database_url)
    await open_database(settings.database_url, custom_plans=True)

    pubsub = await _start_pubsub(settings)
    events.set_publisher(pubsub)

    worker = start_embedded_worker(broker) if settings.embedded else None
    # In memory, an embedded queue forgot everything: resume all active requests.
    first_stale_after = 0.0 if settings.embedded else settings.stale_after_seconds
    await _resume_stalled(first_stale_after)
    sweeper = asyncio.create_task(_sweep(settings))
    return Services(pubsub, worker, sweeper)


async def stop_services(services: Services) -> None:
    services.sweeper.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await services.sweeper
    if services.worker is not None:
        await stop_embedded_worker(services.worker)
    events.set_publisher(None)
    if isinstance(services.pubsub, RedisFanOut):
        await services.pubsub.close()
    await close_database()


async def _start_pubsub(settings: Settings) -> LocalPubSub:
    if settings.redis_url is None:
        return LocalPubSub()
    fan_out = RedisFanOut(settings.redis_url)
    await fan_out.start()
    return fan_out


async def _sweep(settings: Settings) -> None:
    while True:
        await asyncio.sleep(settings.sweep_interval_seconds)
        try:
            await _resume_stalled(settings.stale_after_seconds)
        except Exception:
            logger.exception("the stalled-request sweep failed; retrying later")


async def _resume_stalled(stale_after_seconds: float) -> None:
    stale_after = datetime.timedelta(seconds=stale_after_seconds)
    for request_id in await claim_stalled_requests(stale_after):
        logger.warning("push request %s had no live worker; resuming it", request_id)
        enqueue_push(request_id)
