"""Lists page with first/after up to a maximum; ids are checked, never trusted."""

import base64
from typing import Any

import pytest

from models import Calendar, Role
from schema.relay import MAX_ID, MAX_PAGE_SIZE, global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import build_district, push_all_courses

COURSES = """
query ($id: ID!, $first: Int, $after: String) {
  calendar(id: $id) {
    courses(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { number } }
    }
  }
}
"""
CALENDAR = "query ($id: ID!) { calendar(id: $id) { name } }"
# Spellings of a Calendar id that no database row can have, or that name a row
# in another way than the API writes it.
FORGED_CALENDAR_IDS = {
    "huge": "Calendar:99999999999999999999999",
    "past-32-bit": f"Calendar:{MAX_ID + 1}",
    "zero": "Calendar:0",
    "leading-zero": "Calendar:01",
    "plus-sign": "Calendar:+1",
    "minus-sign": "Calendar:-1",
    "space": "Calendar: 1",
    "underscore": "Calendar:1_0",
    "arabic-indic-digit": "Calendar:\u0661",
    "superscript-digit": "Calendar:\u00b2",
}


def _base64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def _calendar_with_courses(count: int) -> Calendar:
    calendar = await builders.calendar(await builders.school())
    for index in range(count):
        await builders.course(calendar, f"C{index:02d}")
    return calendar


async def _page(
    api: Api, token: str, calendar: Calendar, first: int, after: str | None = None
) -> dict[str, Any]:
    variables = {"id": global_id("Calendar", calendar.pk), "first": first}
    data = await api.data(COURSES, token, variables | {"after": after})
    page: dict[str, Any] = data["calendar"]["courses"]
    return page


def _numbers(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["number"] for edge in page["edges"]]


async def test_pages_follow_each_other_through_the_end_cursor(api: Api) -> None:
    calendar = await _calendar_with_courses(5)
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    first = await _page(api, token, calendar, 2)
    second = await _page(api, token, calendar, 2, first["pageInfo"]["endCursor"])
    last = await _page(api, token, calendar, 2, second["pageInfo"]["endCursor"])

    assert [_numbers(first), _numbers(second), _numbers(last)] == [
        ["C00", "C01"],
        ["C02", "C03"],
        ["C04"],
    ]
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    assert last["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": last["edges"][-1]["cursor"],
    }


async def test_a_page_larger_than_the_maximum_is_refused(api: Api) -> None:
    calendar = await _calendar_with_courses(1)
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    variables = {"id": global_id("Calendar", calendar.pk), "first": MAX_PAGE_SIZE + 1}

    result = await api.post(COURSES, variables, token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert f"between 0 and {MAX_PAGE_SIZE}" in error["message"]


async def test_a_cursor_not_handed_out_by_the_api_is_refused(api: Api) -> None:
    calendar = await _calendar_with_courses(1)
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    variables = {"id": global_id("Calendar", calendar.pk), "after": "bm9wZQ=="}

    result = await api.post(COURSES, variables, token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "not a valid cursor" in error["message"]


@pytest.mark.parametrize(
    "bad_id",
    ["not base64!", "", global_id("Course", 1), "Q2FsZW5kYXI6YWJj", "//79"],
    ids=["malformed", "empty", "wrong-type", "non-numeric", "not-utf8"],
)
async def test_a_bad_global_id_is_a_clear_error(api: Api, bad_id: str) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    result = await api.post(CALENDAR, {"id": bad_id}, token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == f"{bad_id!r} is not a valid Calendar id."
    assert result["data"] == {"calendar": None}


@pytest.mark.parametrize(
    "forged_id",
    [_base64(text) for text in FORGED_CALENDAR_IDS.values()] + ["Q2FsZW5kYXI6MR=="],
    ids=[*FORGED_CALENDAR_IDS, "other-base64-padding-bits"],
)
async def test_an_id_outside_the_keys_the_api_hands_out_is_a_clear_error(
    api: Api, forged_id: str
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    result = await api.post(CALENDAR, {"id": forged_id}, token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == f"{forged_id!r} is not a valid Calendar id."
    assert result["data"] == {"calendar": None}


async def test_the_largest_32_bit_id_is_read_as_a_missing_calendar(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    data = await api.data(CALENDAR, token, {"id": global_id("Calendar", MAX_ID)})

    assert data == {"calendar": None}


async def test_a_mutation_given_a_huge_id_refuses_it_as_an_invalid_id(
    api: Api,
) -> None:
    district = await build_district(courses=1, sections_per_course=1)
    huge = _base64(FORGED_CALENDAR_IDS["huge"])

    answer = await push_all_courses(api, district.admin_token, huge)

    assert answer["pushRequest"] is None
    assert answer["errors"] == [
        {
            "code": "INVALID_ID",
            "message": f"{huge!r} is not a valid Calendar id.",
            "field": ["calendarId"],
        }
    ]


@pytest.mark.parametrize(
    "cursor",
    [_base64("offset:99999999999999999999"), _base64("offset:01"), "b2Zmc2V0OjF="],
    ids=["huge", "leading-zero", "other-base64-padding-bits"],
)
async def test_a_cursor_outside_the_positions_the_api_hands_out_is_refused(
    api: Api, cursor: str
) -> None:
    calendar = await _calendar_with_courses(1)
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    variables = {"id": global_id("Calendar", calendar.pk), "after": cursor}

    result = await api.post(COURSES, variables, token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == f"{cursor!r} is not a valid cursor."
