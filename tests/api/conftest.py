"""A real server per test, driven over HTTP like a front end.

The app under test owns its database exactly as in production: its lifespan
opens this test's database (the process-wide Tortoise connection) and closes
it on shutdown. So these tests take `database_url`, never `db`, which would
open a second process-wide connection; the builders then write through the
connection the server opened, on the same event loop.
"""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from server import create_app
from settings import Settings

_STARTUP_TIMEOUT_SECONDS = 10


@dataclass
class Api:
    """A GraphQL client for one running server."""

    http: httpx.AsyncClient
    url: str

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables or {}}
        response = await self.http.post(self.url, json=body, headers=headers)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def data(
        self, query: str, token: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The data of a query expected to succeed without errors."""
        result = await self.post(query, variables, token)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data


async def _wait_until_started(server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    async with asyncio.timeout(_STARTUP_TIMEOUT_SECONDS):
        while not server.started:
            if task.done():
                task.result()
                pytest.fail("the server stopped during startup")
            await asyncio.sleep(0.01)


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[str]:
    """Serve the app for these settings on 127.0.0.1 and a free port."""
    app = create_app(settings)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    host, port = listener.getsockname()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    await _wait_until_started(server, task)

    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task
        listener.close()


@pytest.fixture
async def server_url(database_url: str) -> AsyncIterator[str]:
    """A development-mode server until the test ends."""
    async with serving(Settings(database_url=database_url, production=False)) as url:
        yield url


@pytest.fixture
async def api(server_url: str) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield Api(http=http, url=f"{server_url}/graphql")
