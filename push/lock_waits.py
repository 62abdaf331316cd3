"""How long a section's push waits for rows that another session holds.

A teacher's long edit or a stuck session may hold a section's rows. Past this
limit the statement fails, so that section fails with the reason while the
rest of the course is pushed, and the worker thread is free again, instead of
the whole course waiting for the actor's time limit. SQLite needs nothing
here: its busy timeout (settings) already bounds every wait.
"""

import os

from tortoise.backends.base.client import BaseDBAsyncClient

SECTION_LOCK_SECONDS = float(os.environ.get("GRADEPUSH_SECTION_LOCK_SECONDS", "30"))


async def limit_lock_waits(transaction: BaseDBAsyncClient) -> None:
    """Bound every lock wait of the rest of ``transaction`` on PostgreSQL."""
    if transaction.capabilities.dialect != "postgres":
        return
    milliseconds = int(SECTION_LOCK_SECONDS * 1000)
    await transaction.execute_script(f"SET LOCAL lock_timeout = {milliseconds}")
