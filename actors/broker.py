"""The broker of this process: in memory when embedded, Redis in production."""

import os

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from settings import SETTINGS

# A dead worker's messages come back after this long (Dramatiq's default is a
# minute); fault tests shorten it with GRADEPUSH_QUEUE_HEARTBEAT_SECONDS.
HEARTBEAT_TIMEOUT_MS = int(
    1000 * float(os.environ.get("GRADEPUSH_QUEUE_HEARTBEAT_SECONDS", "15"))
)
# Out of a million Redis commands: about one poll in a hundred looks for the
# messages of dead workers (the default, one in a thousand, takes minutes).
MAINTENANCE_CHANCE = 10_000


def build_broker() -> dramatiq.Broker:
    if SETTINGS.redis_url is None:
        return StubBroker()
    return RedisBroker(  # type: ignore[no-untyped-call]
        url=SETTINGS.redis_url,
        namespace=os.environ.get("GRADEPUSH_QUEUE_NAMESPACE", "gradepush"),
        heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
        maintenance_chance=MAINTENANCE_CHANCE,
    )


broker = build_broker()
dramatiq.set_broker(broker)
