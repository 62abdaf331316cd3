"""A document of several operations runs only the one operationName names.

Without operationName such a document is refused before anything runs, as
the GraphQL spec requires, instead of silently running its first operation.
"""

from typing import Any

import httpx

from models import Notification, Role, User
from models.notification import NotificationKind
from tests.api import builders
from tests.api.conftest import Api

MARK_ALL_THEN_COUNT = """
mutation MarkAll { markNotificationsRead(all: true) { unreadCount } }
query Count { unreadNotificationCount }
"""
TWO_QUERIES = """
query Name { me { username } }
query Role { me { role } }
"""
REFUSAL = (
    "The document holds 2 operations (MarkAll, Count); "
    "give `operationName` to say which one to run."
)


async def _user_with_an_unread_notification() -> tuple[User, str]:
    user, token = await builders.user(Role.DISTRICT_ADMIN)
    await Notification.create(
        user=user,
        kind=NotificationKind.PUSH_REQUEST_ENDED,
        title="Push ended",
        body="Push ended: the details.",
    )
    return user, token


async def _post(api: Api, token: str, body: dict[str, Any]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    response = await api.http.post(api.url, json=body, headers=headers)
    assert response.status_code == httpx.codes.OK, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_several_operations_without_an_operation_name_run_none_of_them(
    api: Api,
) -> None:
    user, token = await _user_with_an_unread_notification()

    result = await _post(api, token, {"query": MARK_ALL_THEN_COUNT})

    [error] = result["errors"]
    assert error["message"] == REFUSAL
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert result["data"] is None
    assert await Notification.filter(user_id=user.pk, read=False).count() == 1


async def test_the_operation_name_picks_the_operation_to_run(api: Api) -> None:
    user, token = await _user_with_an_unread_notification()
    body = {"query": MARK_ALL_THEN_COUNT, "operationName": "Count"}

    result = await _post(api, token, body)

    assert result == {"data": {"unreadNotificationCount": 1}}
    assert await Notification.filter(user_id=user.pk, read=False).count() == 1


async def test_the_operation_name_may_pick_a_later_mutation(api: Api) -> None:
    user, token = await _user_with_an_unread_notification()
    body = {"query": MARK_ALL_THEN_COUNT, "operationName": "MarkAll"}

    result = await _post(api, token, body)

    assert result == {"data": {"markNotificationsRead": {"unreadCount": 0}}}
    assert await Notification.filter(user_id=user.pk, read=False).count() == 0


async def test_several_queries_over_get_need_an_operation_name_too(api: Api) -> None:
    user, token = await builders.user(Role.DISTRICT_ADMIN)
    headers = {"Authorization": f"Bearer {token}"}

    refused = await api.http.get(
        api.url, params={"query": TWO_QUERIES}, headers=headers
    )
    named = await api.http.get(
        api.url, params={"query": TWO_QUERIES, "operationName": "Name"}, headers=headers
    )

    [error] = refused.json()["errors"]
    assert error["message"].startswith("The document holds 2 operations (Name, Role)")
    assert named.json() == {"data": {"me": {"username": user.username}}}


async def test_a_single_named_operation_needs_no_operation_name(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    result = await _post(api, token, {"query": "query Role { me { role } }"})

    assert result == {"data": {"me": {"role": "DISTRICT_ADMIN"}}}
