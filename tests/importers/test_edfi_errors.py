"""A bad Ed-Fi file names its file, line and reason, and nothing is written."""

from pathlib import Path

import pytest

from importers.common import ImportFileError
from importers.edfi import import_edfi
from tests.importers import edfi_files
from tests.importers.counts import row_counts


async def test_tiny_district_imports_one_course_and_section(
    db: str, tmp_path: Path
) -> None:
    summary = await import_edfi(edfi_files.write_district(tmp_path))

    assert summary.created["courses"] == 1
    assert summary.created["sections"] == 1
    assert summary.created["section terms"] == 1


BAD_FILES = {
    "truncated": (
        "EducationOrgCalendar",
        edfi_files.calendar()[:-60],
        "not a well-formed XML file",
    ),
    "bad date": (
        "EducationOrgCalendar",
        edfi_files.calendar(begin="2021-02-30"),
        "BeginDate is not a date",
    ),
    "dangling reference": (
        "MasterSchedule",
        edfi_files.schedule(section_session="Spring"),
        "refers to unknown course offering",
    ),
    "duplicate key": (
        "EducationOrganization",
        edfi_files.organizations().replace(
            "</School>",
            "</School><School><SchoolId>1</SchoolId>"
            "<NameOfInstitution>Other</NameOfInstitution></School>",
        ),
        "duplicate school",
    ),
    "school name longer than its column": (
        "EducationOrganization",
        edfi_files.organizations(school_name="N" * 5000),
        "school name has 5000 characters; at most 200 fit",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
async def test_bad_file_is_reported_with_line_and_database_is_unchanged(
    db: str, tmp_path: Path, case: str
) -> None:
    await import_edfi(edfi_files.write_district(tmp_path))
    before = await row_counts()
    name, text, reason = BAD_FILES[case]
    edfi_files.write_district(tmp_path, **{name: text})

    with pytest.raises(ImportFileError) as raised:
        await import_edfi(tmp_path)

    assert raised.value.path == tmp_path / f"{name}.xml"
    assert raised.value.line is not None
    assert raised.value.line > 1
    assert reason in raised.value.reason
    assert await row_counts() == before


async def test_non_utf8_bytes_are_reported_with_their_line(
    db: str, tmp_path: Path
) -> None:
    edfi_files.write_district(tmp_path)
    path = tmp_path / "EducationOrganization.xml"
    path.write_bytes(path.read_bytes().replace(b"North High", b"North \xff High"))
    before = await row_counts()

    with pytest.raises(ImportFileError) as raised:
        await import_edfi(tmp_path)

    assert raised.value.path == path
    assert raised.value.line == 5
    assert await row_counts() == before


@pytest.mark.parametrize(
    ("score", "reason"),
    [("1e400", "is larger than 9999999.99"), ("-3", "is negative")],
)
async def test_a_grand_bend_score_out_of_range_is_refused_at_its_entry(
    db: str, shared_data: Path, tmp_path: Path, score: str, reason: str
) -> None:
    for source in (shared_data / "edfi-grand-bend").glob("*.xml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    gradebook = tmp_path / "StudentGradebook.xml"
    text = gradebook.read_text(encoding="utf-8")
    first = text.index("<NumericGradeEarned>") + len("<NumericGradeEarned>")
    end = text.index("<", first)
    gradebook.write_text(text[:first] + score + text[end:], encoding="utf-8")
    before = await row_counts()

    with pytest.raises(ImportFileError) as raised:
        await import_edfi(tmp_path)

    assert raised.value.path == gradebook
    assert f"NumericGradeEarned {score} {reason}" in raised.value.reason
    assert await row_counts() == before
