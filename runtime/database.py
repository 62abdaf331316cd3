"""Opening the database and bringing its schema up to date."""

import logging
from pathlib import Path

from tortoise import Tortoise
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate

from settings import tortoise_config

logger = logging.getLogger(__name__)


def _ensure_sqlite_folder(database_url: str) -> None:
    if not database_url.startswith("sqlite://"):
        return
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


async def migrate_database(database_url: str) -> None:
    """Apply every pending migration; a no-op on a database that is current.

    Runs in a context of its own so that the caller's connections are untouched.
    """
    _ensure_sqlite_folder(database_url)
    config = tortoise_config(database_url)
    async with TortoiseContext() as context:
        await context.init(config=config)
        await migrate(config=config)
    logger.info("database schema is up to date")


async def open_database(database_url: str) -> None:
    """Connect this process to the database, for every task of its event loop.

    The global fallback matters: uvicorn's lifespan and Dramatiq's actor
    coroutines run in contexts other than the one that called init.
    """
    _ensure_sqlite_folder(database_url)
    await Tortoise.init(
        config=tortoise_config(database_url), _enable_global_fallback=True
    )


async def close_database() -> None:
    """Close connections; an open aiosqlite thread would keep the process alive."""
    await Tortoise.close_connections()
