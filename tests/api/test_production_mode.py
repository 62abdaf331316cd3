"""Production mode tells callers only what they asked; development helps them.

Introspection, "Did you mean" hints, GraphiQL and our fault messages help a
developer building a front end and would map the API, or leak internals, to
anyone else.
"""

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from tortoise import connections

from models import Role
from settings import Settings
from tests.api import builders
from tests.api.conftest import Api, serving

INTROSPECTION = "query { __schema { queryType { name } } }"
MISSPELT_FIELD = "query { me { usernme } }"
SCHOOLS = "query { schools { totalCount } }"
_TRANSPORT_WS = websockets.Subprotocol("graphql-transport-ws")


@pytest.fixture
async def production_api(database_url: str) -> AsyncIterator[Api]:
    settings = Settings(database_url=database_url, production=True)
    async with serving(settings) as url, httpx.AsyncClient(timeout=10) as http:
        yield Api(http=http, url=f"{url}/graphql")


async def _admin_token() -> str:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    return token


async def _lose_the_school_table() -> None:
    """A fault of ours: every read of schools now fails inside the database."""
    await connections.get("default").execute_script(
        "ALTER TABLE school RENAME TO school_gone"
    )


async def test_production_refuses_introspection(production_api: Api) -> None:
    token = await _admin_token()

    result = await production_api.post(INTROSPECTION, token=token)

    messages = [error["message"] for error in result["errors"]]
    assert all("introspection has been disabled" in m for m in messages)
    assert result["data"] is None


async def test_production_still_answers_typename(production_api: Api) -> None:
    token = await _admin_token()

    data = await production_api.data("query { me { __typename } }", token)

    assert data == {"me": {"__typename": "User"}}


async def test_production_gives_no_field_suggestions(production_api: Api) -> None:
    token = await _admin_token()

    result = await production_api.post(MISSPELT_FIELD, token=token)

    [error] = result["errors"]
    assert error["message"] == "Cannot query field 'usernme' on type 'User'."


async def test_production_masks_faults(production_api: Api) -> None:
    token = await _admin_token()
    await _lose_the_school_table()

    result = await production_api.post(SCHOOLS, token=token)

    [error] = result["errors"]
    assert error["message"] == "Unexpected error."
    assert "no such table" not in str(result)
    assert "does not exist" not in str(result)


async def test_production_serves_no_graphiql(production_api: Api) -> None:
    response = await production_api.http.get(
        production_api.url, headers={"Accept": "text/html"}
    )

    assert "graphiql" not in response.text.lower()
    assert response.status_code != httpx.codes.OK


async def test_development_allows_introspection(api: Api) -> None:
    token = await _admin_token()

    data = await api.data(INTROSPECTION, token)

    assert data == {"__schema": {"queryType": {"name": "Query"}}}


async def test_development_suggests_the_field_meant(api: Api) -> None:
    token = await _admin_token()

    result = await api.post(MISSPELT_FIELD, token=token)

    [error] = result["errors"]
    assert "Did you mean 'username'?" in error["message"]


async def test_development_shows_the_fault(api: Api) -> None:
    token = await _admin_token()
    await _lose_the_school_table()

    result = await api.post(SCHOOLS, token=token)

    [error] = result["errors"]
    assert "school" in error["message"]
    assert error["message"] != "Unexpected error."


async def test_development_serves_graphiql_to_a_browser(api: Api) -> None:
    response = await api.http.get(api.url, headers={"Accept": "text/html"})

    assert response.status_code == httpx.codes.OK
    assert "graphiql" in response.text.lower()


async def test_production_gives_no_suggestions_over_websocket(
    production_api: Api,
) -> None:
    token = await _admin_token()
    url = production_api.url.replace("http://", "ws://")

    async with websockets.connect(url, subprotocols=[_TRANSPORT_WS]) as socket:
        await socket.send(
            json.dumps({"type": "connection_init", "payload": {"authToken": token}})
        )
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(
            json.dumps(
                {"id": "1", "type": "subscribe", "payload": {"query": MISSPELT_FIELD}}
            )
        )
        answer = json.loads(await socket.recv())

    assert answer["type"] == "error"
    [error] = answer["payload"]
    assert error["message"] == "Cannot query field 'usernme' on type 'User'."
