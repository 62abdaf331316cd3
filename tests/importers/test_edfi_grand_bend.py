"""The Grand Bend sample district imports completely, and a second time idly."""

from pathlib import Path

from importers.edfi import import_edfi
from models import Calendar, GradingTask, Role, Term, User
from tests.importers.counts import nothing_changed, row_counts


async def test_grand_bend_imports_fully_and_a_second_import_changes_nothing(
    db: str, shared_data: Path
) -> None:
    directory = shared_data / "edfi-grand-bend"

    first = await import_edfi(directory)
    counts = await row_counts()
    second = await import_edfi(directory)

    assert counts["School"] == 3
    assert counts["Course"] == 84
    assert counts["Section"] == 532
    assert counts["Assignment"] == 10
    assert counts["Score"] == 250
    assert await User.filter(role=Role.TEACHER).count() == 56
    assert sum(first.created.values()) == sum(counts.values())
    assert nothing_changed(second.created, second.updated)
    assert await row_counts() == counts


async def test_grand_bend_calendars_have_semesters_and_grading_tasks(
    db: str, shared_data: Path
) -> None:
    await import_edfi(shared_data / "edfi-grand-bend")

    calendar = await Calendar.get(name="2021-2022 Grand Bend High School")
    terms = await Term.filter(calendar=calendar).order_by("sequence")
    tasks = await GradingTask.filter(calendar=calendar).order_by("sequence")

    assert [t.name for t in terms][2:4] == ["Third Six Weeks", "S1"]
    assert str(calendar.start_date) == "2021-08-23"
    assert str(calendar.end_date) == "2022-05-27"
    assert [(t.name, t.composite) for t in tasks] == [
        ("Six Weeks Grade", False),
        ("Semester Grade", True),
        ("Final Grade", True),
    ]
