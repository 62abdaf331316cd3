"""Browsers: the configured front end may call the API, other sites may not.

Tokens travel in the Authorization header, never in cookies, so another site
cannot borrow a user's session; on top of that the endpoint runs only JSON
posts (which need a CORS preflight) and never runs a mutation over GET.
"""

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets

from models import Role
from settings import Settings
from tests.api import builders
from tests.api.conftest import Api, serving

FRONT_END = "https://grades.district.example"
ELSEWHERE = "https://elsewhere.example"
ME = "query { me { username } }"
_TRANSPORT_WS = websockets.Subprotocol("graphql-transport-ws")
MUTATION = "mutation { markNotificationsRead(all: true) { errors { code } } }"


@pytest.fixture
async def front_end_api(database_url: str) -> AsyncIterator[Api]:
    """A server configured for one browser front end."""
    settings = Settings(database_url=database_url, allowed_origins=(FRONT_END,))
    async with serving(settings) as url, httpx.AsyncClient(timeout=10) as http:
        yield Api(http=http, url=f"{url}/graphql")


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }


async def test_the_front_end_origin_passes_the_preflight(front_end_api: Api) -> None:
    response = await front_end_api.http.options(
        front_end_api.url, headers=_preflight(FRONT_END)
    )

    assert response.status_code == httpx.codes.OK
    assert response.headers["access-control-allow-origin"] == FRONT_END
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers
    assert "access-control-allow-credentials" not in response.headers


async def test_another_origin_fails_the_preflight(front_end_api: Api) -> None:
    response = await front_end_api.http.options(
        front_end_api.url, headers=_preflight(ELSEWHERE)
    )

    assert response.status_code == httpx.codes.BAD_REQUEST
    assert "access-control-allow-origin" not in response.headers


async def test_the_front_end_may_read_the_answer(front_end_api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await front_end_api.http.post(
        front_end_api.url,
        json={"query": ME},
        headers={"Origin": FRONT_END, "Authorization": f"Bearer {token}"},
    )

    assert response.status_code == httpx.codes.OK
    assert response.headers["access-control-allow-origin"] == FRONT_END


async def test_without_configured_origins_no_site_may_read_the_answer(
    api: Api,
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await api.http.post(
        api.url,
        json={"query": ME},
        headers={"Origin": FRONT_END, "Authorization": f"Bearer {token}"},
    )

    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "query=" + MUTATION),
        ("text/plain", json.dumps({"query": MUTATION})),
        ("multipart/form-data; boundary=x", "--x\r\n\r\n" + MUTATION + "\r\n--x--"),
    ],
)
async def test_a_cross_site_form_post_is_refused_before_it_runs(
    api: Api, content_type: str, body: str
) -> None:
    response = await api.http.post(
        api.url,
        content=body,
        headers={"Content-Type": content_type, "Origin": ELSEWHERE},
    )

    assert response.status_code == httpx.codes.BAD_REQUEST
    assert response.text == "Unsupported content type"


async def test_get_never_runs_a_mutation(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await api.http.get(
        api.url,
        params={"query": MUTATION},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == httpx.codes.BAD_REQUEST
    assert "mutations are not allowed when using GET" in response.text


async def test_get_runs_queries(api: Api) -> None:
    user, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await api.http.get(
        api.url, params={"query": ME}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.json() == {"data": {"me": {"username": user.username}}}


async def test_several_operations_in_one_post_are_refused(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    response = await api.http.post(
        api.url,
        json=[{"query": ME}, {"query": ME}],
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == httpx.codes.BAD_REQUEST
    assert "Batching is not enabled" in response.text


async def test_a_websocket_from_the_front_end_is_accepted(front_end_api: Api) -> None:
    url = front_end_api.url.replace("http://", "ws://")

    async with websockets.connect(
        url, subprotocols=[_TRANSPORT_WS], origin=websockets.Origin(FRONT_END)
    ) as socket:
        assert socket.subprotocol == _TRANSPORT_WS


async def test_a_websocket_from_another_site_is_refused(front_end_api: Api) -> None:
    url = front_end_api.url.replace("http://", "ws://")

    with pytest.raises(websockets.InvalidStatus) as refused:
        async with websockets.connect(
            url, subprotocols=[_TRANSPORT_WS], origin=websockets.Origin(ELSEWHERE)
        ):
            pass

    assert refused.value.response.status_code == httpx.codes.FORBIDDEN
