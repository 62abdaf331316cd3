"""The GraphQL endpoint: who is calling, over HTTP and over WebSocket.

Over HTTP the bearer token comes with every request; over WebSocket it comes
once, in the `connection_init` payload, and a socket without a valid one is
closed (4403 on graphql-transport-ws) before any operation runs.
"""

import logging
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.schema.base import BaseSchema
from strawberry.types.unset import UnsetType

from auth.tokens import user_for_token
from schema.context import Context
from schema.request_body import RequestBodyError, request_object

logger = logging.getLogger(__name__)

_BEARER = "bearer "


def bearer_token(authorization: object) -> str | None:
    """The token of an `Authorization: Bearer <token>` value, else None."""
    if not isinstance(authorization, str):
        return None
    if not authorization.lower().startswith(_BEARER):
        return None
    return authorization[len(_BEARER) :].strip() or None


def _connection_token(params: dict[str, object]) -> str | None:
    if "authToken" in params:
        token = params["authToken"]
        return token if isinstance(token, str) else None
    return bearer_token(params.get("authorization"))


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view with the caller resolved from a bearer token.

    It accepts only JSON bodies (Strawberry refuses other content types), each
    one object holding one operation, which a browser cannot send from another
    site without a CORS preflight; GET runs queries only, never mutations.
    """

    def __init__(
        self, schema: BaseSchema, *, production: bool, allowed_origins: Sequence[str]
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allowed_origins=allowed_origins,
        )
        self.production = production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except RequestBodyError as error:
            logger.info("refused a request body: %s", error.message)
            await error.response()(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        """A POST body (bytes) must be one JSON object; query string values
        (text) are left to Strawberry, which checks them itself."""
        if isinstance(data, bytes):
            return request_object(data)
        return super().parse_json(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if isinstance(request, WebSocket):
            return Context(request=request, production=self.production)
        token = bearer_token(request.headers.get("authorization"))
        user = await user_for_token(token)
        return Context(request=request, user=user, production=self.production)

    async def on_ws_connect(
        self, context: Context
    ) -> UnsetType | dict[str, object] | None:
        token = _connection_token(context.connection_params or {})
        context.user = await user_for_token(token)
        if context.user is None:
            logger.info("refused a WebSocket connection without a valid token")
            raise ConnectionRejectionError({"reason": "a valid token is required"})
        return None
