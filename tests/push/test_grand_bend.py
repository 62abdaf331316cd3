"""The main job on real data: Push All Courses for the Grand Bend high school.

The Ed-Fi sample is imported, the example district policy sets up its courses,
and the high school calendar is pushed twice. The Algebra I teacher made an
"Assignments" category in the gradebook export; the policy gives Algebra I a
course category of that name, so the push renames the teacher's.
"""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from importers.edfi import import_edfi
from importers.policy import import_policy_file
from models import (
    Assignment,
    Calendar,
    CourseCalcOption,
    CourseCategory,
    Notification,
    PushRequest,
    PushSectionResult,
    Role,
    Score,
    SectionCalcOption,
    SectionCategory,
    SectionTeacher,
    SectionTerm,
    User,
)
from models.push_request import PushStatus, SectionOutcome
from tests.push.inline import run_inline, submit_calendar_push

POLICY = Path(__file__).resolve().parents[2] / "examples" / "district-policy.toml"
HIGH_SCHOOL = "2021-2022 Grand Bend High School"


async def _push_high_school(admin: User) -> PushRequest:
    calendar = await Calendar.get(name=HIGH_SCHOOL)
    request = await submit_calendar_push(admin, calendar, acknowledge=True)
    return await run_inline(request)


async def _categories_by_course(
    calendar: Calendar,
) -> dict[int, set[tuple[str, Decimal]]]:
    rows = await CourseCategory.filter(course__calendar=calendar).values(
        "course_id", "name", "weight"
    )
    expected: dict[int, set[tuple[str, Decimal]]] = defaultdict(set)
    for row in rows:
        expected[row["course_id"]].add((row["name"], row["weight"]))
    return expected


async def _pushed_categories_by_section(
    calendar: Calendar,
) -> dict[int, set[tuple[str, Decimal]]]:
    rows = await SectionCategory.filter(
        section__course__calendar=calendar, course_category_id__isnull=False
    ).values("section_id", "name", "weight", "locked")
    pushed: dict[int, set[tuple[str, Decimal]]] = defaultdict(set)
    for row in rows:
        assert row["locked"], row
        pushed[row["section_id"]].add((row["name"], row["weight"]))
    return pushed


async def test_pushing_the_grand_bend_high_school_reaches_every_section(
    db: str, shared_data: Path
) -> None:
    # given Grand Bend imported and the example district policy applied
    await import_edfi(shared_data / "edfi-grand-bend")
    await import_policy_file(POLICY)
    admin = await User.create(
        username="district.admin",
        display_name="District Admin",
        role=Role.DISTRICT_ADMIN,
    )
    calendar = await Calendar.get(name=HIGH_SCHOOL)
    sections = await SectionTerm.filter(section__course__calendar=calendar).values_list(
        "section_id", flat=True
    )
    section_count = len(set(sections))
    scores_before = await Score.all().count()

    # when all its courses are pushed
    first = await _push_high_school(admin)

    # then every section carries its course's categories and calc options
    assert first.status == PushStatus.COMPLETED
    assert first.sections_total == section_count == 156
    assert first.sections_changed == section_count
    assert first.sections_failed == first.sections_skipped == 0
    section_course = dict(
        await SectionTerm.filter(section__course__calendar=calendar).values_list(
            "section_id", "section__course_id"
        )
    )
    expected = await _categories_by_course(calendar)
    pushed = await _pushed_categories_by_section(calendar)
    for section_id, course_id in section_course.items():
        assert pushed[section_id] == expected[course_id], (section_id, course_id)
    courses_with_sections = set(section_course.values())
    assert len(courses_with_sections) == first.courses_total == first.courses_done
    calc_rows = await SectionCalcOption.filter(section__course__calendar=calendar)
    assert calc_rows
    assert all(row.locked for row in calc_rows)
    assert await CourseCalcOption.filter(course__calendar=calendar).exists()

    # and the Algebra I teacher's "Assignments" is renamed, kept with its work
    renamed = await SectionCategory.get(name="Assignments (1)")
    assert renamed.course_category_id is None  # type: ignore[attr-defined]
    assert await Assignment.filter(category=renamed).count() == 10
    assert await Score.all().count() == scores_before == 250
    assert first.categories_renamed == 1
    result = await PushSectionResult.get(
        push_request=first,
        section_id=renamed.section_id,  # type: ignore[attr-defined]
    )
    assert result.categories_renamed == 1
    assert any(change["kind"] == "category_renamed" for change in result.changes)

    # and that section's teachers hear of it; the requester hears the end
    teacher_ids = await SectionTeacher.filter(
        section_id=renamed.section_id  # type: ignore[attr-defined]
    ).values_list("teacher_id", flat=True)
    assert teacher_ids
    for teacher_id in teacher_ids:
        notes = await Notification.filter(user_id=teacher_id, push_request=first)
        assert len(notes) == 1
        assert "Assignments (1)" in notes[0].body
    assert await Notification.filter(user=admin, push_request=first).count() == 1

    # when the calendar is pushed again, every section is already in line
    second = await _push_high_school(admin)

    assert second.status == PushStatus.COMPLETED
    assert second.sections_unchanged == section_count
    assert second.sections_changed == 0
    results = await PushSectionResult.filter(push_request=second)
    assert {result.outcome for result in results} == {SectionOutcome.UNCHANGED}
    assert await SectionCategory.filter(name="Assignments (2)").count() == 0
