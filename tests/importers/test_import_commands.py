"""The import commands print a summary, or `error: FILE:LINE: REASON` and exit 2."""

import os
import subprocess
import sys
from pathlib import Path

from tests.importers import oneroster_files

REPOSITORY = Path(__file__).resolve().parents[2]


def _gradepush(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": f"sqlite://{database}"}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_import_of_a_bad_file_prints_where_and_why_and_exits_2(
    tmp_path: Path,
) -> None:
    users = oneroster_files.FILES["users"] + "u1,true,student,x,X,Y,\n"
    export = oneroster_files.write_export(tmp_path, users=users)

    done = _gradepush("import-oneroster", str(export), database=tmp_path / "g.db")

    assert done.returncode == 2
    expected = f"error: {export / 'users.csv'}:5: duplicate user u1 (first on line 2)"
    assert expected in done.stderr.splitlines()


def test_an_overlong_org_name_is_a_located_error_not_a_traceback(
    tmp_path: Path,
) -> None:
    orgs = oneroster_files.FILES["orgs"].replace("North High", "N" * 5000)
    export = oneroster_files.write_export(tmp_path, orgs=orgs)

    done = _gradepush("import-oneroster", str(export), database=tmp_path / "g.db")

    assert done.returncode == 2
    reason = "school name has 5000 characters; at most 200 fit"
    assert f"error: {export / 'orgs.csv'}:2: {reason}" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
