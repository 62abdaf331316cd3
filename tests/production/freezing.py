"""Holding a worker still at a chosen point of a push, to kill it right there.

A trigger makes the worker's statement wait for an advisory lock that the test
holds, so the worker stops inside the transaction of that step, with the step
begun but not committed. Killing it then hits that exact point every time.
"""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg

# Any fixed number: the advisory lock a frozen statement waits for.
_FREEZE_LOCK = 4_241_777


@dataclass(frozen=True)
class FreezePoint:
    """A statement of the push, as a trigger timing, table and condition."""

    name: str
    timing: str
    table: str
    condition: str


FREEZE_POINTS = (
    FreezePoint(
        "starting the request",
        "BEFORE UPDATE",
        "push_request",
        "OLD.status = 'queued' AND NEW.status = 'running'",
    ),
    FreezePoint(
        "recording a pushed section",
        "BEFORE INSERT",
        "push_section_result",
        "NEW.outcome = 'changed'",
    ),
    FreezePoint(
        "closing a course",
        "BEFORE UPDATE",
        "push_course_task",
        "OLD.status = 'pending' AND NEW.status <> 'pending'",
    ),
    FreezePoint(
        "ending the request",
        "BEFORE UPDATE",
        "push_request",
        "OLD.status = 'running' AND NEW.status <> 'running'",
    ),
    FreezePoint(
        "notifying the requester",
        "BEFORE INSERT",
        "notification",
        "NEW.kind = 'push_request_ended'",
    ),
)


class Freeze:
    """A point armed in one database; ``frozen`` waits until a worker stops there."""

    def __init__(self, connection: asyncpg.Connection, database: str) -> None:
        self._connection = connection
        self._database = database

    async def frozen(self, statements: int = 1, seconds: float = 60) -> None:
        """Wait until ``statements`` statements at once wait at the point."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if await self._waiting_statements() >= statements:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"fewer than {statements} statements reached the point")

    async def _waiting_statements(self) -> int:
        count = await self._connection.fetchval(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
            " WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = $1",
            self._database,
        )
        return int(count)


@asynccontextmanager
async def frozen_at(point: FreezePoint, database_url: str) -> AsyncIterator[Freeze]:
    """Arm ``point``; leaving the block lets waiting statements go and disarms it."""
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", _FREEZE_LOCK)
        await connection.execute(_trigger_sql(point))
        yield Freeze(connection, database_url.rsplit("/", 1)[-1])
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1)", _FREEZE_LOCK)
        await connection.execute(f"DROP TRIGGER gp_freeze ON {point.table}")
        await connection.close()


def _trigger_sql(point: FreezePoint) -> str:
    return (
        "CREATE OR REPLACE FUNCTION gp_freeze() RETURNS trigger AS $$ BEGIN"
        f" PERFORM pg_advisory_xact_lock_shared({_FREEZE_LOCK}); RETURN NEW;"
        " END $$ LANGUAGE plpgsql;"
        f" CREATE TRIGGER gp_freeze {point.timing} ON {point.table}"
        f" FOR EACH ROW WHEN ({point.condition}) EXECUTE FUNCTION gp_freeze();"
    )
