"""A course with two sections and the people who edit its setup, for the
setup-editing tests; and the mutation helper they share."""

from dataclasses import dataclass
from typing import Any

from models import (
    Calendar,
    Course,
    CourseCalcOption,
    GradingTask,
    Role,
    Section,
    SectionCalcOption,
    Term,
    User,
)
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api

ERRORS = "errors { code message field }"


@dataclass
class EditingDistrict:
    """One course of a calendar: a section for each of two teachers.

    The school administrator manages the course; a second school's
    administrator sees nothing of it.
    """

    calendar: Calendar
    course: Course
    section: Section
    other_section: Section
    q1: Term
    q2: Term
    quarter_grade: GradingTask
    exam_grade: GradingTask
    semester_grade: GradingTask
    admin: User
    admin_token: str
    teacher: User
    teacher_token: str
    other_teacher_token: str
    outsider_token: str

    @property
    def course_id(self) -> str:
        return global_id("Course", self.course.pk)

    @property
    def section_id(self) -> str:
        return global_id("Section", self.section.pk)

    def term_id(self, term: Term) -> str:
        return global_id("Term", term.pk)

    def task_id(self, task: GradingTask) -> str:
        return global_id("GradingTask", task.pk)


async def build_editing_district() -> EditingDistrict:
    school = await builders.school()
    calendar = await builders.calendar(school)
    course = await builders.course(calendar, "ENG1")
    teacher, teacher_token = await builders.user(Role.TEACHER)
    other_teacher, other_teacher_token = await builders.user(Role.TEACHER)
    section = await builders.section(course, "1", [teacher])
    other_section = await builders.section(course, "2", [other_teacher])
    admin, admin_token = await builders.user(Role.SCHOOL_ADMIN, [school])
    _, outsider_token = await builders.user(
        Role.SCHOOL_ADMIN, [await builders.school("South High")]
    )
    return EditingDistrict(
        calendar=calendar,
        course=course,
        section=section,
        other_section=other_section,
        q1=await Term.get(calendar=calendar, name="Q1"),
        q2=await Term.get(calendar=calendar, name="Q2"),
        quarter_grade=await GradingTask.get(calendar=calendar, name="Quarter Grade"),
        exam_grade=await GradingTask.create(
            calendar=calendar, name="Exam Grade", sequence=2
        ),
        semester_grade=await GradingTask.create(
            calendar=calendar, name="Semester Grade", sequence=3, composite=True
        ),
        admin=admin,
        admin_token=admin_token,
        teacher=teacher,
        teacher_token=teacher_token,
        other_teacher_token=other_teacher_token,
        outsider_token=outsider_token,
    )


async def weight_by_category(district: EditingDistrict) -> None:
    """Grades of Q1 weighted by category, at course and in the teacher's section."""
    await CourseCalcOption.create(
        course=district.course, term=district.q1, grading_task=district.quarter_grade
    )
    await SectionCalcOption.create(
        section=district.section,
        term=district.q1,
        grading_task=district.quarter_grade,
        locked=True,
    )


async def mutate(
    api: Api, query: str, token: str, variables: dict[str, Any], name: str
) -> dict[str, Any]:
    """The payload of a mutation that ran without GraphQL errors."""
    result = await api.post(query, variables, token)
    assert "errors" not in result, result["errors"]
    found: dict[str, Any] = result["data"][name]
    return found


def codes_and_fields(payload: dict[str, Any]) -> list[tuple[str, list[str] | None]]:
    return [(error["code"], error["field"]) for error in payload["errors"]]
