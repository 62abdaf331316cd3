"""Course and section setup read back with every field, weights as exact strings."""

from decimal import Decimal

from models import (
    CategoryOrigin,
    CourseCalcOption,
    CourseComposite,
    CourseCompositePart,
    GradingTask,
    Role,
    SectionCategory,
    Term,
)
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api

COURSE = """
query ($id: ID!) {
  course(id: $id) {
    number advisory
    categories {
      name weight sequence hidden excludeFromCalculation dropLowest dropHighest
      gradingTasks { name }
    }
    calcOptions { calcType weighted roundingMode term { name } gradingTask { name } }
    composites { gradingTask { name } components { weight gradingTask { name } } }
  }
}
"""
SECTION = """
query ($id: ID!) {
  section(id: $id) {
    number
    course { number }
    teachers { username }
    terms { name }
    categories { name weight origin locked courseCategory { name } }
  }
}
"""


async def test_course_setup_shows_every_field(api: Api) -> None:
    calendar = await builders.calendar(await builders.school())
    quarter = await GradingTask.get(calendar=calendar)
    semester = await GradingTask.create(
        calendar=calendar, name="Semester Grade", sequence=2, composite=True
    )
    q1 = await Term.get(calendar=calendar, name="Q1")
    course = await builders.course(calendar)
    await builders.course_category(course, "Homework", "33.33", [quarter.pk])
    await CourseCalcOption.create(course=course, term=q1, grading_task=quarter)
    composite = await CourseComposite.create(
        course=course, term=q1, grading_task=semester
    )
    await CourseCompositePart.create(
        composite=composite, component_task=quarter, weight=Decimal("40.00")
    )
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    data = await api.data(COURSE, token, {"id": global_id("Course", course.pk)})

    assert data["course"] == {
        "number": "ENG1",
        "advisory": False,
        "categories": [
            {
                "name": "Homework",
                "weight": "33.33",
                "sequence": 0,
                "hidden": False,
                "excludeFromCalculation": False,
                "dropLowest": 0,
                "dropHighest": 0,
                "gradingTasks": [{"name": "Quarter Grade"}],
            }
        ],
        "calcOptions": [
            {
                "calcType": "IN_PROGRESS",
                "weighted": True,
                "roundingMode": "HALF_UP",
                "term": {"name": "Q1"},
                "gradingTask": {"name": "Quarter Grade"},
            }
        ],
        "composites": [
            {
                "gradingTask": {"name": "Semester Grade"},
                "components": [
                    {"weight": "40.00", "gradingTask": {"name": "Quarter Grade"}}
                ],
            }
        ],
    }


async def test_section_categories_show_origin_lock_and_course_link(api: Api) -> None:
    calendar = await builders.calendar(await builders.school())
    course = await builders.course(calendar)
    homework = await builders.course_category(course, "Homework", "60")
    teacher, token = await builders.user(Role.TEACHER)
    section = await builders.section(course, "3", [teacher])
    await SectionCategory.create(
        section=section,
        course_category=homework,
        name="Homework",
        name_key="homework",
        weight=Decimal("60"),
        origin=CategoryOrigin.PUSHED,
        locked=True,
    )
    await SectionCategory.create(
        section=section, name="Projects", name_key="projects", sequence=1
    )

    data = await api.data(SECTION, token, {"id": global_id("Section", section.pk)})

    assert data["section"] == {
        "number": "3",
        "course": {"number": "ENG1"},
        "teachers": [{"username": teacher.username}],
        "terms": [{"name": "Q1"}, {"name": "Q2"}],
        "categories": [
            {
                "name": "Homework",
                "weight": "60.00",
                "origin": "PUSHED",
                "locked": True,
                "courseCategory": {"name": "Homework"},
            },
            {
                "name": "Projects",
                "weight": "0.00",
                "origin": "TEACHER",
                "locked": False,
                "courseCategory": None,
            },
        ],
    }
