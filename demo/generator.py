"""Generate a whole demo district, deterministically from a seed.

Every random choice comes from one ``random.Random(seed)`` drawn in a fixed
order, and rows are inserted in a fixed order, so the same spec gives the same
district with the same ids on a fresh database.
"""

import logging
import random
from collections import Counter

from tortoise.transactions import in_transaction

from demo.course_setup import create_course_setups
from demo.courses import create_courses
from demo.district import GRADING_TASKS, DemoCalendar, create_calendars
from demo.gradebook import create_assignments, enroll_students
from demo.people import create_admins, create_students
from demo.school_year import TERM_ORDER, school_year_around
from demo.sections import assign_teachers, create_sections
from demo.spec import DistrictSpec, GeneratedDistrict
from demo.teacher_categories import create_teacher_categories
from models import School

logger = logging.getLogger(__name__)

SECTIONS_PER_STUDENT = 6


class DemoDistrictExistsError(Exception):
    """The database already holds a demo district; a second one would clash."""


async def database_is_empty() -> bool:
    """True when no school exists yet: nothing was loaded or imported."""
    return not await School.exists()


async def generate_district(spec: DistrictSpec) -> GeneratedDistrict:
    """Write the district of ``spec`` in one transaction; counts of what was made."""
    if await School.filter(source_id__startswith="demo-").exists():
        raise DemoDistrictExistsError("a demo district is already loaded")
    rng = random.Random(spec.seed)
    result = GeneratedDistrict()
    counts: Counter[str] = Counter()

    async with in_transaction():
        year = school_year_around(spec.school_day())
        calendars = await create_calendars(spec.schools, year)
        counts.update(
            schools=spec.schools,
            calendars=spec.schools,
            terms=spec.schools * len(TERM_ORDER),
            grading_tasks=spec.schools * len(GRADING_TASKS),
        )
        counts["users"] += await create_admins(result.users, calendars[0].school_id)
        for calendar in calendars:
            await _fill_calendar(rng, spec, calendar, counts)

    result.counts = dict(counts)
    logger.info("generated demo district with seed %s: %s", spec.seed, result.counts)
    return result


async def _fill_calendar(
    rng: random.Random, spec: DistrictSpec, calendar: DemoCalendar, counts: Counter[str]
) -> None:
    courses = await create_courses(calendar, spec.courses_per_calendar)
    counts["courses"] += len(courses)
    counts["course_setup_rows"] += await create_course_setups(rng, courses)

    sections = await create_sections(rng, courses, spec.sections_per_course)
    counts["sections"] += len(sections)
    teachers = await assign_teachers(
        rng, sections, counts["teachers"] + 1, spec.sections_per_teacher
    )
    counts["teachers"] += teachers
    counts["users"] += teachers

    seats = len(sections) * spec.students_per_section
    pool = max(spec.students_per_section, seats // SECTIONS_PER_STUDENT)
    students = await create_students(rng, calendar.index + 1, pool)
    counts["students"] += len(students)
    roster = await enroll_students(rng, sections, students, spec.students_per_section)
    counts["enrollments"] += sum(len(ids) for ids in roster.values())

    share = spec.teacher_category_share
    own, made = await create_teacher_categories(rng, sections, share)
    counts["teacher_categories"] += made
    assignments, scores = await create_assignments(
        rng, own, spec.assignment_share, roster
    )
    counts["assignments"] += assignments
    counts["scores"] += scores
