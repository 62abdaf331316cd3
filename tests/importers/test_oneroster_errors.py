"""A bad OneRoster file names its file, line and reason, and nothing is written."""

from pathlib import Path

import pytest

from importers.common import ImportFileError
from importers.oneroster import import_oneroster
from tests.importers import oneroster_files
from tests.importers.counts import row_counts

FILES = oneroster_files.FILES

BAD_FILES = {
    "truncated row": ("users", FILES["users"] + "u4,true,teacher\n", 5, "cells"),
    "bad date": (
        "academicSessions",
        FILES["academicSessions"].replace("2024-10-18", "2024-13-01"),
        4,
        "endDate is not a date",
    ),
    "dangling reference": (
        "enrollments",
        FILES["enrollments"] + "e4,k9,s1,u2,student\n",
        5,
        "k9 is not a known class",
    ),
    "duplicate key": (
        "courses",
        FILES["courses"] + "c1,Geometry,GEO,y1,s1,math\n",
        3,
        "duplicate course c1",
    ),
    "org name longer than its column": (
        "orgs",
        FILES["orgs"].replace("North High", "N" * 5000),
        2,
        "school name has 5000 characters; at most 200 fit",
    ),
    "course code longer than its column": (
        "courses",
        FILES["courses"].replace(",ALG,", f",{'A' * 61},"),
        2,
        "course number has 61 characters; at most 60 fit",
    ),
    "score beyond any column": (
        "results",
        FILES["results"].replace("18.5", "1e400"),
        2,
        "score 1e400 is larger than 9999999.99",
    ),
    "negative score": (
        "results",
        FILES["results"].replace("18.5", "-1"),
        2,
        "score -1 is negative",
    ),
    "negative resultValueMax": (
        "lineItems",
        FILES["lineItems"].replace(",g1,20", ",g1,-20"),
        2,
        "resultValueMax -20 is negative",
    ),
    "zero resultValueMax": (
        "lineItems",
        FILES["lineItems"].replace(",g1,20", ",g1,0"),
        2,
        "resultValueMax 0 must be greater than 0",
    ),
    "column named twice": (
        "users",
        FILES["users"].replace(",email\n", ",User Name\n", 1),
        1,
        "column 'User Name' is named twice (as 'username')",
    ),
    "NUL in a value": (
        "users",
        FILES["users"].replace("Ann", "A\x00nn"),
        3,
        "NUL",
    ),
    "category title of invisible characters": (
        "categories",
        FILES["categories"].replace("Homework", "\u200b\u202e"),
        2,
        "has no visible characters",
    ),
    "missing required column": (
        "lineItems",
        FILES["lineItems"].replace("classSourcedId", "klass"),
        1,
        "missing column classSourcedId",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
async def test_bad_file_is_reported_with_line_and_database_is_unchanged(
    db: str, tmp_path: Path, case: str
) -> None:
    await import_oneroster(oneroster_files.write_export(tmp_path))
    before = await row_counts()
    name, text, line, reason = BAD_FILES[case]
    oneroster_files.write_export(tmp_path, **{name: text})

    with pytest.raises(ImportFileError) as raised:
        await import_oneroster(tmp_path)

    assert raised.value.path == tmp_path / f"{name}.csv"
    assert raised.value.line == line
    assert reason in raised.value.reason
    assert await row_counts() == before


async def test_non_utf8_bytes_are_reported_with_their_line(
    db: str, tmp_path: Path
) -> None:
    oneroster_files.write_export(tmp_path)
    path = tmp_path / "users.csv"
    path.write_bytes(path.read_bytes().replace(b"Ann", b"\xe9Ann"))

    with pytest.raises(ImportFileError) as raised:
        await import_oneroster(tmp_path)

    assert raised.value.path == path
    assert raised.value.line == 3
    assert "not UTF-8" in raised.value.reason
