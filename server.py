"""The ASGI application: `uvicorn server:app`, or `create_app(settings)` in tests.

GraphQL is served at /graphql over HTTP (GET and POST) and WebSocket. The
lifespan holds what the process needs while it serves; add to it in order of
need, and it closes them in reverse order.
"""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route, WebSocketRoute

from runtime.services import start_services, stop_services
from schema import schema
from schema.limits import MAX_BODY_BYTES
from schema.view import GraphQLView
from settings import Settings, load_settings

logger = logging.getLogger(__name__)

Lifespan = Callable[[Starlette], AbstractAsyncContextManager[None]]


def _lifespan(settings: Settings) -> Lifespan:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """Run the database, event fan-out, worker and sweeper while serving."""
        services = await start_services(settings)
        app.state.pubsub = services.pubsub
        logger.info(
            "serving with database %s, %s",
            settings.database_url.split("@")[-1],
            "embedded worker" if settings.embedded else "Redis workers",
        )
        try:
            yield
        finally:
            await stop_services(services)

    return lifespan


def create_app(settings: Settings | None = None) -> Starlette:
    """The server for these settings (by default, from the environment)."""
    settings = settings or load_settings()
    graphql = GraphQLView(
        schema,
        production=settings.production,
        allowed_origins=settings.allowed_origins,
    )
    routes = [
        Route(
            "/graphql",
            graphql,
            methods=["GET", "POST"],
            max_body_size=MAX_BODY_BYTES,
        ),
        WebSocketRoute("/graphql", graphql),
    ]
    return Starlette(
        routes=routes,
        middleware=[_cors(settings)],
        lifespan=_lifespan(settings),
    )


def _cors(settings: Settings) -> Middleware:
    """Let the listed browser origins call the API; bearer tokens, no cookies."""
    return Middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )


app = create_app()
