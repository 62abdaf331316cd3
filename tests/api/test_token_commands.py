"""Users and tokens made on the command line work against the API."""

import os
import subprocess
import sys

from tests.api import builders
from tests.api.conftest import Api

ME = "query { me { username role } }"


def _gradepush(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        env=os.environ | {"DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_a_token_from_the_command_line_authenticates(
    api: Api, database_url: str
) -> None:
    school = await builders.school()

    created = _gradepush(
        database_url,
        "create-user",
        "--username=ada",
        "--role=school_admin",
        f"--school={school.source_id}",
    )
    issued = _gradepush(database_url, "create-token", "--username=ada")
    data = await api.data(ME, issued.stdout.strip())

    assert created.returncode == 0, created.stderr
    assert issued.returncode == 0, issued.stderr
    assert data["me"] == {"username": "ada", "role": "SCHOOL_ADMIN"}


async def test_a_school_admin_needs_an_existing_school(database_url: str) -> None:
    created = _gradepush(
        database_url,
        "create-user",
        "--username=bob",
        "--role=school_admin",
        "--school=nowhere",
    )

    assert created.returncode == 1
    assert "no school with source id nowhere" in created.stderr
