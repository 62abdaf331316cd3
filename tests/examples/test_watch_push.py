"""The example client pushes a calendar and watches it end, in both run modes.

Embedded: the server runs the push in its own worker threads. Production: a
server process and a separate `dramatiq` worker share PostgreSQL and Redis.
"""

from pathlib import Path

import pytest

from auth.tokens import issue_token
from settings import Settings
from tests.api.conftest import serving
from tests.conftest import BACKEND
from tests.examples.client import ClientRun, add_courses, run_example
from tests.production.processes import new_namespace, running_server, running_worker
from tests.push.builders import build_district
from tests.services import REDIS_URL, require_service

COURSES, SECTIONS = 6, 3


def _assert_watched_to_the_end(run: ClientRun) -> None:
    assert run.returncode == 0, run.output
    lines = run.output.splitlines()
    assert any(line.endswith(" QUEUED") for line in lines), run.output
    assert any(line.startswith("COMPLETED") for line in lines), run.output
    assert f"sections changed {COURSES * SECTIONS}," in run.output
    assert "notification: Push to 2099-00 North High (all courses) completed" in lines


async def test_the_example_client_watches_an_embedded_push(database_url: str) -> None:
    settings = Settings(database_url=database_url, production=False)
    async with serving(settings) as url:
        district = await build_district()
        await add_courses(district, COURSES, SECTIONS)
        token = await issue_token(district.admin, "example")

        run = await run_example(f"{url}/graphql", token)

    _assert_watched_to_the_end(run)


async def test_the_example_client_watches_a_push_run_by_a_worker_process(
    db: str, tmp_path: Path
) -> None:
    if BACKEND != "postgres":
        pytest.skip("separate worker processes need PostgreSQL")
    require_service("Redis", REDIS_URL)
    district = await build_district()
    await add_courses(district, COURSES, SECTIONS)
    token = await issue_token(district.admin, "example")
    namespace, log = new_namespace(), tmp_path / "processes.log"

    with (
        running_server(db, namespace, log) as port,
        running_worker(db, namespace, log),
    ):
        run = await run_example(f"http://127.0.0.1:{port}/graphql", token)

    _assert_watched_to_the_end(run)
