"""The benchmark's own PostgreSQL databases: one template per run, copies of it.

The district is generated once into a template; every measured push starts
from a fresh copy, so each run of a scenario sees exactly the same data.
"""

import logging
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

import asyncpg

from demo.generator import generate_district
from demo.spec import DistrictSpec
from runtime.database import close_database, migrate_database, open_database

logger = logging.getLogger(__name__)

ADMIN_URL = os.environ.get(
    "GRADEPUSH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def database_url(name: str) -> str:
    return urlparse(ADMIN_URL)._replace(path=f"/{name}").geturl()


async def admin_execute(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


class BenchDatabases:
    """Names this benchmark run owns; every one of them is dropped at the end."""

    def __init__(self) -> None:
        self.prefix = f"gradepush_bench_{uuid.uuid4().hex[:8]}"
        self.template = f"{self.prefix}_template"
        self._copies = 0
        self._names: list[str] = []

    async def create_template(self, spec: DistrictSpec) -> str:
        """Migrate a new database and generate the district of ``spec`` into it."""
        await admin_execute(f'CREATE DATABASE "{self.template}"')
        self._names.append(self.template)
        url = database_url(self.template)
        await migrate_database(url)
        async with opened(url):
            generated = await generate_district(spec)
        logger.info("template %s: %s", self.template, generated.counts)
        return url

    async def fresh_copy(self) -> str:
        """A new database copied from the template; its URL."""
        self._copies += 1
        name = f"{self.prefix}_{self._copies}"
        await admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self._names.append(name)
        return database_url(name)

    async def drop(self, url: str) -> None:
        name = urlparse(url).path.lstrip("/")
        await admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._names:
            self._names.remove(name)

    async def drop_all(self) -> None:
        for name in reversed(list(self._names)):
            await self.drop(database_url(name))


@asynccontextmanager
async def opened(url: str) -> AsyncIterator[str]:
    """This process's Tortoise connection on ``url`` for the body."""
    await open_database(url)
    try:
        yield url
    finally:
        await close_database()
