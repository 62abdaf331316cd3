"""Schools, one calendar each, and the calendar's terms and grading tasks."""

from dataclasses import dataclass

from demo.bulk import ids_by_source_id, insert_all
from demo.names import SCHOOL_NAMES
from demo.school_year import SchoolYear
from models import Calendar, GradingTask, School, Term

QUARTER_GRADE = "Quarter Grade"
SEMESTER_EXAM = "Semester Exam"
SEMESTER_GRADE = "Semester Grade"
FINAL_GRADE = "Final Grade"

# (name, composite): composite tasks are computed from the others.
GRADING_TASKS = (
    (QUARTER_GRADE, False),
    (SEMESTER_EXAM, False),
    (SEMESTER_GRADE, True),
    (FINAL_GRADE, True),
)


@dataclass(frozen=True)
class DemoCalendar:
    """A generated calendar and the ids of its terms and tasks, by name."""

    index: int
    calendar_id: int
    school_id: int
    source_id: str
    term_ids: dict[str, int]
    task_ids: dict[str, int]


def school_name(index: int) -> str:
    base = SCHOOL_NAMES[index % len(SCHOOL_NAMES)]
    round_ = index // len(SCHOOL_NAMES)
    return base if round_ == 0 else f"{base} {round_ + 1}"


async def create_calendars(schools: int, year: SchoolYear) -> list[DemoCalendar]:
    """One school per calendar; terms Q1..Q4, S1, S2 and four grading tasks."""
    await insert_all(School, [_school(i) for i in range(schools)])
    school_ids = await ids_by_source_id(School)

    await insert_all(Calendar, [_calendar(i, school_ids, year) for i in range(schools)])
    calendar_ids = await ids_by_source_id(Calendar)

    ordered = [calendar_ids[f"demo-calendar-{i + 1}"] for i in range(schools)]
    await insert_all(
        Term, [t for i, cid in enumerate(ordered) for t in _terms(i, cid, year)]
    )
    await insert_all(GradingTask, [t for cid in ordered for t in _tasks(cid)])
    return [
        await _loaded_calendar(i, school_ids[f"demo-school-{i + 1}"], calendar_id)
        for i, calendar_id in enumerate(ordered)
    ]


def _school(index: int) -> School:
    return School(source_id=f"demo-school-{index + 1}", name=school_name(index))


def _calendar(index: int, school_ids: dict[str, int], year: SchoolYear) -> Calendar:
    return Calendar(
        source_id=f"demo-calendar-{index + 1}",
        school_id=school_ids[f"demo-school-{index + 1}"],
        name=f"{year.label} {school_name(index)}",
        start_date=year.start,
        end_date=year.end,
    )


def _terms(index: int, calendar_id: int, year: SchoolYear) -> list[Term]:
    return [
        Term(
            source_id=f"demo-calendar-{index + 1}-{term.name}",
            calendar_id=calendar_id,
            name=term.name,
            sequence=term.sequence,
            start_date=term.start,
            end_date=term.end,
        )
        for term in year.terms
    ]


def _tasks(calendar_id: int) -> list[GradingTask]:
    return [
        GradingTask(
            calendar_id=calendar_id, name=name, sequence=sequence, composite=composite
        )
        for sequence, (name, composite) in enumerate(GRADING_TASKS, start=1)
    ]


async def _loaded_calendar(
    index: int, school_id: int, calendar_id: int
) -> DemoCalendar:
    terms = await Term.filter(calendar_id=calendar_id).values_list("name", "id")
    tasks = await GradingTask.filter(calendar_id=calendar_id).values_list("name", "id")
    return DemoCalendar(
        index=index,
        calendar_id=calendar_id,
        school_id=school_id,
        source_id=f"demo-calendar-{index + 1}",
        term_ids={str(name): int(pk) for name, pk in terms},
        task_ids={str(name): int(pk) for name, pk in tasks},
    )
