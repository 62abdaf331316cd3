"""Shared fixtures: a fresh, migrated database per test on the chosen back end.

GRADEPUSH_TEST_BACKEND=sqlite (default) or postgres picks the back end; `make
test` runs the suite once on each. The schema is migrated once per session into
a template, and every test gets its own copy of it.
"""

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from runtime.database import close_database, migrate_database, open_database
from tests.services import POSTGRES_URL, postgres_database_url, require_service

BACKEND = os.environ.get("GRADEPUSH_TEST_BACKEND", "sqlite")
TEAM_SHARED_DATA = Path("/work/shared/data")
# One template per test session, so that several sessions can share a server.
TEMPLATE_DATABASE = f"gradepush_test_template_{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gradepush")


@pytest.fixture(scope="session")
async def template_url(tmp_root: Path) -> AsyncIterator[str]:
    """A migrated, empty database that each test's database is copied from."""
    if BACKEND != "postgres":
        url = f"sqlite://{tmp_root / 'template.sqlite3'}"
        await migrate_database(url)
        yield url
        return

    require_service("PostgreSQL", POSTGRES_URL)
    await _recreate_postgres_database(TEMPLATE_DATABASE)
    url = postgres_database_url(TEMPLATE_DATABASE)
    await migrate_database(url)
    yield url
    await _admin_execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DATABASE}" WITH (FORCE)')


@pytest.fixture
async def database_url(template_url: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh copy of the template for one test, removed afterwards."""
    if BACKEND == "postgres":
        name = f"gradepush_test_{uuid.uuid4().hex[:12]}"
        await _admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DATABASE}"')
        yield postgres_database_url(name)
        await _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(template_url.removeprefix("sqlite://"), path)
        yield f"sqlite://{path}"


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[str]:
    """This test's database, opened as the process-wide Tortoise connection."""
    await open_database(database_url)
    yield database_url
    await close_database()


@pytest.fixture
def shared_data() -> Path:
    """The public sample data, read where it lies and never copied in.

    GRADEPUSH_SHARED_DATA names its folder; by default it is `../shared/data`
    beside this repository, or the team's shared folder when the repository
    was cloned elsewhere. Tests skip without it, but fail in CI, where the
    Grand Bend tests must run.
    """
    for path in _shared_data_folders():
        if path.is_dir():
            return path
    message = f"sample data not found at {_shared_data_folders()[0]}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; set GRADEPUSH_SHARED_DATA")
    pytest.skip(message)


def _shared_data_folders() -> list[Path]:
    if configured := os.environ.get("GRADEPUSH_SHARED_DATA"):
        return [Path(configured)]
    beside = Path(__file__).resolve().parents[2] / "shared" / "data"
    return [beside, TEAM_SHARED_DATA]


async def _admin_execute(sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def _recreate_postgres_database(name: str) -> None:
    await _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin_execute(f'CREATE DATABASE "{name}"')
