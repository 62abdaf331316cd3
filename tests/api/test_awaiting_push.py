"""SPEC section 4 over HTTP: the awaiting-push report as a front end reads it."""

from decimal import Decimal
from typing import Any

from models import Role
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import (
    PUSH_COURSE,
    District,
    build_district,
    payload,
    push_all_courses,
    until_ended,
)
from tests.push.builders import add_teacher_category

REPORT = """
query (
  $calendarId: ID, $courseId: ID, $options: PushOptionsInput,
  $first: Int, $after: String
) {
  awaitingPush(calendarId: $calendarId, courseId: $courseId, options: $options) {
    totals { courses sections sectionsNeverPushed changes { kind count } }
    courses(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        course { number }
        lastChange { changedBy { username } source summary changedAt }
        sections { totalCount edges { node {
          section { number }
          neverPushed
          changes {
            kind category action reason detached
            term { name } gradingTask { name }
            fields { field before after }
          }
        } } }
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
SET_COURSE_ADVISORY = """
mutation ($input: SetCourseAdvisoryInput!) {
  setCourseAdvisory(input: $input) { errors { code message } }
}
"""

Json = dict[str, Any]


async def _report(api: Api, token: str, **variables: Any) -> Json | None:
    data = await api.data(REPORT, token, variables)
    report: Json | None = data["awaitingPush"]
    return report


async def _calendar_report(api: Api, district: District, **variables: Any) -> Json:
    report = await _report(
        api, district.admin_token, calendarId=district.calendar_id, **variables
    )
    assert report is not None
    return report


def _courses(report: Json) -> dict[str, Json]:
    """The report's courses on this page, by course number."""
    nodes = [edge["node"] for edge in report["courses"]["edges"]]
    return {node["course"]["number"]: node for node in nodes}


def _sections(course: Json) -> dict[str, Json]:
    nodes = [edge["node"] for edge in course["sections"]["edges"]]
    return {node["section"]["number"]: node for node in nodes}


def _counts(report: Json) -> dict[str, int]:
    """The totals by kind, leaving out kinds with nothing planned."""
    changes = report["totals"]["changes"]
    return {change["kind"]: change["count"] for change in changes if change["count"]}


def _kinds(section: Json) -> list[str]:
    return [change["kind"] for change in section["changes"]]


async def _homework_id(district: District, course_index: int) -> str:
    course = district.courses[course_index]
    homework = await course.categories.filter(name="Homework").get()
    return global_id("CourseCategory", homework.pk)


async def _edit(
    api: Api,
    district: District,
    mutation: str,
    input: Json,
    token: str | None = None,
) -> None:
    """Run a setup mutation, as the district's school administrator by default."""
    result = await api.data(mutation, token or district.admin_token, {"input": input})
    (errors,) = [answer["errors"] for answer in result.values()]
    assert errors == []


async def _push_all(api: Api, district: District) -> None:
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    request_id = submitted["pushRequest"]["id"]
    ended = await until_ended(api, district.admin_token, request_id)
    assert ended["status"] == "COMPLETED"


async def test_report_lists_each_pending_section_with_what_the_push_would_change(
    api: Api,
) -> None:
    # given two courses of two sections, nothing pushed, one teacher category
    # that clashes with the course's Homework
    district = await build_district()
    await add_teacher_category(district.sections[0], "homework")

    # when the administrator reads the report of the calendar
    report = await _calendar_report(api, district)

    # then every section is listed with its copies to create, and the clash
    assert report["totals"]["courses"] == 2
    assert report["totals"]["sections"] == 4
    assert report["totals"]["sectionsNeverPushed"] == 4
    assert _counts(report) == {"CATEGORY_CREATED": 8, "CATEGORY_RENAMED": 1}
    first = _sections(_courses(report)["C0"])["1"]
    assert first["neverPushed"] is True
    assert _kinds(first) == ["CATEGORY_CREATED"] * 2 + ["CATEGORY_RENAMED"]
    (rename,) = [c for c in first["changes"] if c["kind"] == "CATEGORY_RENAMED"]
    assert rename["category"] == "homework"
    assert rename["fields"] == [
        {"field": "name", "before": "homework", "after": "homework (1)"}
    ]


async def test_each_pending_course_says_who_last_changed_its_setup(api: Api) -> None:
    # given a course edited first by a district administrator, then by the
    # school's administrator
    district = await build_district()
    _, district_token = await builders.user(Role.DISTRICT_ADMIN)
    homework_id = await _homework_id(district, 1)
    weight = {"id": homework_id, "weight": "45"}
    await _edit(api, district, UPDATE_COURSE_CATEGORY, weight, district_token)
    rename = {"id": homework_id, "name": "Home Work"}
    await _edit(api, district, UPDATE_COURSE_CATEGORY, rename)

    # when the report is read
    courses = _courses(await _calendar_report(api, district))

    # then the edited course names the latest edit, the other course none
    assert courses["C0"]["lastChange"] is None
    change = courses["C1"]["lastChange"]
    assert change["changedBy"] == {"username": district.admin.username}
    assert change["source"] == "api"
    assert "Home Work" in change["summary"]
    assert change["changedAt"]


async def test_report_is_empty_after_a_push_and_current_after_each_edit(
    api: Api,
) -> None:
    # given a calendar that was pushed completely
    district = await build_district()
    await _push_all(api, district)
    assert _courses(await _calendar_report(api, district)) == {}

    # when a course category's weight changes
    weight_input = {"id": await _homework_id(district, 0), "weight": "50"}
    await _edit(api, district, UPDATE_COURSE_CATEGORY, weight_input)
    after_weight = await _calendar_report(api, district)

    # then its two sections are pending, with the weight before and after
    assert list(_courses(after_weight)) == ["C0"]
    for section in _sections(_courses(after_weight)["C0"]).values():
        assert section["neverPushed"] is False
        (update,) = section["changes"]
        assert (update["kind"], update["category"]) == ("CATEGORY_UPDATED", "Homework")
        (weight,) = update["fields"]
        assert weight["field"] == "weight"
        assert Decimal(weight["before"]) == 40
        assert Decimal(weight["after"]) == 50

    # and an advisory-only change of the other course is listed right away
    advisory_input = {
        "courseId": global_id("Course", district.courses[1].pk),
        "advisory": True,
    }
    await _edit(api, district, SET_COURSE_ADVISORY, advisory_input)
    after_advisory = await _calendar_report(api, district)
    assert list(_courses(after_advisory)) == ["C0", "C1"]
    for section in _sections(_courses(after_advisory)["C1"]).values():
        (advisory,) = section["changes"]
        assert advisory["kind"] == "ADVISORY"
        assert advisory["fields"] == [
            {"field": "advisory", "before": "false", "after": "true"}
        ]


async def test_a_course_push_empties_the_report_of_that_course_only(
    api: Api,
) -> None:
    district = await build_district()
    course_id = global_id("Course", district.courses[0].pk)

    result = await api.post(PUSH_COURSE, {"id": course_id}, district.admin_token)
    request = payload(result, "pushCourseToSections")["pushRequest"]
    await until_ended(api, district.admin_token, request["id"])

    report = await _calendar_report(api, district)
    assert list(_courses(report)) == ["C1"]
    pushed = await _report(api, district.admin_token, courseId=course_id)
    assert pushed is not None
    assert pushed["totals"]["courses"] == pushed["totals"]["sections"] == 0
    assert pushed["courses"]["edges"] == []
    assert _counts(pushed) == {}


async def test_options_decide_what_is_pending(api: Api) -> None:
    # given one section with an empty teacher category and one in use
    district = await build_district(courses=1, sections_per_course=1)
    (section,) = district.sections
    await add_teacher_category(section, "Projects")
    await add_teacher_category(section, "Labs", assignments=2)

    # when the report is read with overwriting, and without categories
    overwrite = await _calendar_report(
        api, district, options={"overwriteCategories": True}
    )
    nothing = await _calendar_report(
        api,
        district,
        options={
            "categories": False,
            "gradeCalcOptions": False,
            "compositeGrades": False,
            "advisory": False,
        },
    )

    # then overwriting deletes the empty one and keeps the one in use
    changes = _sections(_courses(overwrite)["C0"])["1"]["changes"]
    removals = [c for c in changes if c["kind"] != "CATEGORY_CREATED"]
    assert [(c["kind"], c["category"], c["detached"]) for c in removals] == [
        ("CATEGORY_DELETED", "Projects", None),
        ("CATEGORY_KEPT_IN_USE", "Labs", False),
    ]
    assert removals[0]["reason"] == "overwritten by course"
    assert removals[1]["reason"] == "holds 2 assignment(s)"
    # and a push of nothing leaves nothing pending
    assert nothing["totals"]["courses"] == 0


async def test_report_of_one_course_lists_only_its_sections(api: Api) -> None:
    district = await build_district()
    course_id = global_id("Course", district.courses[1].pk)

    report = await _report(api, district.admin_token, courseId=course_id)

    assert report is not None
    assert list(_courses(report)) == ["C1"]
    assert report["totals"]["sections"] == 2


async def test_report_pages_through_courses_with_totals_of_the_whole_report(
    api: Api,
) -> None:
    district = await build_district(courses=3, sections_per_course=1)

    first = await _calendar_report(api, district, first=2)
    cursor = first["courses"]["pageInfo"]["endCursor"]
    second = await _calendar_report(api, district, first=2, after=cursor)

    assert list(_courses(first)) == ["C0", "C1"]
    assert first["courses"]["pageInfo"]["hasNextPage"] is True
    assert list(_courses(second)) == ["C2"]
    assert second["courses"]["pageInfo"]["hasNextPage"] is False
    assert first["totals"] == second["totals"]
    assert first["totals"]["courses"] == second["courses"]["totalCount"] == 3


async def test_only_administrators_who_may_push_read_the_report(api: Api) -> None:
    # given a district, a teacher of one of its sections, and outsiders
    district = await build_district()
    teacher, teacher_token = await builders.user(Role.TEACHER)
    await builders.section(district.courses[0], "9", [teacher])
    outsider_school = await builders.school("South High")
    _, outsider_token = await builders.user(Role.SCHOOL_ADMIN, [outsider_school])
    _, district_token = await builders.user(Role.DISTRICT_ADMIN)
    course_id = global_id("Course", district.courses[0].pk)
    missing_id = global_id("Calendar", district.calendar.pk + 1000)

    # then the teacher and the other school's administrator get null, as for
    # a missing calendar, while a district administrator reads the report
    for token in (teacher_token, outsider_token):
        assert await _report(api, token, calendarId=district.calendar_id) is None
        assert await _report(api, token, courseId=course_id) is None
    assert await _report(api, district.admin_token, calendarId=missing_id) is None
    report = await _report(api, district_token, calendarId=district.calendar_id)
    assert report is not None
    assert report["totals"]["courses"] == 2


async def test_report_needs_exactly_one_calendar_or_course(api: Api) -> None:
    district = await build_district(courses=1)
    course_id = global_id("Course", district.courses[0].pk)

    both = await api.post(
        REPORT,
        {"calendarId": district.calendar_id, "courseId": course_id},
        district.admin_token,
    )
    neither = await api.post(REPORT, {}, district.admin_token)
    wrong_type = await api.post(REPORT, {"calendarId": course_id}, district.admin_token)

    for result in (both, neither):
        (error,) = result["errors"]
        assert error["message"] == "Give exactly one of calendarId and courseId."
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
    (error,) = wrong_type["errors"]
    assert "is not a valid Calendar id" in error["message"]
