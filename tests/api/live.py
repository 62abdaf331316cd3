"""A WebSocket GraphQL client for tests, speaking either subscription protocol.

graphql-transport-ws says subscribe/next/error/complete; the legacy graphql-ws
says start/data/error/complete. Tests read both through one small interface.
"""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"
PROTOCOLS = (TRANSPORT_WS, LEGACY_WS)
# A guard against a hung test, not a measured limit.
_WAIT_SECONDS = 60

_START = {TRANSPORT_WS: "subscribe", LEGACY_WS: "start"}
_EVENT = {TRANSPORT_WS: "next", LEGACY_WS: "data"}


def websocket_url(server_url: str) -> str:
    return server_url.replace("http://", "ws://", 1) + "/graphql"


class RefusedError(Exception):
    """The server did not acknowledge the connection."""

    def __init__(self, messages: list[dict[str, Any]], close_code: int | None):
        super().__init__(f"refused with {close_code}: {messages}")
        self.messages = messages
        self.close_code = close_code


@dataclass
class Stream:
    """What one operation received until it ended (complete, or an error)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    completed: bool = False


class LiveClient:
    def __init__(self, connection: ClientConnection, protocol: str) -> None:
        self.connection = connection
        self.protocol = protocol

    async def send(self, message: dict[str, Any]) -> None:
        await self.connection.send(json.dumps(message))

    async def receive(self) -> dict[str, Any]:
        """The next message, skipping the legacy protocol's keep-alives."""
        while True:
            async with asyncio.timeout(_WAIT_SECONDS):
                raw = await self.connection.recv()
            message: dict[str, Any] = json.loads(raw)
            if message["type"] != "ka":
                return message

    async def initialise(self, payload: dict[str, Any]) -> None:
        await self.send({"type": "connection_init", "payload": payload})
        messages: list[dict[str, Any]] = []
        try:
            while (message := await self.receive())["type"] != "connection_ack":
                messages.append(message)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise RefusedError(messages, code) from None

    async def close_code(self) -> int | None:
        """How the server closed the connection, once it has."""
        async with asyncio.timeout(_WAIT_SECONDS):
            await self.connection.wait_closed()
        return self.connection.close_code

    async def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, id: str = "1"
    ) -> None:
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": id, "type": _START[self.protocol], "payload": payload})

    async def read_until_complete(self, id: str = "1") -> Stream:
        """Every message of one operation until the server ends it."""
        stream = Stream()
        while not stream.completed:
            message = await self.receive()
            assert message.get("id") == id, message
            self._record(stream, message)
        return stream

    async def next_event(self, id: str = "1") -> dict[str, Any]:
        message = await self.receive()
        assert message.get("id") == id, message
        assert message["type"] == _EVENT[self.protocol], message
        assert "errors" not in message["payload"], message
        data: dict[str, Any] = message["payload"]["data"]
        return data

    def _record(self, stream: Stream, message: dict[str, Any]) -> None:
        kind: str = message["type"]
        payload: Any = message.get("payload")
        if kind == _EVENT[self.protocol]:
            stream.errors += payload.get("errors") or []
            if payload.get("data") is not None:
                stream.events.append(payload["data"])
        elif kind == "error":  # ends the operation, like complete
            stream.errors += payload if isinstance(payload, list) else [payload]
            stream.completed = True
        elif kind == "complete":
            stream.completed = True
        else:
            raise AssertionError(f"unexpected message {message}")


@asynccontextmanager
async def unacknowledged_client(
    server_url: str, protocol: str = TRANSPORT_WS
) -> AsyncIterator[LiveClient]:
    """A connection that has not sent connection_init yet."""
    url = websocket_url(server_url)
    async with connect(url, subprotocols=[protocol]) as ws:  # type: ignore[list-item]
        yield LiveClient(ws, protocol)


@asynccontextmanager
async def live_client(
    server_url: str, token: str | None, protocol: str = TRANSPORT_WS
) -> AsyncIterator[LiveClient]:
    """A connection acknowledged for this bearer token."""
    payload = {"authorization": f"Bearer {token}"} if token else {}
    async with unacknowledged_client(server_url, protocol) as client:
        await client.initialise(payload)
        yield client
