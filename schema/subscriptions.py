"""Live updates: one push request until it ends, and the caller's new notifications.

Both are checked when they start: a request the caller may not manage is
refused with NOT_FOUND, exactly like a missing one, before anything streams.
Each event is read afresh within the caller's rights, so a stream never shows
more than the caller may see, and ends when the request is out of reach.
"""

import logging
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing
from typing import Annotated, Any, cast

import strawberry
from graphql import ExecutionResult
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType

import models
from runtime.live import new_notifications, push_request_changes
from runtime.pubsub import LocalPubSub
from schema.context import ApiInfo, Context
from schema.errors import ApiError
from schema.notifications import Notification, notifications_for_viewer
from schema.push.refusals import manageable_push_requests
from schema.push.types import GLOBAL_TYPE, PushRequest
from schema.relay import decode_global_id

logger = logging.getLogger(__name__)


class PushRequestNotFoundError(ApiError):
    """A push request that is missing, or that the caller may not manage."""

    code = "NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("No push request with that id.")


class SubscriptionOverHttpError(ApiError):
    """A subscription sent as a plain HTTP request, which cannot stream."""

    def __init__(self) -> None:
        super().__init__(
            "Subscriptions are served over WebSocket at /graphql"
            " (graphql-transport-ws or graphql-ws)."
        )


def _subscription(
    description: str,
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`@strawberry.subscription(description=...)`, typed for mypy."""

    def decorate(method: Callable[..., Any]) -> StrawberryField:
        return strawberry.subscription(method, description=description)

    return decorate


class SubscriptionsOverWebSocket(SchemaExtension):
    """Answer a subscription sent over plain HTTP with a clear error.

    Over HTTP, GraphQL would run it as a query and answer a baffling null.
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        over_http = isinstance(context, Context) and not isinstance(
            context.request, WebSocket
        )
        is_subscription = (
            self.execution_context.operation_type is OperationType.SUBSCRIPTION
        )
        if over_http and is_subscription and not self.execution_context.result:
            error = SubscriptionOverHttpError()
            self.execution_context.result = ExecutionResult(data=None, errors=[error])
        yield


def _fan_out(info: ApiInfo) -> LocalPubSub:
    """The event fan-out of this server process, set up by its lifespan."""
    return cast(LocalPubSub, info.context.request.app.state.pubsub)


@strawberry.type(description="Live updates, pushed to the caller as they happen.")
class LiveSubscriptions:
    @_subscription(
        "The push request now, then whenever its status, progress or counts"
        " change (while running, at least every few seconds); the last event"
        " carries the final status and counts, and the stream ends."
    )
    async def push_request_updated(
        self,
        info: ApiInfo,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The global id of a PushRequest."),
        ],
    ) -> AsyncGenerator[PushRequest, None]:
        viewer = info.context.viewer
        pk = decode_global_id(id, GLOBAL_TYPE)
        if not await manageable_push_requests(viewer).filter(id=pk).exists():
            raise PushRequestNotFoundError()

        async def read() -> models.PushRequest | None:
            return await manageable_push_requests(viewer).get_or_none(id=pk)

        logger.debug("user %s watches push request %s", viewer.pk, pk)
        changes = push_request_changes(_fan_out(info), pk, read)
        return _push_request_events(info.context, changes)

    @_subscription(
        "Each notification the caller receives from now on, as it is created."
    )
    async def notification_added(
        self, info: ApiInfo
    ) -> AsyncGenerator[Notification, None]:
        viewer = info.context.viewer
        logger.debug("user %s watches their notifications", viewer.pk)
        batches = new_notifications(_fan_out(info), viewer.pk)
        return _notification_events(info.context, batches)


async def _push_request_events(
    context: Context, changes: AsyncGenerator[models.PushRequest, None]
) -> AsyncGenerator[PushRequest, None]:
    async with aclosing(changes):
        async for request in changes:
            _fresh_loaders(context)
            yield PushRequest.from_model(request)


async def _notification_events(
    context: Context, batches: AsyncGenerator[list[models.Notification], None]
) -> AsyncGenerator[Notification, None]:
    async with aclosing(batches):
        async for batch in batches:
            _fresh_loaders(context)
            for notification in await notifications_for_viewer(context.viewer, batch):
                yield notification


def _fresh_loaders(context: Context) -> None:
    """Loaders cache rows; a stream lives long, so each event starts with new ones."""
    context.start_operation()
