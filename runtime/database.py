"""Opening the database and bringing its schema up to date."""

import logging
from pathlib import Path

import asyncpg
from tortoise import Tortoise
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate

from settings import tortoise_config

logger = logging.getLogger(__name__)

# Any fixed number: the advisory lock that one migrating process holds.
_MIGRATION_LOCK = 4_241_000


def _ensure_sqlite_folder(database_url: str) -> None:
    if not database_url.startswith("sqlite://"):
        return
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


async def migrate_database(database_url: str) -> None:
    """Apply every pending migration; a no-op on a database that is current.

    Runs in a context of its own so that the caller's connections are untouched.
    On PostgreSQL an advisory lock serialises processes that start together
    (several worker processes and servers), so each migration runs once.
    """
    _ensure_sqlite_folder(database_url)
    if not database_url.startswith("postgres"):
        await _migrate(database_url)
        return
    lock = await asyncpg.connect(database_url.split("?", 1)[0])
    try:
        await lock.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK)
        await _migrate(database_url)
    finally:
        await lock.close()


async def _migrate(database_url: str) -> None:
    config = tortoise_config(database_url)
    async with TortoiseContext() as context:
        await context.init(config=config)
        await migrate(config=config)
    logger.info("database schema is up to date")


async def open_database(database_url: str, *, custom_plans: bool = False) -> None:
    """Connect this process to the database, for every task of its event loop.

    The global fallback matters: uvicorn's lifespan and Dramatiq's actor
    coroutines run in contexts other than the one that called init.
    ``custom_plans`` is for the API server (see `settings.tortoise_config`).
    """
    _ensure_sqlite_folder(database_url)
    await Tortoise.init(
        config=tortoise_config(database_url, custom_plans=custom_plans),
        _enable_global_fallback=True,
    )


async def close_database() -> None:
    """Close connections; an open aiosqlite thread would keep the process alive."""
    await Tortoise.close_connections()
