"""Every operation needs a valid bearer token, over HTTP and over WebSocket."""

import json
from typing import Any

import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from models import Role
from tests.api import builders
from tests.api.conftest import Api

ME = "query { me { username role } }"


def _assert_unauthenticated(result: dict[str, Any]) -> None:
    assert result.get("data") is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_request_without_a_token_is_unauthenticated(api: Api) -> None:
    result = await api.post(ME)

    _assert_unauthenticated(result)


async def test_a_request_with_an_unknown_token_is_unauthenticated(api: Api) -> None:
    result = await api.post(ME, token="gp_not-a-token")

    _assert_unauthenticated(result)


async def test_a_malformed_authorization_header_is_unauthenticated(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await api.http.post(
        api.url, json={"query": ME}, headers={"Authorization": f"Token {token}"}
    )

    _assert_unauthenticated(response.json())


async def test_me_answers_the_user_the_token_belongs_to(api: Api) -> None:
    teacher, token = await builders.user(Role.TEACHER)

    data = await api.data(ME, token)

    assert data["me"] == {"username": teacher.username, "role": "TEACHER"}


def _ws_url(api: Api) -> str:
    return api.url.replace("http://", "ws://")


async def _connect(api: Api, payload: dict[str, str]) -> dict[str, Any]:
    async with websockets.connect(
        _ws_url(api), subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        acknowledged = json.loads(await socket.recv())
        assert acknowledged["type"] == "connection_ack"
        await socket.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": ME}})
        )
        message: dict[str, Any] = json.loads(await socket.recv())
        return message


@pytest.mark.parametrize("style", ["authorization", "authToken"])
async def test_a_websocket_with_a_token_in_connection_init_can_query(
    api: Api, style: str
) -> None:
    teacher, token = await builders.user(Role.TEACHER)
    payload = {"authorization": f"Bearer {token}"}
    if style == "authToken":
        payload = {"authToken": token}

    message = await _connect(api, payload)

    assert message["type"] == "next"
    assert message["payload"]["data"]["me"]["username"] == teacher.username


async def test_a_websocket_without_a_valid_token_is_closed_as_forbidden(
    api: Api,
) -> None:
    with pytest.raises(ConnectionClosed) as closed:
        await _connect(api, {"authToken": "gp_not-a-token"})

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
