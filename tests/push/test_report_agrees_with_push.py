"""The report lists exactly what the next push changes, and nothing once it ran.

Generated districts give the push what a real one does: teacher categories
that clash with course names, course categories deleted while copies hold
work, and overwriting. For each, every section the report lists must be a
section the push changed, with the same changes, and no other.
"""

import datetime
from collections import Counter
from decimal import Decimal

from demo.generator import generate_district
from demo.spec import DistrictSpec
from models import (
    Assignment,
    Calendar,
    Course,
    CourseCategory,
    PushRequest,
    PushSectionResult,
    SectionCategory,
    User,
)
from models.base import name_key
from models.push_request import PushStatus, SectionOutcome
from models.section import CategoryOrigin
from push.changes import Record
from push.course_push import push_courses
from push.options import PushOptions
from push.report import ReportTotals, calendar_report
from push.requests import begin_push
from tests.push.inline import run_inline, submit_calendar_push

SPEC = DistrictSpec(
    seed=11,
    schools=1,
    courses_per_calendar=5,
    sections_per_course=3,
    students_per_section=3,
    teacher_category_share=0.7,
    assignment_share=0.6,
    today=datetime.date(2026, 10, 1),
)
OVERWRITE = PushOptions(overwrite_categories=True)


async def _generated() -> tuple[Calendar, User]:
    await generate_district(SPEC)
    return await Calendar.get(), await User.get(username="district.admin")


async def _submit(calendar: Calendar, admin: User, options: PushOptions) -> PushRequest:
    return await submit_calendar_push(admin, calendar, options, acknowledge=True)


async def _changed_sections(request: PushRequest) -> dict[int, list[Record]]:
    """What the push recorded for each section it changed."""
    rows = await PushSectionResult.filter(
        push_request_id=request.id, outcome=SectionOutcome.CHANGED
    ).values("section_id", "changes")
    return {row["section_id"]: row["changes"] for row in rows}


async def _assert_report_is_what_the_push_does(
    calendar: Calendar, admin: User, options: PushOptions
) -> ReportTotals:
    reports, totals = await calendar_report(calendar.id, options)
    listed = {s.section_id: s.records for r in reports for s in r.sections}

    request = await run_inline(await _submit(calendar, admin, options))

    assert request.status == PushStatus.COMPLETED
    assert listed == await _changed_sections(request)
    assert request.sections_changed == totals.sections
    assert totals.changes == Counter(r["kind"] for s in listed.values() for r in s)
    assert request.categories_created == totals.changes["category_created"]
    assert request.categories_renamed == totals.changes["category_renamed"]
    assert request.categories_deleted == totals.changes["category_deleted"]
    assert await calendar_report(calendar.id, options) == ([], ReportTotals())
    return totals


async def test_report_and_push_agree_on_a_district_with_name_clashes(
    db: str,
) -> None:
    calendar, admin = await _generated()

    totals = await _assert_report_is_what_the_push_does(calendar, admin, PushOptions())

    assert totals.sections == SPEC.courses_per_calendar * SPEC.sections_per_course
    assert totals.changes["category_renamed"] > 0


async def test_report_and_push_agree_when_teacher_categories_are_overwritten(
    db: str,
) -> None:
    calendar, admin = await _generated()

    totals = await _assert_report_is_what_the_push_does(calendar, admin, OVERWRITE)

    assert totals.changes["category_deleted"] > 0
    assert totals.changes["category_kept_in_use"] > 0


async def test_report_and_push_agree_after_course_categories_change_and_go(
    db: str,
) -> None:
    # given a pushed district, where one copy of each course's first category
    # holds work, then each course deletes that category, renames its second
    # to a teacher's name in one of its sections and reweighs its third
    calendar, admin = await _generated()
    await run_inline(await _submit(calendar, admin, PushOptions()))
    for course_id in await _course_ids(calendar):
        first, second, third = (
            await CourseCategory.filter(course_id=course_id).order_by("id").limit(3)
        )
        await _give_work_to_a_copy_of(first)
        await first.delete()
        await _rename_to_a_teacher_name(second)
        third.weight += Decimal(5)
        await third.save()

    # then the report is what the next push does, deletions and clashes included
    totals = await _assert_report_is_what_the_push_does(calendar, admin, PushOptions())
    assert totals.changes["category_deleted"] > 0
    assert totals.changes["category_kept_in_use"] == len(await _course_ids(calendar))
    assert totals.changes["category_renamed"] > 0


async def test_a_change_made_while_the_push_runs_stays_listed_afterwards(
    db: str,
) -> None:
    # given a calendar push that has pushed its first course only
    calendar, admin = await _generated()
    request = await _submit(calendar, admin, PushOptions())
    first, *others = [c for batch in await begin_push(request.id) for c in batch]
    await push_courses(request.id, [first])

    # when both that course and one still to push change, and the push ends
    for course_id in (first, others[0]):
        category = await CourseCategory.filter(course_id=course_id).first()
        assert category is not None
        category.weight += Decimal(1)
        await category.save()
    await push_courses(request.id, others)

    # then only the change the push had already passed is pending
    reports, _ = await calendar_report(calendar.id, PushOptions())
    assert (await PushRequest.get(id=request.id)).status == PushStatus.COMPLETED
    assert [report.course_id for report in reports] == [first]
    kinds = {r["kind"] for s in reports[0].sections for r in s.records}
    assert kinds == {"category_updated"}


async def _course_ids(calendar: Calendar) -> list[int]:
    rows = await Course.filter(calendar=calendar).order_by("id").values("id")
    return [row["id"] for row in rows]


async def _give_work_to_a_copy_of(category: CourseCategory) -> None:
    copy = await SectionCategory.filter(course_category=category).first()
    assert copy is not None
    await Assignment.create(
        source_id=f"work-in-copy-{copy.id}",
        section_id=copy.section_id,  # type: ignore[attr-defined]
        category=copy,
        name="Essay",
        points_possible=Decimal(10),
    )


async def _rename_to_a_teacher_name(category: CourseCategory) -> None:
    """Take the name of a teacher category in one of the course's sections."""
    teacher_category = await SectionCategory.filter(
        section__course_id=category.course_id,  # type: ignore[attr-defined]
        origin=CategoryOrigin.TEACHER,
    ).first()
    if teacher_category is None:
        return
    category.name = teacher_category.name.upper()
    category.name_key = name_key(category.name)
    await category.save()
