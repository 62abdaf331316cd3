"""Operations too long, deep, wide or paged are refused before any resolver runs.

A refused operation answers `data: null`: nothing was executed, not even the
outer fields.
"""

import httpx

from models import Role
from schema.limits import (
    MAX_ALIASES,
    MAX_BODY_BYTES,
    MAX_DEPTH,
    MAX_EXPENSIVE_FIELDS,
    MAX_QUERY_LENGTH,
    MAX_TOKENS,
)
from schema.relay import MAX_PAGE_SIZE, global_id
from tests.api import builders
from tests.api.conftest import Api

TOO_DEEP = """
query {
  section(id: "U2VjdGlvbjox") {
    course { calendar { courses { edges { node {
      sections { edges { node {
        course { calendar { courses { edges { node {
          sections { edges { node { id } } }
        } } } } }
      } } }
    } } } } }
  }
}
"""

ALIASES_IN_FRAGMENTS = """
query { me { ...Names } }
fragment Names on User { a1: username a2: username ...MoreNames ...MoreNames }
fragment MoreNames on User { %s }
"""

CIRCULAR_FRAGMENTS = """
query { me { ...Left } }
fragment Left on User { username ...Right }
fragment Right on User { displayName ...Left }
"""

BIG_PAGE_INSIDE = """
query Pages($size: Int) {
  calendars(first: 5) { edges { node { courses(first: $size) { totalCount } } } }
}
"""

WHOLE_REPORT = """
awaitingPush(calendarId: $calendar) {
  courses(first: 100) { edges { node {
    sections(first: 100) { edges { node { gradeImpact { studentsChanged } } } }
  } } }
}
"""
REPORT_AND_IMPACT_IN_FRAGMENTS = """
query Both($calendar: ID!, $section: ID!) { ...Report ... on Query { ...Impact } }
fragment Report on Query { awaitingPush(calendarId: $calendar) { totals { courses } } }
fragment Impact on Query { sectionGradeImpact(sectionId: $section) { __typename } }
"""
ONE_REPORT_SPREAD_TWICE = """
query Twice($calendar: ID!) { ...Totals ...Totals ...Sections me { username } }
fragment Totals on Query { awaitingPush(calendarId: $calendar) { totals { courses } } }
fragment Sections on Query { awaitingPush(calendarId: $calendar) { __typename } }
"""
ONE_REPORT_PER_OPERATION = """
query First($calendar: ID!) { awaitingPush(calendarId: $calendar) { __typename } }
query Second($calendar: ID!) { awaitingPush(calendarId: $calendar) { __typename } }
"""


def _fragment_chain(length: int) -> str:
    """Fragments that each spread the next twice: 2**length spreads when unrolled."""
    fragments = [
        f"fragment F{index} on User {{ ...F{index + 1} ...F{index + 1} }}"
        for index in range(length)
    ]
    fragments.append(f"fragment F{length} on User {{ username }}")
    return "query { me { ...F0 } }\n" + "\n".join(fragments)


async def _admin_token() -> str:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    return token


async def test_a_query_deeper_than_the_limit_is_refused(api: Api) -> None:
    token = await _admin_token()

    result = await api.post(TOO_DEEP, token=token)

    [error] = result["errors"]
    assert f"at most {MAX_DEPTH} are allowed" in error["message"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert result["data"] is None


async def test_too_many_aliases_are_refused(api: Api) -> None:
    token = await _admin_token()
    aliases = " ".join(f"a{index}: me {{ username }}" for index in range(60))

    result = await api.post(f"query {{ {aliases} }}", token=token)

    [error] = result["errors"]
    assert f"60 aliases; at most {MAX_ALIASES}" in error["message"]
    assert result["data"] is None


async def test_aliases_inside_fragments_count_at_every_spread(api: Api) -> None:
    token = await _admin_token()
    fifteen = " ".join(f"b{index}: username" for index in range(15))

    result = await api.post(ALIASES_IN_FRAGMENTS % fifteen, token=token)

    [error] = result["errors"]
    assert f"32 aliases; at most {MAX_ALIASES}" in error["message"]


async def test_a_long_chain_of_fragment_spreads_is_measured_without_unrolling(
    api: Api,
) -> None:
    # a one-kilobyte document that would spread 2**40 times if walked naively
    token = await _admin_token()

    result = await api.post(_fragment_chain(40), token=token)

    assert "errors" not in result, result["errors"]
    assert result["data"]["me"]["username"]


async def test_circular_fragments_are_refused_at_validation(api: Api) -> None:
    token = await _admin_token()

    result = await api.post(CIRCULAR_FRAGMENTS, token=token)

    messages = [error["message"] for error in result["errors"]]
    assert "Cannot spread fragment 'Left' within itself via 'Right'." in messages
    assert result["data"] is None


async def test_an_unknown_fragment_is_a_validation_error_not_a_fault(
    api: Api,
) -> None:
    token = await _admin_token()

    result = await api.post("query { me { ...Missing } }", token=token)

    [error] = result["errors"]
    assert error["message"] == "Unknown fragment 'Missing'."


async def test_a_document_over_the_token_limit_is_refused_while_parsing(
    api: Api,
) -> None:
    token = await _admin_token()
    fields = "x " * MAX_TOKENS

    result = await api.post(f"query {{ me {{ {fields} }} }}", token=token)

    [error] = result["errors"]
    assert f"more than {MAX_TOKENS} tokens" in error["message"]
    assert result["data"] is None


async def test_a_query_longer_than_the_limit_is_refused_before_parsing(
    api: Api,
) -> None:
    token = await _admin_token()
    padding = "#" * MAX_QUERY_LENGTH + "\n"

    result = await api.post(f"{padding}query {{ me {{ username }} }}", token=token)

    [error] = result["errors"]
    assert f"at most {MAX_QUERY_LENGTH} are allowed" in error["message"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert result["data"] is None


async def test_a_request_body_over_the_limit_is_refused_with_413(api: Api) -> None:
    token = await _admin_token()
    body = {
        "query": "query { me { username } }",
        "variables": {"padding": "x" * MAX_BODY_BYTES},
    }

    response = await api.http.post(
        api.url, json=body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == httpx.codes.REQUEST_ENTITY_TOO_LARGE


async def test_a_page_size_over_the_maximum_is_refused(api: Api) -> None:
    token = await _admin_token()

    result = await api.post(
        f"query {{ schools(first: {MAX_PAGE_SIZE + 1}) {{ totalCount }} }}",
        token=token,
    )

    [error] = result["errors"]
    assert f"between 0 and {MAX_PAGE_SIZE}, not {MAX_PAGE_SIZE + 1}" in error["message"]
    assert result["data"] is None


async def test_a_big_page_given_as_a_variable_deep_inside_fails_the_whole_query(
    api: Api,
) -> None:
    token = await _admin_token()

    result = await api.post(BIG_PAGE_INSIDE, {"size": 10_000}, token=token)

    [error] = result["errors"]
    assert "not 10000" in error["message"]
    assert result["data"] is None


async def test_pages_within_the_maximum_are_served(api: Api) -> None:
    token = await _admin_token()

    result = await api.post(BIG_PAGE_INSIDE, {"size": MAX_PAGE_SIZE}, token=token)

    assert "errors" not in result, result["errors"]


async def test_a_page_size_of_thousands_of_digits_is_not_an_int(api: Api) -> None:
    token = await _admin_token()
    digits = "9" * 5000

    result = await api.post(
        f"query {{ schools(first: {digits}) {{ totalCount }} }}", token=token
    )

    [error] = result["errors"]
    assert error["message"].startswith("Expected value of type 'Int'")
    assert result["data"] is None


async def test_thirty_aliases_of_the_whole_report_are_refused_before_running(
    api: Api,
) -> None:
    token = await _admin_token()
    reports = " ".join(f"r{index}: {WHOLE_REPORT}" for index in range(MAX_ALIASES))
    query = f"query Reports($calendar: ID!) {{ {reports} }}"

    result = await api.post(query, {"calendar": global_id("Calendar", 1)}, token)

    [error] = result["errors"]
    assert error["message"] == (
        f"Operation 'Reports' asks for {MAX_ALIASES} expensive report fields"
        f" (awaitingPush, sectionGradeImpact); at most {MAX_EXPENSIVE_FIELDS}"
        " is allowed per operation: send each in its own request."
    )
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert result["data"] is None


async def test_a_report_and_a_grade_impact_hidden_in_fragments_are_refused(
    api: Api,
) -> None:
    token = await _admin_token()
    variables = {
        "calendar": global_id("Calendar", 1),
        "section": global_id("Section", 1),
    }

    result = await api.post(REPORT_AND_IMPACT_IN_FRAGMENTS, variables, token)

    [error] = result["errors"]
    assert "Operation 'Both' asks for 2 expensive report fields" in error["message"]
    assert result["data"] is None


async def test_one_report_selected_in_several_places_is_resolved_once_and_served(
    api: Api,
) -> None:
    token = await _admin_token()
    variables = {"calendar": global_id("Calendar", 1)}

    data = await api.data(ONE_REPORT_SPREAD_TWICE, token, variables)

    assert data["awaitingPush"] is None  # no such calendar
    assert data["me"]["username"]


async def test_each_operation_of_a_document_may_read_one_report(api: Api) -> None:
    token = await _admin_token()
    body = {
        "query": ONE_REPORT_PER_OPERATION,
        "operationName": "Second",
        "variables": {"calendar": global_id("Calendar", 1)},
    }

    response = await api.http.post(
        api.url, json=body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.json() == {"data": {"awaitingPush": None}}
