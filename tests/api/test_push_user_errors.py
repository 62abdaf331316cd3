"""Everything a caller can get wrong in a push mutation is a typed user error."""

import datetime
from typing import Any

import pytest

from models import Calendar, PushRequest, Role
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import (
    CANCEL,
    PUSH_COURSE,
    RETRY,
    District,
    build_district,
    payload,
    push_all_courses,
    queued_push,
    until_ended,
)


def _refusal(answer: dict[str, Any]) -> dict[str, Any]:
    """The single user error of a refused mutation, which returned no request."""
    assert answer["pushRequest"] is None
    [error] = answer["errors"]
    assert isinstance(error, dict)
    return error


async def _nothing_queued(district: District) -> bool:
    return not await PushRequest.filter(calendar_id=district.calendar.pk).exists()


async def test_an_unknown_calendar_is_not_found(api: Api) -> None:
    district = await build_district()
    missing = global_id("Calendar", district.calendar.pk + 1000)

    answer = await push_all_courses(api, district.admin_token, missing)

    assert _refusal(answer) == {
        "code": "NOT_FOUND",
        "message": "No calendar with that id.",
        "field": ["calendarId"],
    }


async def test_another_schools_admin_gets_the_same_answer_as_for_a_missing_one(
    api: Api,
) -> None:
    district = await build_district()
    _, outsider = await builders.user(Role.SCHOOL_ADMIN, [await builders.school()])
    missing = global_id("Calendar", district.calendar.pk + 1000)

    refused = await push_all_courses(api, outsider, district.calendar_id)
    unknown = await push_all_courses(api, outsider, missing)

    assert _refusal(refused) == _refusal(unknown)
    assert await _nothing_queued(district)


async def test_a_teacher_may_not_push_the_course_of_their_own_section(
    api: Api,
) -> None:
    district = await build_district()
    teacher, token = await builders.user(Role.TEACHER)
    await builders.section(district.courses[0], "9", [teacher])

    result = await api.post(
        PUSH_COURSE, {"id": global_id("Course", district.courses[0].pk)}, token
    )

    error = _refusal(payload(result, "pushCourseToSections"))
    assert (error["code"], error["field"]) == ("FORBIDDEN", ["courseId"])
    assert (
        error["message"] == "Only administrators of the calendar may push its courses."
    )
    assert await _nothing_queued(district)


@pytest.mark.parametrize(
    ("calendar_id", "problem"),
    [
        ("not base64!", "malformed"),
        (global_id("Course", 1), "a Course id"),
        (global_id("Calendar", 1).rstrip("="), "truncated"),
    ],
)
async def test_a_calendar_id_that_is_no_calendar_id_is_refused(
    api: Api, calendar_id: str, problem: str
) -> None:
    district = await build_district()

    answer = await push_all_courses(api, district.admin_token, calendar_id)

    error = _refusal(answer)
    assert (error["code"], error["field"]) == ("INVALID_ID", ["calendarId"]), problem
    assert "not a valid Calendar id" in error["message"]


async def test_an_in_session_calendar_needs_the_acknowledgement(api: Api) -> None:
    district = await build_district()
    assert district.calendar.start_date <= datetime.datetime.now(datetime.UTC).date()

    answer = await push_all_courses(
        api, district.admin_token, district.calendar_id, ack=False
    )

    error = _refusal(answer)
    assert error["code"] == "IN_SESSION_NOT_ACKNOWLEDGED"
    assert error["field"] == ["acknowledgeInSession"]
    assert "ran from 2025-08-20 to 2026-06-05" in error["message"]
    assert await _nothing_queued(district)


async def test_a_calendar_still_in_session_says_since_when(api: Api) -> None:
    district = await build_district()
    district.calendar.end_date = datetime.date(2099, 6, 1)
    await district.calendar.save()

    answer = await push_all_courses(
        api, district.admin_token, district.calendar_id, ack=False
    )

    assert "has been in session since 2025-08-20" in _refusal(answer)["message"]


async def test_a_calendar_not_yet_in_session_needs_no_acknowledgement(
    api: Api,
) -> None:
    district = await build_district()
    next_year = datetime.date(2099, 8, 20)
    await Calendar.filter(id=district.calendar.pk).update(start_date=next_year)

    answer = await push_all_courses(
        api, district.admin_token, district.calendar_id, ack=False
    )

    assert answer["errors"] == []
    await until_ended(api, district.admin_token, answer["pushRequest"]["id"])


async def test_a_push_with_every_component_unticked_is_refused(api: Api) -> None:
    district = await build_district()
    nothing = {
        "categories": False,
        "gradeCalcOptions": False,
        "compositeGrades": False,
        "advisory": False,
        "overwriteCategories": True,
    }

    answer = await push_all_courses(
        api, district.admin_token, district.calendar_id, options=nothing
    )

    error = _refusal(answer)
    assert (error["code"], error["field"]) == ("EMPTY_OPTIONS", ["options"])
    assert await _nothing_queued(district)


async def test_a_push_while_another_is_active_names_the_active_request(
    api: Api,
) -> None:
    district = await build_district()
    active = await queued_push(district)

    answer = await push_all_courses(api, district.admin_token, district.calendar_id)

    error = _refusal(answer)
    assert error["code"] == "PUSH_ALREADY_ACTIVE"
    assert global_id("PushRequest", active.pk) in error["message"]
    assert district.calendar.name in error["message"]


async def test_an_overlong_idempotency_key_is_refused(api: Api) -> None:
    district = await build_district()

    answer = await push_all_courses(
        api, district.admin_token, district.calendar_id, key="k" * 101
    )

    error = _refusal(answer)
    assert (error["code"], error["field"]) == (
        "INVALID_IDEMPOTENCY_KEY",
        ["idempotencyKey"],
    )


async def test_cancelling_an_ended_request_is_refused(api: Api) -> None:
    district = await build_district()
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    ended = await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    result = await api.post(CANCEL, {"id": ended["id"]}, district.admin_token)

    error = _refusal(payload(result, "cancelPushRequest"))
    assert (error["code"], error["field"]) == ("PUSH_NOT_ACTIVE", ["id"])
    assert "has already ended (completed)" in error["message"]


async def test_retrying_a_request_without_failed_sections_is_refused(
    api: Api,
) -> None:
    district = await build_district()
    submitted = await push_all_courses(api, district.admin_token, district.calendar_id)
    ended = await until_ended(api, district.admin_token, submitted["pushRequest"]["id"])

    result = await api.post(RETRY, {"id": ended["id"]}, district.admin_token)

    error = _refusal(payload(result, "retryFailedSections"))
    assert (error["code"], error["field"]) == ("NO_FAILED_SECTIONS", ["id"])


async def test_retrying_an_active_request_is_refused(api: Api) -> None:
    district = await build_district()
    active = await queued_push(district)

    result = await api.post(
        RETRY, {"id": global_id("PushRequest", active.pk)}, district.admin_token
    )

    error = _refusal(payload(result, "retryFailedSections"))
    assert error["code"] == "NO_FAILED_SECTIONS"
    assert "is still active" in error["message"]


@pytest.mark.parametrize("mutation", ["cancelPushRequest", "retryFailedSections"])
async def test_another_schools_admin_cannot_cancel_or_retry_a_request(
    api: Api, mutation: str
) -> None:
    district = await build_district()
    active = await queued_push(district)
    _, outsider = await builders.user(Role.SCHOOL_ADMIN, [await builders.school()])
    document = CANCEL if mutation == "cancelPushRequest" else RETRY

    result = await api.post(
        document, {"id": global_id("PushRequest", active.pk)}, outsider
    )

    error = _refusal(payload(result, mutation))
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["id"])
    await active.refresh_from_db()
    assert active.status == "queued"


async def test_a_request_id_of_another_type_is_refused(api: Api) -> None:
    district = await build_district()

    result = await api.post(CANCEL, {"id": district.calendar_id}, district.admin_token)

    error = _refusal(payload(result, "cancelPushRequest"))
    assert (error["code"], error["field"]) == ("INVALID_ID", ["id"])
