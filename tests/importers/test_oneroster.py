"""OneRoster exports import whatever their dialect, and re-import idly."""

from pathlib import Path

from importers.oneroster import import_oneroster
from models import Assignment, Score, Section, SectionCategory, SectionTerm
from tests.importers import oneroster_files
from tests.importers.counts import nothing_changed, row_counts


async def test_oat_sample_imports_schools_and_students_and_skips_courseless_classes(
    db: str, shared_data: Path
) -> None:
    directory = shared_data / "oneroster-oat-sa-v1p1"

    first = await import_oneroster(directory)
    counts = await row_counts()
    second = await import_oneroster(directory)

    assert counts["School"] == 2
    assert counts["Student"] == 2
    assert counts["Section"] == 0
    assert first.skipped["classes without a course or school year"] == 3
    assert nothing_changed(second.created, second.updated)
    assert await row_counts() == counts


async def test_export_with_header_variants_bom_and_ext_columns_imports(
    db: str, tmp_path: Path
) -> None:
    summary = await import_oneroster(oneroster_files.write_export(tmp_path))

    section = await Section.get(source_id="k1")
    assignment = await Assignment.get(source_id="li1").prefetch_related("category")
    assert summary.created["schools"] == 1
    assert summary.created["teachers"] == 1
    assert summary.created["enrollments"] == 1
    assert summary.skipped["classes without a course or school year"] == 1
    assert await SectionTerm.filter(section=section).count() == 2
    assert assignment.category.name == "Homework"
    assert str(assignment.points_possible) == "20.00"
    assert await SectionCategory.filter(section=section).count() == 2
    assert await Score.filter(points=None).count() == 1


async def test_second_import_of_an_export_changes_nothing(
    db: str, tmp_path: Path
) -> None:
    directory = oneroster_files.write_export(tmp_path)
    await import_oneroster(directory)
    counts = await row_counts()

    summary = await import_oneroster(directory)

    assert nothing_changed(summary.created, summary.updated)
    assert sum(summary.unchanged.values()) == sum(counts.values())
    assert await row_counts() == counts


async def test_header_only_gradebook_files_import_as_empty(
    db: str, tmp_path: Path
) -> None:
    headers = {
        name: oneroster_files.FILES[name].splitlines()[0]
        for name in ("categories", "lineItems", "results")
    }
    oneroster_files.write_export(tmp_path, **headers)

    summary = await import_oneroster(tmp_path)

    assert summary.created["sections"] == 1
    assert summary.created["assignments"] == 0
