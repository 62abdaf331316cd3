"""The demo district is deterministic, sized by its spec and ready for a push."""

import dataclasses
import datetime
from typing import Any

import pytest

from demo.generator import (
    DemoDistrictExistsError,
    database_is_empty,
    generate_district,
)
from demo.spec import DistrictSpec
from models import (
    Assignment,
    Calendar,
    CategoryOrigin,
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    Enrollment,
    School,
    SchoolAdmin,
    Score,
    Section,
    SectionCategory,
    SectionTeacher,
    SectionTerm,
    Student,
    Term,
    User,
)
from models.base import name_key

TODAY = datetime.date(2026, 10, 1)
SMALL = DistrictSpec(
    seed=7,
    schools=2,
    courses_per_calendar=6,
    sections_per_course=4,
    students_per_section=5,
    teacher_category_share=0.5,
    today=TODAY,
)


async def _fingerprint() -> list[list[tuple[Any, ...]]]:
    """Everything that should repeat, in id order, without the ids themselves."""
    course_categories = CourseCategory.all().order_by("id")
    section_categories = SectionCategory.all().order_by("id")
    return [
        await course_categories.values_list(
            "course__source_id", "name", "weight", "sequence", "hidden"
        ),
        await section_categories.values_list("section__source_id", "name", "weight"),
        await Section.all().order_by("id").values_list("source_id", "number"),
        await Score.all().order_by("id").values_list("assignment__source_id", "points"),
    ]


async def _wipe() -> None:
    await School.all().delete()
    await User.all().delete()
    await Student.all().delete()


async def test_the_same_seed_gives_the_same_district_in_the_same_order(
    db: str,
) -> None:
    await generate_district(SMALL)
    first = await _fingerprint()
    await _wipe()

    await generate_district(SMALL)

    assert await _fingerprint() == first


async def test_another_seed_gives_another_district(db: str) -> None:
    await generate_district(SMALL)
    first = await _fingerprint()
    await _wipe()

    await generate_district(dataclasses.replace(SMALL, seed=8))

    assert await _fingerprint() != first


async def test_counts_follow_the_size_arguments(db: str) -> None:
    district = await generate_district(SMALL)

    assert await School.all().count() == 2
    assert await Calendar.all().count() == 2
    assert await Term.all().count() == 2 * 6
    assert await Course.all().count() == 2 * 6
    assert await Section.all().count() == 2 * 6 * 4
    assert await Enrollment.all().count() == 2 * 6 * 4 * 5
    assert await CourseCategory.all().count() == 2 * 6 * 6
    assert await CourseCalcOption.all().count() == 2 * 6 * 4 * 2
    assert await CourseComposite.all().count() == 2 * 6 * 2
    assert district.counts["sections"] == 48
    assert district.counts["scores"] == await Score.all().count()


async def test_calendars_are_in_session_with_terms_in_order(db: str) -> None:
    await generate_district(SMALL)

    calendar = await Calendar.all().first()
    terms = await Term.filter(calendar=calendar).order_by("sequence")

    assert calendar is not None
    assert calendar.start_date <= TODAY <= calendar.end_date
    assert [t.name for t in terms] == ["Q1", "Q2", "S1", "Q3", "Q4", "S2"]
    assert terms[0].start_date == calendar.start_date
    assert terms[-1].end_date == calendar.end_date


async def test_teacher_categories_clash_with_course_names_in_case_or_spacing(
    db: str,
) -> None:
    await generate_district(SMALL)

    clashes = [
        category
        for category in await SectionCategory.all().prefetch_related(
            "section__course__categories"
        )
        if any(
            c.name_key == category.name_key and c.name != category.name
            for c in category.section.course.categories
        )
    ]

    assert clashes
    assert all(c.origin == CategoryOrigin.TEACHER for c in clashes)
    assert all(c.name == c.name.strip() and "  " not in c.name for c in clashes)
    assert all(c.name_key == name_key(c.name) for c in clashes)


async def test_assignments_sit_in_teacher_categories_with_enrolled_scores(
    db: str,
) -> None:
    await generate_district(SMALL)

    assignments = await Assignment.all().prefetch_related("category")
    enrolled = set(await Enrollment.all().values_list("section_id", "student_id"))
    scored = await Score.all().values_list("assignment__section_id", "student_id")

    assert assignments
    assert all(a.category.origin == CategoryOrigin.TEACHER for a in assignments)
    assert scored
    assert set(scored) <= enrolled


async def test_sections_start_unpushed_with_teachers_and_terms(db: str) -> None:
    await generate_district(SMALL)

    pushed = await SectionCategory.filter(origin=CategoryOrigin.PUSHED).count()
    term_counts = {
        len(await SectionTerm.filter(section=s)) for s in await Section.all()
    }
    untaught = await Section.filter(teacher_links__id__isnull=True).count()

    assert pushed == 0
    assert term_counts == {3, 6}
    assert untaught == 0
    assert await SectionTeacher.all().count() >= await Section.all().count()


async def test_demo_users_exist_with_their_roles(db: str) -> None:
    district = await generate_district(SMALL)

    teacher = await User.get(username=district.users.teacher)
    admin = await SchoolAdmin.get(user__username=district.users.school_admin)

    assert await User.exists(username=district.users.district_admin)
    assert await SectionTeacher.exists(teacher=teacher)
    assert admin is not None
    assert await Course.filter(advisory=True).exists()


async def test_an_empty_database_is_reported_and_a_second_demo_refused(
    db: str,
) -> None:
    assert await database_is_empty()

    await generate_district(SMALL)

    assert not await database_is_empty()
    with pytest.raises(DemoDistrictExistsError):
        await generate_district(SMALL)
