"""Event fan-out to subscribers: in process, or across processes through Redis.

Subscribers always listen on a local fan-out. In production one Redis pattern
subscription per server process feeds that fan-out, so a thousand WebSocket
clients cost one Redis connection and leave nothing behind when they go.
"""

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as redis

logger = logging.getLogger(__name__)

Message = dict[str, Any]
# Events live in the job queue's namespace: deployments (and test runs) that
# share one Redis never hear each other's events.
_REDIS_PREFIX = os.environ.get("GRADEPUSH_QUEUE_NAMESPACE", "gradepush") + ":"


class Subscription:
    """Messages of one channel for one subscriber, in publication order."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=1000)
        self.loop = asyncio.get_running_loop()

    async def get(self, wait_seconds: float) -> Message:
        """The next message; TimeoutError when none arrives in time."""
        return await asyncio.wait_for(self.queue.get(), wait_seconds)

    def offer(self, message: Message) -> None:
        if self.queue.full():
            logger.warning("a slow subscriber dropped an event; it will re-read")
            return
        self.queue.put_nowait(message)


class LocalPubSub:
    """In-process fan-out; safe to publish into from any thread."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}

    async def publish(self, channel: str, message: Message) -> None:
        self.deliver(channel, message)

    def deliver(self, channel: str, message: Message) -> None:
        for subscription in list(self._subscribers.get(channel, ())):
            subscription.loop.call_soon_threadsafe(subscription.offer, message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        """Listen on a channel; the subscription is live when the body starts."""
        subscription = Subscription()
        self._subscribers.setdefault(channel, set()).add(subscription)
        try:
            yield subscription
        finally:
            listeners = self._subscribers.get(channel, set())
            listeners.discard(subscription)
            if not listeners:
                self._subscribers.pop(channel, None)

    @property
    def channel_count(self) -> int:
        return len(self._subscribers)


class RedisPublisher:
    """Publishes events to Redis, for worker processes and server processes alike."""

    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(url)

    async def publish(self, channel: str, message: Message) -> None:
        """Publish, or drop the event while Redis is away: it is a row change too.

        A push must not fail over a lost event; subscribers read the rows back.
        """
        try:
            await self._client.publish(_REDIS_PREFIX + channel, json.dumps(message))
        except redis.RedisError as error:
            logger.warning("event on %s dropped, Redis unreachable: %s", channel, error)

    async def close(self) -> None:
        await self._client.aclose()


class RedisFanOut(LocalPubSub):
    """A local fan-out fed by one Redis pattern subscription of this process."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self._publisher = RedisPublisher(url)
        self._client = redis.Redis.from_url(url)
        self._pubsub = self._client.pubsub()
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Subscribe and wait for Redis to confirm before serving anyone."""
        await self._pubsub.psubscribe(_REDIS_PREFIX + "*")
        while await self._pubsub.get_message(timeout=1.0) is None:
            pass
        self._reader = asyncio.create_task(self._read())

    async def publish(self, channel: str, message: Message) -> None:
        await self._publisher.publish(channel, message)

    async def _read(self) -> None:
        while True:
            try:
                await self._forward_messages()
            except redis.ConnectionError as error:
                logger.warning("event fan-out lost Redis (%s); reconnecting", error)
                await asyncio.sleep(1)

    async def _forward_messages(self) -> None:
        async for raw in self._pubsub.listen():
            if raw["type"] != "pmessage":
                continue
            channel = raw["channel"].decode().removeprefix(_REDIS_PREFIX)
            self.deliver(channel, json.loads(raw["data"]))

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._pubsub.aclose()
        await self._client.aclose()
        await self._publisher.close()
