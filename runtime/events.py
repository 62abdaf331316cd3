"""Event fan-out seen from the publishing side: one publisher per process.

The server installs an in-process fan-out (embedded) or Redis (production) at
start; worker processes install a Redis publisher. Code that runs without one
(the CLI, plain unit tests) publishes into nothing, which is harmless: every
event is also a row change a subscriber can read back.
"""

from typing import Any, Protocol


class EventPublisher(Protocol):
    async def publish(self, channel: str, message: dict[str, Any]) -> None: ...


_publisher: EventPublisher | None = None


def set_publisher(publisher: EventPublisher | None) -> None:
    global _publisher
    _publisher = publisher


def get_publisher() -> EventPublisher | None:
    return _publisher


async def publish(channel: str, message: dict[str, Any]) -> None:
    if _publisher is not None:
        await _publisher.publish(channel, message)


def push_request_channel(request_id: int) -> str:
    return f"push-request:{request_id}"


def notification_channel(user_id: int) -> str:
    return f"notifications:{user_id}"
