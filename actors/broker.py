"""The broker of this process: in memory when embedded, Redis in production."""

import os

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from settings import SETTINGS

# A dead worker's messages come back after this long (the default is a minute).
HEARTBEAT_TIMEOUT_MS = 15_000


def build_broker() -> dramatiq.Broker:
    if SETTINGS.redis_url is None:
        return StubBroker()
    return RedisBroker(  # type: ignore[no-untyped-call]
        url=SETTINGS.redis_url,
        namespace=os.environ.get("GRADEPUSH_QUEUE_NAMESPACE", "gradepush"),
        heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
    )


broker = build_broker()
dramatiq.set_broker(broker)
