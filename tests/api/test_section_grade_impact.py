"""SPEC section 4 over HTTP: what a push would do to students' grades."""

from decimal import Decimal
from typing import Any

from models import (
    Assignment,
    CourseCalcOption,
    GradingTask,
    Role,
    Score,
    Section,
    SectionCategory,
    SectionTeacher,
    Student,
    Term,
)
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import District, build_district, push_all_courses, until_ended

SUMMARY = """
query ($id: ID!) {
  awaitingPush(calendarId: $id) {
    courses { edges { node { sections { edges { node {
      section { number }
      gradeImpact {
        studentsGraded studentsChanged largestChange gradesGained gradesLost
      }
    } } } } } }
  }
}
"""
DETAIL = """
query ($id: ID!, $changedOnly: Boolean!) {
  sectionGradeImpact(sectionId: $id) {
    section { number }
    studentsGraded studentsChanged largestChange
    students(changedOnly: $changedOnly) {
      totalCount
      edges { node {
        student { firstName lastName }
        changed largestChange
        grades {
          term { name } gradingTask { name } before after difference changed
        }
      } }
    }
  }
}
"""
UPDATE_COURSE_CATEGORY = """
mutation ($input: UpdateCategoryInput!) {
  updateCourseCategory(input: $input) { errors { code message } }
}
"""

Json = dict[str, Any]
# Points out of 10 in Homework and Tests. Weighted 40/60 the grades are 70, 80
# and 100; weighted 60/60 they are 75, 75 and 100.
SCORES = {"Ada": (10, 5), "Bo": (5, 10), "Cy": (10, 10)}


async def _graded_section(api: Api) -> tuple[District, Section]:
    """One pushed section with an in-progress Q1 grade and three students' scores."""
    district = await build_district(courses=1, sections_per_course=1)
    (course,) = district.courses
    q1 = await Term.get(calendar=district.calendar, name="Q1")
    quarter = await GradingTask.get(calendar=district.calendar, name="Quarter Grade")
    await CourseCalcOption.create(course=course, term=q1, grading_task=quarter)
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    (section,) = district.sections
    for name, points in SCORES.items():
        student = await Student.create(source_id=name, first_name=name, last_name="Lee")
        for category, earned in zip(("Homework", "Tests"), points, strict=True):
            await _score(section, category, q1, student, earned)
    return district, section


async def _score(
    section: Section, category: str, term: Term, student: Student, points: int
) -> None:
    copy = await SectionCategory.get(section=section, name=category)
    assignment = await Assignment.create(
        source_id=f"{category}-{student.source_id}",
        section=section,
        category=copy,
        term=term,
        name=f"{category} 1",
        points_possible=Decimal(10),
    )
    await Score.create(assignment=assignment, student=student, points=points)


async def _weigh_homework(api: Api, district: District, weight: str) -> None:
    homework = await district.courses[0].categories.filter(name="Homework").get()
    input = {"id": global_id("CourseCategory", homework.pk), "weight": weight}
    data = await api.data(
        UPDATE_COURSE_CATEGORY, district.admin_token, {"input": input}
    )
    assert data["updateCourseCategory"]["errors"] == []


async def _detail(
    api: Api, token: str, section: Section, changed_only: bool = False
) -> Json | None:
    variables = {"id": global_id("Section", section.pk), "changedOnly": changed_only}
    data = await api.data(DETAIL, token, variables)
    detail: Json | None = data["sectionGradeImpact"]
    return detail


def _grades(detail: Json) -> dict[str, list[tuple[Decimal | None, ...]]]:
    """Each listed student's Q1 grades as (before, after, difference)."""
    grades: dict[str, list[tuple[Decimal | None, ...]]] = {}
    for edge in detail["students"]["edges"]:
        node = edge["node"]
        grades[node["student"]["firstName"]] = [
            tuple(_decimal(grade[side]) for side in ("before", "after", "difference"))
            for grade in node["grades"]
        ]
    return grades


def _grade(before: int, after: int, difference: int) -> tuple[Decimal | None, ...]:
    return (Decimal(before), Decimal(after), Decimal(difference))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


async def test_report_says_how_many_students_grades_would_change_and_by_how_much(
    api: Api,
) -> None:
    # given a pushed, graded section
    district, _ = await _graded_section(api)

    # when the course's Homework weight goes from 40 to 60
    await _weigh_homework(api, district, "60")
    data = await api.data(SUMMARY, district.admin_token, {"id": district.calendar_id})

    # then two of the three students' grades would change, by 5 at most
    (course,) = data["awaitingPush"]["courses"]["edges"]
    (section,) = course["node"]["sections"]["edges"]
    impact = section["node"]["gradeImpact"]
    assert (impact["studentsGraded"], impact["studentsChanged"]) == (3, 2)
    assert Decimal(impact["largestChange"]) == 5
    assert (impact["gradesGained"], impact["gradesLost"]) == (0, 0)


async def test_section_grade_impact_shows_each_students_grade_before_and_after(
    api: Api,
) -> None:
    district, section = await _graded_section(api)
    await _weigh_homework(api, district, "60")

    changed = await _detail(api, district.admin_token, section, changed_only=True)
    everyone = await _detail(api, district.admin_token, section)

    assert changed is not None
    assert everyone is not None
    assert changed["section"] == {"number": "1"}
    assert (changed["studentsGraded"], changed["studentsChanged"]) == (3, 2)
    assert _grades(changed) == {"Ada": [_grade(70, 75, 5)], "Bo": [_grade(80, 75, -5)]}
    assert _grades(everyone)["Cy"] == [_grade(100, 100, 0)]
    (grade,) = everyone["students"]["edges"][0]["node"]["grades"]
    assert (grade["term"]["name"], grade["gradingTask"]["name"]) == (
        "Q1",
        "Quarter Grade",
    )


async def test_a_section_in_line_has_grades_that_would_not_change(api: Api) -> None:
    district, section = await _graded_section(api)

    detail = await _detail(api, district.admin_token, section)

    assert detail is not None
    assert detail["studentsChanged"] == 0
    assert Decimal(detail["largestChange"]) == 0
    assert _grades(detail) == {
        "Ada": [_grade(70, 70, 0)],
        "Bo": [_grade(80, 80, 0)],
        "Cy": [_grade(100, 100, 0)],
    }


async def test_only_administrators_who_may_push_see_a_sections_grade_impact(
    api: Api,
) -> None:
    # given the section's own teacher, another school's administrator, and a
    # section that no longer exists
    district, section = await _graded_section(api)
    teacher, teacher_token = await builders.user(Role.TEACHER)
    await SectionTeacher.create(section=section, teacher=teacher)
    outsider_school = await builders.school("South High")
    _, outsider_token = await builders.user(Role.SCHOOL_ADMIN, [outsider_school])
    removed = await builders.section(district.courses[0], "2")
    await removed.delete()

    # then each of them gets null, as for the missing section
    for token in (teacher_token, outsider_token):
        assert await _detail(api, token, section) is None
    assert await _detail(api, district.admin_token, removed) is None
