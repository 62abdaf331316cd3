"""Small, explicit districts for push tests, built straight through the ORM."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from models import (
    Assignment,
    Calendar,
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    GradingTask,
    School,
    Section,
    SectionCategory,
    SectionTeacher,
    SectionTerm,
    Term,
    User,
)
from models.base import name_key, normalize_name
from models.section import CategoryOrigin
from models.user import Role

FUTURE_START = datetime.date(2099, 8, 20)


@dataclass
class District:
    """One calendar with two quarters, a semester task, and one course."""

    calendar: Calendar
    q1: Term
    q2: Term
    quarter: GradingTask
    semester: GradingTask
    course: Course
    admin: User


async def build_district(start: datetime.date = FUTURE_START) -> District:
    school = await School.create(source_id="school-1", name="North High")
    calendar = await Calendar.create(
        source_id="cal-1",
        school=school,
        name="2099-00 North High",
        start_date=start,
        end_date=start + datetime.timedelta(days=290),
    )
    q1 = await _term(calendar, "Q1", 1, start)
    q2 = await _term(calendar, "Q2", 2, start + datetime.timedelta(days=70))
    quarter = await GradingTask.create(calendar=calendar, name="Quarter Grade")
    semester = await GradingTask.create(
        calendar=calendar, name="Semester Grade", composite=True
    )
    course = await Course.create(
        source_id="course-1", calendar=calendar, number="ALG-1", name="Algebra I"
    )
    admin = await User.create(
        username="district.admin", display_name="Ada Admin", role=Role.DISTRICT_ADMIN
    )
    return District(calendar, q1, q2, quarter, semester, course, admin)


async def _term(
    calendar: Calendar, name: str, sequence: int, start: datetime.date
) -> Term:
    return await Term.create(
        source_id=f"{calendar.source_id}-{name}",
        calendar=calendar,
        name=name,
        sequence=sequence,
        start_date=start,
        end_date=start + datetime.timedelta(days=60),
    )


async def add_course_category(
    course: Course, name: str, weight: str = "25", sequence: int = 1
) -> CourseCategory:
    return await CourseCategory.create(
        course=course,
        name=normalize_name(name),
        name_key=name_key(name),
        weight=Decimal(weight),
        sequence=sequence,
    )


async def add_calc_option(course: Course, term: Term, task: GradingTask) -> None:
    await CourseCalcOption.create(course=course, term=term, grading_task=task)


async def add_composite(
    course: Course, term: Term, task: GradingTask, parts: dict[GradingTask, str]
) -> None:
    composite = await CourseComposite.create(
        course=course, term=term, grading_task=task
    )
    for component, weight in parts.items():
        await CourseCompositePart.create(
            composite=composite, component_task=component, weight=Decimal(weight)
        )


async def add_section(
    course: Course, number: str, terms: list[Term], teacher: User | None = None
) -> Section:
    section = await Section.create(
        source_id=f"{course.source_id}-{number}", course=course, number=number
    )
    for term in terms:
        await SectionTerm.create(section=section, term=term)
    if teacher is not None:
        await SectionTeacher.create(section=section, teacher=teacher)
    return section


async def add_teacher(username: str) -> User:
    return await User.create(
        username=username, display_name=username, role=Role.TEACHER
    )


async def add_teacher_category(
    section: Section, name: str, assignments: int = 0
) -> SectionCategory:
    category = await SectionCategory.create(
        section=section,
        name=normalize_name(name),
        name_key=name_key(name),
        weight=Decimal("10"),
        origin=CategoryOrigin.TEACHER,
    )
    for index in range(assignments):
        await Assignment.create(
            source_id=f"{section.source_id}-{category.id}-{index}",
            section=section,
            category=category,
            name=f"Work {index}",
            points_possible=Decimal("10"),
        )
    return category


async def section_categories(section: Section) -> dict[str, SectionCategory]:
    """The section's categories by name, freshly read."""
    return {c.name: c for c in await SectionCategory.filter(section=section)}
