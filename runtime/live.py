"""Live views of a push request and of a user's notifications.

An event on the fan-out only says "something changed"; the row is re-read to
learn what. So a burst of events costs one read, a lost event is made good by
the next one or by a periodic re-check, and what a subscriber sees is always
a state the database really held.
"""

import datetime
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

from models import Notification, PushRequest
from models.push_request import PushStatus
from push import clock
from push.progress import TERMINAL_STATUSES, request_event
from runtime import events
from runtime.pubsub import LocalPubSub, Subscription

# A running request is re-read this often even without an event: workers
# publish progress at most once a second, and may skip the last one.
RUNNING_RECHECK_SECONDS = 2.0
QUEUED_RECHECK_SECONDS = 10.0
NOTIFICATION_RECHECK_SECONDS = 30.0
RequestReader = Callable[[], Awaitable[PushRequest | None]]
# Notifications committed out of id order become visible within this time.
_NOTIFICATION_SETTLE = datetime.timedelta(seconds=60)


async def _next_burst(subscription: Subscription, wait_seconds: float) -> None:
    """Wait for an event, or for the re-check time; swallow the rest of a burst."""
    try:
        await subscription.get(wait_seconds)
    except TimeoutError:
        return
    while not subscription.queue.empty():
        subscription.queue.get_nowait()


async def push_request_changes(
    fan_out: LocalPubSub, request_id: int, read: RequestReader
) -> AsyncGenerator[PushRequest, None]:
    """The request as it stands, then after each change, ending with its end.

    Subscribing comes before the first read, so no change falls in between. A
    request already ended yields once; one that `read` no longer finds ends
    the stream.
    """
    channel = events.push_request_channel(request_id)
    async with fan_out.subscribe(channel) as subscription:
        request = await read()
        while request is not None:
            yield request
            if request.status in TERMINAL_STATUSES:
                return
            request = await _next_change(subscription, request, read)


async def _next_change(
    subscription: Subscription, request: PushRequest, read: RequestReader
) -> PushRequest | None:
    """The request once it differs from `request`; None once it is out of reach."""
    seen = _visible_state(request)
    wait = RUNNING_RECHECK_SECONDS
    if request.status == PushStatus.QUEUED:
        wait = QUEUED_RECHECK_SECONDS
    while True:
        await _next_burst(subscription, wait)
        current = await read()
        if current is None or _visible_state(current) != seen:
            return current


def _visible_state(request: PushRequest) -> dict[str, Any]:
    """What a subscriber can tell apart: not the sequence, which a recount bumps."""
    state = request_event(request)
    del state["seq"]
    return state


class _NewNotifications:
    """Finds a user's notifications not yet handed out, in the order created.

    Ids are not committed in order (two sections commit side by side), so ids
    handed out stay remembered until they are old enough that nothing earlier
    can still appear.
    """

    def __init__(self, user_id: int, after_id: int) -> None:
        self.user_id = user_id
        self.after_id = after_id
        self.handed_out: set[int] = set()

    async def read(self) -> list[Notification]:
        rows = await Notification.filter(
            user_id=self.user_id, id__gt=self.after_id
        ).order_by("id")
        fresh = [row for row in rows if row.pk not in self.handed_out]
        self.handed_out.update(row.pk for row in fresh)
        self._forget_settled(rows)
        return fresh

    def _forget_settled(self, rows: list[Notification]) -> None:
        settled_before = clock.now() - _NOTIFICATION_SETTLE
        settled = [row.pk for row in rows if row.created_at < settled_before]
        if settled:
            self.after_id = max(settled)
            self.handed_out = {pk for pk in self.handed_out if pk > self.after_id}


async def new_notifications(
    fan_out: LocalPubSub, user_id: int
) -> AsyncGenerator[list[Notification], None]:
    """Each batch of notifications the user receives from now on, oldest first."""
    unseen = _NewNotifications(user_id, await _newest_notification_id(user_id))
    channel = events.notification_channel(user_id)
    async with fan_out.subscribe(channel) as subscription:
        while True:
            # Read first: a notification may have come before the subscription.
            if fresh := await unseen.read():
                yield fresh
            await _next_burst(subscription, NOTIFICATION_RECHECK_SECONDS)


async def _newest_notification_id(user_id: int) -> int:
    rows: list[dict[str, Any]] = (
        await Notification.filter(user_id=user_id).order_by("-id").limit(1).values("id")
    )
    return int(rows[0]["id"]) if rows else 0
