"""A POST body that cannot hold a GraphQL request is a 400 that says why.

The answer is GraphQL-shaped (an `errors` list, no `data`) so that a front end
reads it like any other error, and nothing of the request runs.
"""

import httpx
import pytest

from models import Role
from tests.api import builders
from tests.api.conftest import Api

MUST_BE_AN_OBJECT = "The request body must be a JSON object"


async def _post_raw(api: Api, body: bytes) -> httpx.Response:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return await api.http.post(api.url, content=body, headers=headers)


def _bad_request_message(response: httpx.Response) -> str:
    """The single error message of a 400 answer in GraphQL form."""
    assert response.status_code == httpx.codes.BAD_REQUEST, response.text
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert "data" not in answer
    [error] = answer["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    message: str = error["message"]
    return message


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b'"hi"', "a string"),
        (b"123", "a number"),
        (b"1.5", "a number"),
        (b"true", "a boolean"),
        (b"null", "null"),
    ],
)
async def test_a_json_value_other_than_an_object_is_refused(
    api: Api, body: bytes, kind: str
) -> None:
    response = await _post_raw(api, body)

    assert _bad_request_message(response) == f"{MUST_BE_AN_OBJECT}, not {kind}."


@pytest.mark.parametrize("body", [b"[]", b'[{"query": "{ me { username } }"}]'])
async def test_an_array_is_refused_as_a_batch(api: Api, body: bytes) -> None:
    response = await _post_raw(api, body)

    message = _bad_request_message(response)
    assert message.startswith(f"{MUST_BE_AN_OBJECT} holding one operation")
    assert "Batching is not enabled" in message


async def test_a_body_that_is_not_utf8_is_refused(api: Api) -> None:
    body = b'{"query": "{ me { username } }"}\xff'

    response = await _post_raw(api, body)

    assert _bad_request_message(response) == (
        f"{MUST_BE_AN_OBJECT} in UTF-8; byte 32 is not valid UTF-8."
    )


async def test_a_utf16_body_is_refused_rather_than_guessed(api: Api) -> None:
    body = '{"query": "{ me { username } }"}'.encode("utf-16")

    response = await _post_raw(api, body)

    assert "in UTF-8" in _bad_request_message(response)


async def test_a_body_that_is_not_json_says_where_it_breaks(api: Api) -> None:
    response = await _post_raw(api, b'{"query": }')

    assert _bad_request_message(response) == (
        f"{MUST_BE_AN_OBJECT}; it is not valid JSON"
        " (Expecting value at line 1, column 11)."
    )


async def test_a_number_too_long_to_read_is_refused(api: Api) -> None:
    body = b'{"query": "{ me { username } }", "variables": {"n": %s}}' % (b"9" * 5000)

    response = await _post_raw(api, body)

    assert "a number too long to read" in _bad_request_message(response)


async def test_json_nested_too_deeply_is_refused(api: Api) -> None:
    depth = 100_000
    body = b'{"variables": ' + b"[" * depth + b"]" * depth + b"}"

    response = await _post_raw(api, body)

    assert "nested too deeply" in _bad_request_message(response)


async def test_a_json_object_still_runs_its_operation(api: Api) -> None:
    response = await _post_raw(api, b'{"query": "{ me { role } }"}')

    assert response.json() == {"data": {"me": {"role": "DISTRICT_ADMIN"}}}
