"""The courses of a demo calendar, numbered like a district catalogue (ALG-1)."""

from dataclasses import dataclass

from demo.bulk import insert_all
from demo.district import DemoCalendar
from demo.names import ADVISORY_PREFIX, SUBJECTS
from models import Course


@dataclass(frozen=True)
class DemoCourse:
    """A generated course and the calendar it belongs to."""

    course_id: int
    source_id: str
    number: str
    advisory: bool
    calendar: DemoCalendar


async def create_courses(calendar: DemoCalendar, count: int) -> list[DemoCourse]:
    """Insert ``count`` courses into the calendar; returned in catalogue order."""
    rows = [_course(calendar, index) for index in range(count)]
    await insert_all(Course, rows)

    pairs = await Course.filter(calendar_id=calendar.calendar_id).values_list(
        "source_id", "id"
    )
    ids = {str(source_id): int(pk) for source_id, pk in pairs}
    return [
        DemoCourse(
            ids[row.source_id], row.source_id, row.number, row.advisory, calendar
        )
        for row in rows
    ]


def _course(calendar: DemoCalendar, index: int) -> Course:
    prefix, subject, stems = SUBJECTS[index % len(SUBJECTS)]
    nth = index // len(SUBJECTS)
    stem = stems[nth % len(stems)]
    level = nth // len(stems) + 1
    return Course(
        source_id=f"{calendar.source_id}-course-{index + 1}",
        calendar_id=calendar.calendar_id,
        number=f"{prefix}-{nth + 1}",
        name=f"{stem} {level}",
        subject=subject,
        advisory=prefix == ADVISORY_PREFIX,
    )
