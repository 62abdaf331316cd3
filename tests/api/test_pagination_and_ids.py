"""Lists page with first/after up to a maximum; ids are checked, never trusted."""

from typing import Any

import pytest

from models import Calendar, Role
from schema.relay import MAX_PAGE_SIZE, global_id
from tests.api import builders
from tests.api.conftest import Api

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
