"""The Course Awaiting Push Report lists exactly what the next push changes."""

from models import CourseSetupChange
from push.options import PushOptions
from push.report import calendar_report, course_report
from tests.push.builders import (
    add_calc_option,
    add_course_category,
    add_section,
    add_teacher_category,
    build_district,
)
from tests.push.inline import run_inline, submit_calendar_push


async def test_report_lists_pending_changes_and_is_empty_after_the_push(
    db: str,
) -> None:
    # given a course with a category, options and a clashing teacher category
    district = await build_district()
    await add_course_category(district.course, "Homework")
    await add_calc_option(district.course, district.q1, district.quarter)
    section = await add_section(district.course, "01", [district.q1])
    await add_teacher_category(section, "homework")
    await CourseSetupChange.create(
        course=district.course, changed_by=district.admin, source="api", summary="x"
    )

    # when the report is asked for
    reports, totals = await calendar_report(district.calendar.id, PushOptions())

    # then it shows the plan, who changed the course, and totals by kind
    (report,) = reports
    assert report.last_change is not None
    assert report.last_change.changed_by_id == district.admin.id
    (section_report,) = report.sections
    assert section_report.never_pushed
    kinds = sorted(r["kind"] for r in section_report.records)
    assert kinds == ["calc_option", "category_created", "category_renamed"]
    assert (totals.courses, totals.sections) == (1, 1)
    assert totals.changes["category_renamed"] == 1

    # and after the push nothing is pending
    request = await submit_calendar_push(district.admin, district.calendar)
    await run_inline(request)
    assert await calendar_report(district.calendar.id, PushOptions()) == (
        [],
        totals.__class__(),
    )
    assert await course_report(district.course.id, PushOptions()) is None


async def test_an_advisory_only_change_is_reported(db: str) -> None:
    district = await build_district()
    await add_section(district.course, "01", [district.q1])
    district.course.advisory = True
    await district.course.save()

    report = await course_report(district.course.id, PushOptions())

    assert report is not None
    assert report.sections[0].records[0]["kind"] == "advisory"
