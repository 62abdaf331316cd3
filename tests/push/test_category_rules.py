"""SPEC section 3, rules 1-5: how section categories follow the course's."""

from decimal import Decimal

from models import (
    Assignment,
    Notification,
    PushRequest,
    PushSectionResult,
    SectionCategory,
)
from models.push_request import PushStatus, SectionOutcome
from models.section import CategoryOrigin
from push.options import PushOptions
from tests.push.builders import (
    District,
    add_course_category,
    add_section,
    add_teacher,
    add_teacher_category,
    build_district,
    section_categories,
)
from tests.push.inline import run_inline, submit_calendar_push


async def _push(district: District, **options: bool) -> PushRequest:
    request = await submit_calendar_push(
        district.admin, district.calendar, PushOptions(**options)
    )
    return await run_inline(request)


async def test_first_push_creates_locked_copies_linked_to_the_course(db: str) -> None:
    district = await build_district()
    homework = await add_course_category(district.course, "Homework", "40")
    section = await add_section(district.course, "01", [district.q1])

    request = await _push(district)

    copy = (await section_categories(section))["Homework"]
    assert request.status == PushStatus.COMPLETED
    assert copy.course_category_id == homework.id  # type: ignore[attr-defined]
    assert copy.origin == CategoryOrigin.PUSHED
    assert copy.locked
    assert copy.weight == Decimal("40")
    assert request.categories_created == 1
    assert request.sections_changed == 1


async def test_pushing_twice_creates_nothing_and_counts_sections_unchanged(
    db: str,
) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)

    second = await _push(district)

    assert await SectionCategory.filter(section=section).count() == 1
    assert second.sections_unchanged == 1
    assert second.sections_changed == 0
    assert second.categories_created == 0


async def test_course_rename_renames_the_copies_through_their_link(db: str) -> None:
    district = await build_district()
    homework = await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)

    homework.name, homework.name_key = "Practice", "practice"
    await homework.save()
    request = await _push(district)

    names = set(await section_categories(section))
    assert names == {"Practice"}
    assert request.categories_updated == 1
    assert request.categories_created == 0


async def test_push_renames_teacher_category_on_name_clash(db: str) -> None:
    # given a teacher category whose name differs from the course's only in case
    district = await build_district()
    teacher = await add_teacher("teacher.1")
    await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1], teacher)
    await add_teacher_category(section, "  HOMEWORK ")

    # when the course is pushed
    request = await _push(district)

    # then the teacher's category gets " (1)" and the course name stays
    categories = await section_categories(section)
    assert categories["HOMEWORK (1)"].origin == CategoryOrigin.TEACHER
    assert categories["Homework"].origin == CategoryOrigin.PUSHED
    assert request.categories_renamed == 1
    result = await PushSectionResult.get(push_request=request, section=section)
    renamed = [c for c in result.changes if c["kind"] == "category_renamed"]
    assert renamed[0]["changes"][0]["after"] == "HOMEWORK (1)"
    note = await Notification.get(user=teacher)
    assert "HOMEWORK (1)" in note.body


async def test_a_fullwidth_teacher_category_clashes_with_the_pushed_one(
    db: str,
) -> None:
    # given a teacher category typed in fullwidth letters: "Homework" on screen
    district = await build_district()
    await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1])
    fullwidth = "\uff28\uff4f\uff4d\uff45\uff57\uff4f\uff52\uff4b"
    await add_teacher_category(section, fullwidth)

    # when the course is pushed
    request = await _push(district)

    # then the teacher's category is renamed rather than shown twice
    categories = await section_categories(section)
    assert set(categories) == {"Homework", f"{fullwidth} (1)"}
    assert categories[f"{fullwidth} (1)"].origin == CategoryOrigin.TEACHER
    assert request.categories_renamed == 1


async def test_rename_takes_the_lowest_free_number(db: str) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1])
    await add_teacher_category(section, "Homework")
    await add_teacher_category(section, "Homework (1)")

    await _push(district)

    assert set(await section_categories(section)) == {
        "Homework",
        "Homework (1)",
        "Homework (2)",
    }


async def test_rename_shortens_a_long_name_to_fifty_characters(db: str) -> None:
    district = await build_district()
    long_name = "Long term research projects and presentations xy"[:50]
    await add_course_category(district.course, long_name)
    section = await add_section(district.course, "01", [district.q1])
    await add_teacher_category(section, long_name.upper())

    await _push(district)

    renamed = [n for n in await section_categories(section) if n.endswith("(1)")]
    assert len(renamed[0]) <= 50
    assert renamed[0].startswith(long_name.upper()[:40])


async def test_overwrite_deletes_empty_teacher_categories_and_keeps_used_ones(
    db: str,
) -> None:
    # given one empty and one used teacher category
    district = await build_district()
    await add_course_category(district.course, "Tests")
    section = await add_section(district.course, "01", [district.q1])
    await add_teacher_category(section, "Extra credit")
    await add_teacher_category(section, "Labs", assignments=2)

    # when pushing with overwrite
    request = await _push(district, overwrite_categories=True)

    # then the empty one is gone, the used one stays with its assignments
    assert set(await section_categories(section)) == {"Tests", "Labs"}
    assert await Assignment.filter(section=section).count() == 2
    assert request.categories_deleted == 1
    assert request.categories_kept_in_use == 1


async def test_without_overwrite_teacher_categories_stay(db: str) -> None:
    district = await build_district()
    await add_course_category(district.course, "Tests")
    section = await add_section(district.course, "01", [district.q1])
    await add_teacher_category(section, "Extra credit")

    await _push(district)

    assert set(await section_categories(section)) == {"Tests", "Extra credit"}


async def test_copy_of_deleted_course_category_is_deleted_when_empty(db: str) -> None:
    district = await build_district()
    quizzes = await add_course_category(district.course, "Quizzes")
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)

    await quizzes.delete()
    request = await _push(district)

    assert await section_categories(section) == {}
    assert request.categories_deleted == 1


async def test_copy_of_deleted_course_category_holding_work_is_kept_unlocked(
    db: str,
) -> None:
    # given a pushed copy that holds an assignment
    district = await build_district()
    quizzes = await add_course_category(district.course, "Quizzes")
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)
    copy = (await section_categories(section))["Quizzes"]
    await Assignment.create(
        source_id="a1",
        section=section,
        category=copy,
        name="Quiz 1",
        points_possible=Decimal(10),
    )

    # when its course category is deleted and the course pushed again
    await quizzes.delete()
    request = await _push(district)

    # then the copy stays, detached, unlocked, and is reported as kept in use
    kept = (await section_categories(section))["Quizzes"]
    assert kept.origin == CategoryOrigin.TEACHER
    assert not kept.locked
    assert kept.course_category_id is None  # type: ignore[attr-defined]
    assert request.categories_kept_in_use == 1
    result = await PushSectionResult.get(push_request=request, section=section)
    assert result.outcome == SectionOutcome.CHANGED
