"""Small builders of a district for API tests, written straight through the ORM."""

import datetime
import itertools
from collections.abc import Sequence
from decimal import Decimal

from auth.tokens import issue_token
from models import (
    Calendar,
    Course,
    CourseCategory,
    GradingTask,
    Role,
    School,
    SchoolAdmin,
    Section,
    SectionTeacher,
    SectionTerm,
    Term,
    User,
)
from models.base import name_key

_serial = itertools.count(1)


def _source_id(kind: str) -> str:
    return f"{kind}-{next(_serial)}"


async def school(name: str = "North High") -> School:
    return await School.create(source_id=_source_id("school"), name=name)


async def calendar(of_school: School, name: str = "2025-26") -> Calendar:
    """A calendar with two quarter terms and a quarter grading task."""
    created = await Calendar.create(
        source_id=_source_id("calendar"),
        school=of_school,
        name=name,
        start_date=datetime.date(2025, 8, 20),
        end_date=datetime.date(2026, 6, 5),
    )
    for sequence, term in enumerate(("Q1", "Q2"), start=1):
        await Term.create(
            source_id=_source_id("term"),
            calendar=created,
            name=term,
            sequence=sequence,
            start_date=datetime.date(2025, 8, 20),
            end_date=datetime.date(2026, 1, 20),
        )
    await GradingTask.create(calendar=created, name="Quarter Grade", sequence=1)
    return created


async def course(in_calendar: Calendar, number: str = "ENG1") -> Course:
    return await Course.create(
        source_id=_source_id("course"),
        calendar=in_calendar,
        number=number,
        name=f"Course {number}",
    )


async def course_category(
    of_course: Course, name: str, weight: str, task_ids: Sequence[int] = ()
) -> CourseCategory:
    return await CourseCategory.create(
        course=of_course,
        name=name,
        name_key=name_key(name),
        weight=Decimal(weight),
        task_ids=sorted(task_ids),
    )


async def section(
    of_course: Course, number: str = "1", teachers: Sequence[User] = ()
) -> Section:
    """A section taught by the given teachers, meeting in every term."""
    created = await Section.create(
        source_id=_source_id("section"), course=of_course, number=number
    )
    for teacher in teachers:
        await SectionTeacher.create(section=created, teacher=teacher)
    for term in await Term.filter(calendar__courses__id=of_course.pk):
        await SectionTerm.create(section=created, term=term)
    return created


async def user(role: Role, schools: Sequence[School] = ()) -> tuple[User, str]:
    """A user of the role, administering the given schools, and a token of theirs."""
    username = _source_id(role.value)
    created = await User.create(username=username, display_name=username, role=role)
    for administered in schools:
        await SchoolAdmin.create(user=created, school=administered)
    return created, await issue_token(created, "test")
