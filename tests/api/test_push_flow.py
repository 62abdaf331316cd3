"""SPEC sections 3 and 5 over HTTP: submit a push, watch it end, read its results."""

import asyncio
from typing import Any

from models import PushRequest
from schema.relay import global_id
from tests.api.conftest import Api
from tests.api.pushing import (
    PUSH_COURSE,
    build_district,
    payload,
    push_all_courses,
    queued_push,
    until_ended,
)
from tests.push.faults import refuse_categories_for

SECTION_RESULTS = """
query ($id: ID!, $outcome: SectionOutcome) {
  pushRequest(id: $id) {
    requestedBy { username }
    calendar { name }
    course { number }
    options { categories overwriteCategories }
    createdAt startedAt finishedAt durationSeconds
    sectionResults(outcome: $outcome) {
      totalCount
      edges { node {
        outcome error
        section { number }
        course { number }
        changes { kind category fields { field before after } }
      } }
    }
  }
}
"""


async def _results(
    api: Api, token: str, request_id: str, outcome: str | None = None
) -> dict[str, Any]:
    variables = {"id": request_id, "outcome": outcome}
    data = await api.data(SECTION_RESULTS, token, variables)
    request: dict[str, Any] = data["pushRequest"]
    return request


async def test_admin_pushes_all_courses_and_watches_the_request_complete(
    api: Api,
) -> None:
    # given a calendar of two courses with two sections each, nothing pushed yet
    district = await build_district()

    # when its administrator pushes all courses and polls the request
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    assert submitted["errors"] == []
    assert submitted["pushRequest"]["status"] in {"QUEUED", "RUNNING"}
    ended = await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    # then every section got both categories
    assert ended["status"] == "COMPLETED"
    assert ended["progress"] == 1.0
    assert (ended["coursesTotal"], ended["coursesDone"]) == (2, 2)
    assert (ended["sectionsTotal"], ended["sectionsChanged"]) == (4, 4)
    assert (ended["sectionsFailed"], ended["sectionsSkipped"]) == (0, 0)
    assert ended["categoriesCreated"] == 8


async def test_section_results_say_what_changed_in_each_section(api: Api) -> None:
    district = await build_district(courses=1, sections_per_course=1)
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    request_id = submitted["pushRequest"]["id"]
    await until_ended(api, district.admin_token, request_id)

    request = await _results(api, district.admin_token, request_id)

    assert request["calendar"]["name"] == district.calendar.name
    assert request["course"] is None
    assert request["options"] == {"categories": True, "overwriteCategories": False}
    assert request["durationSeconds"] >= 0
    [edge] = request["sectionResults"]["edges"]
    result = edge["node"]
    assert (result["outcome"], result["error"]) == ("CHANGED", None)
    assert result["course"]["number"] == district.courses[0].number
    assert result["section"]["number"] == "1"
    assert {(c["kind"], c["category"]) for c in result["changes"]} == {
        ("CATEGORY_CREATED", "Homework"),
        ("CATEGORY_CREATED", "Tests"),
    }


async def test_pushing_the_same_setup_again_changes_nothing(api: Api) -> None:
    district = await build_district()
    first = await push_all_courses(api, district.admin_token, district.calendar_id)
    await until_ended(api, district.admin_token, first["pushRequest"]["id"])

    again = await push_all_courses(api, district.admin_token, district.calendar_id)
    ended = await until_ended(api, district.admin_token, again["pushRequest"]["id"])

    assert ended["status"] == "COMPLETED"
    assert (ended["sectionsUnchanged"], ended["sectionsChanged"]) == (4, 0)


async def test_pushing_one_course_reaches_only_its_sections(api: Api) -> None:
    district = await build_district()

    result = await api.post(
        PUSH_COURSE,
        {"id": global_id("Course", district.courses[1].pk)},
        district.admin_token,
    )
    submitted = payload(result, "pushCourseToSections")
    ended = await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    assert ended["status"] == "COMPLETED"
    assert (ended["coursesTotal"], ended["sectionsTotal"]) == (1, 2)
    request = await _results(api, district.admin_token, ended["id"])
    assert request["course"]["number"] == district.courses[1].number
    edges = request["sectionResults"]["edges"]
    assert {e["node"]["course"]["number"] for e in edges} == {
        district.courses[1].number
    }


async def test_a_failing_section_ends_the_push_completed_with_errors_and_says_why(
    api: Api,
) -> None:
    # given one section whose database refuses new categories
    district = await build_district()
    broken = district.sections[1]
    await refuse_categories_for(broken.pk)

    # when the calendar is pushed
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    ended = await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    # then the other sections are pushed and the failure is explained
    assert ended["status"] == "COMPLETED_WITH_ERRORS"
    assert (ended["sectionsChanged"], ended["sectionsFailed"]) == (3, 1)
    failed = await _results(api, district.admin_token, ended["id"], "FAILED")
    [edge] = failed["sectionResults"]["edges"]
    assert edge["node"]["section"]["number"] == broken.number
    assert edge["node"]["course"]["number"] == district.courses[0].number
    assert "injected fault" in edge["node"]["error"]
    assert edge["node"]["changes"] == []


async def test_two_pushes_of_one_calendar_at_the_same_moment_queue_exactly_one(
    api: Api,
) -> None:
    district = await build_district(courses=3)

    answers = await asyncio.gather(
        push_all_courses(api, district.admin_token, district.calendar_id),
        push_all_courses(api, district.admin_token, district.calendar_id),
    )

    queued = [a["pushRequest"] for a in answers if a["pushRequest"]]
    refused = [error for a in answers for error in a["errors"]]
    assert len(queued) == 1
    assert [error["code"] for error in refused] == ["PUSH_ALREADY_ACTIVE"]
    assert queued[0]["id"] in refused[0]["message"]
    assert await PushRequest.filter(calendar_id=district.calendar.pk).count() == 1


async def test_a_course_push_inside_an_active_calendar_push_is_refused(
    api: Api,
) -> None:
    district = await build_district()
    active = await queued_push(district)

    result = await api.post(
        PUSH_COURSE,
        {"id": global_id("Course", district.courses[0].pk)},
        district.admin_token,
    )

    refused = payload(result, "pushCourseToSections")
    assert refused["pushRequest"] is None
    [error] = refused["errors"]
    assert error["code"] == "PUSH_ALREADY_ACTIVE"
    assert global_id("PushRequest", active.pk) in error["message"]
