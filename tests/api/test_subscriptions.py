"""Live updates over WebSocket against a real embedded server, in both protocols.

The server runs in the test's process, so a push queued with `enqueue_push`
runs on its embedded worker exactly as after a pushAllCourses mutation; tests
queue it themselves once they are subscribed, so no event can come too early.
"""

import asyncio
import gc
from collections.abc import Callable
from typing import Any

import pytest

from actors.push import enqueue_push
from models import Calendar, Notification, PushRequest, Role, SchoolAdmin, User
from models.notification import NotificationKind
from push.progress import TERMINAL_STATUSES
from runtime import events
from runtime.pubsub import LocalPubSub, Subscription
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.live import (
    LEGACY_WS,
    PROTOCOLS,
    TRANSPORT_WS,
    LiveClient,
    RefusedError,
    live_client,
    unacknowledged_client,
)
from tests.push.builders import add_teacher_category
from tests.push.inline import submit_calendar_push

PUSH_REQUEST_UPDATED = """
subscription ($id: ID!) {
  pushRequestUpdated(id: $id) {
    id status progress coursesTotal coursesDone
    sectionsTotal sectionsChanged sectionsUnchanged sectionsFailed sectionsSkipped
    categoriesCreated categoriesRenamed
  }
}
"""
PUSH_REQUEST = """
query ($id: ID!) {
  pushRequest(id: $id) {
    status coursesTotal coursesDone
    sectionsTotal sectionsChanged sectionsUnchanged sectionsFailed sectionsSkipped
    categoriesCreated categoriesRenamed
  }
}
"""
NOTIFICATION_ADDED = """
subscription {
  notificationAdded { title kind pushRequest { id } section { number } }
}
"""
STATUS_ORDER = ["QUEUED", "RUNNING", "COMPLETED"]
PROBE = "probe"
# How long a probe notification may take before another is sent.
PROBE_SECONDS = 0.5
ABRUPT_DISCONNECTS = 2000
AT_ONCE = 25
# How long the server may take to notice that every client has gone.
SETTLE_SECONDS = 30
SETTLE_POLL_SECONDS = 0.05


async def _calendar_to_push(courses: int, sections: int) -> Calendar:
    calendar = await builders.calendar(await builders.school())
    for index in range(courses):
        course = await builders.course(calendar, f"C{index:02d}")
        await builders.course_category(course, "Homework", "40")
        await builders.course_category(course, "Tests", "60")
        for number in range(sections):
            await builders.section(course, str(number + 1))
    return calendar


async def _queued_push(admin: User, calendar: Calendar) -> PushRequest:
    return await submit_calendar_push(admin, calendar, acknowledge=True)


def _id(request: PushRequest) -> str:
    return global_id("PushRequest", request.pk)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_push_streams_in_order_and_ends_with_the_queue_counts(
    api: Api, server_url: str, protocol: str
) -> None:
    # given a queued push of a calendar and an administrator subscribed to it
    admin, token = await builders.user(Role.DISTRICT_ADMIN)
    request = await _queued_push(admin, await _calendar_to_push(6, 3))

    async with live_client(server_url, token, protocol) as client:
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": _id(request)})
        first = await client.next_event()

        # when the workers run it
        enqueue_push(request.pk)
        stream = await client.read_until_complete()

    # then the events go forward only, and the last equals the batch queue
    events = [first["pushRequestUpdated"]] + [
        event["pushRequestUpdated"] for event in stream.events
    ]
    assert stream.errors == []
    assert events[0]["status"] == "QUEUED"
    statuses = [STATUS_ORDER.index(event["status"]) for event in events]
    assert statuses == sorted(statuses)
    done = [event["coursesDone"] for event in events]
    assert done == sorted(done)
    assert events[-1]["status"] == "COMPLETED"
    assert events[-1]["progress"] == 1.0
    assert [e for e in events if e["status"] == "COMPLETED"] == [events[-1]]

    queue = await api.data(PUSH_REQUEST, token, {"id": _id(request)})
    final = {k: v for k, v in events[-1].items() if k not in ("id", "progress")}
    assert final == queue["pushRequest"]
    assert (final["coursesDone"], final["sectionsChanged"]) == (6, 18)


async def test_a_push_submitted_over_http_is_followed_to_its_end(
    api: Api, server_url: str
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    calendar = await _calendar_to_push(3, 2)
    submit = """
    mutation ($id: ID!) {
      pushAllCourses(calendarId: $id, acknowledgeInSession: true) {
        pushRequest { id } errors { code }
      }
    }
    """

    submitted = await api.data(
        submit, token, {"id": global_id("Calendar", calendar.pk)}
    )
    request_id = submitted["pushAllCourses"]["pushRequest"]["id"]
    async with live_client(server_url, token) as client:
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": request_id})
        stream = await client.read_until_complete()

    assert stream.errors == []
    last = stream.events[-1]["pushRequestUpdated"]
    assert (last["status"], last["sectionsChanged"]) == ("COMPLETED", 6)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_an_ended_request_sends_one_final_event_and_completes(
    server_url: str, protocol: str
) -> None:
    admin, token = await builders.user(Role.DISTRICT_ADMIN)
    request = await _queued_push(admin, await _calendar_to_push(1, 1))
    await PushRequest.filter(id=request.pk).update(status="cancelled")

    async with live_client(server_url, token, protocol) as client:
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": _id(request)})
        stream = await client.read_until_complete()

    assert stream.errors == []
    assert [e["pushRequestUpdated"]["status"] for e in stream.events] == ["CANCELLED"]


async def test_a_school_administrator_follows_a_push_of_their_calendar(
    server_url: str,
) -> None:
    admin, _ = await builders.user(Role.DISTRICT_ADMIN)
    calendar = await _calendar_to_push(1, 1)
    _, token = await builders.user(Role.SCHOOL_ADMIN, [await calendar.school])
    request = await _queued_push(admin, calendar)

    async with live_client(server_url, token) as client:
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": _id(request)})
        await client.next_event()
        enqueue_push(request.pk)
        stream = await client.read_until_complete()

    assert stream.errors == []
    assert stream.events[-1]["pushRequestUpdated"]["status"] == "COMPLETED"


async def test_a_stream_ends_when_the_caller_may_no_longer_see_the_request(
    server_url: str,
) -> None:
    # given a school administrator watching a queued push of their calendar
    admin, _ = await builders.user(Role.DISTRICT_ADMIN)
    calendar = await _calendar_to_push(1, 1)
    school_admin, token = await builders.user(
        Role.SCHOOL_ADMIN, [await calendar.school]
    )
    request = await _queued_push(admin, calendar)

    async with live_client(server_url, token) as client:
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": _id(request)})
        await client.next_event()

        # when they stop administering the school and the request changes
        await SchoolAdmin.filter(user=school_admin).delete()
        await PushRequest.filter(id=request.pk).update(cancel_requested=True)
        await events.publish(events.push_request_channel(request.pk), {})
        stream = await client.read_until_complete()

    # then the stream ends without showing the change
    assert (stream.events, stream.errors) == ([], [])


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_request_out_of_reach_is_refused_like_a_missing_one(
    server_url: str, protocol: str
) -> None:
    # given a push of one school's calendar
    admin, _ = await builders.user(Role.DISTRICT_ADMIN)
    request = await _queued_push(admin, await _calendar_to_push(1, 1))
    _, other_token = await builders.user(
        Role.SCHOOL_ADMIN, [await builders.school("South High")]
    )
    _, teacher_token = await builders.user(Role.TEACHER)
    missing = global_id("PushRequest", request.pk + 1000)

    # when others subscribe to it, or to a request that does not exist
    refusals = []
    for token, request_id in (
        (other_token, _id(request)),
        (teacher_token, _id(request)),
        (other_token, missing),
    ):
        async with live_client(server_url, token, protocol) as client:
            await client.subscribe(PUSH_REQUEST_UPDATED, {"id": request_id})
            refusals.append(await client.read_until_complete())

    # then each gets the same NOT_FOUND and no event
    for stream in refusals:
        assert stream.events == []
        [error] = stream.errors
        assert error["message"] == "No push request with that id."
        assert error["extensions"]["code"] == "NOT_FOUND"


async def _listening_for_notifications(client: LiveClient, user: User) -> None:
    """Send probe notifications until one arrives: the subscription is live."""
    while True:
        await Notification.create(
            user=user, kind=NotificationKind.PUSH_REQUEST_ENDED, title=PROBE, body=""
        )
        await events.publish(events.notification_channel(user.pk), {})
        try:
            await asyncio.wait_for(client.next_event("n"), PROBE_SECONDS)
        except TimeoutError:
            continue
        return


async def _next_notification(client: LiveClient) -> dict[str, Any]:
    """The next notification that is not a probe."""
    while True:
        event = await client.next_event("n")
        notification: dict[str, Any] = event["notificationAdded"]
        if notification["title"] != PROBE:
            return notification


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_the_requester_is_notified_when_the_push_ends(
    server_url: str, protocol: str
) -> None:
    admin, token = await builders.user(Role.DISTRICT_ADMIN)
    request = await _queued_push(admin, await _calendar_to_push(2, 2))

    async with live_client(server_url, token, protocol) as client:
        await client.subscribe(NOTIFICATION_ADDED, id="n")
        await _listening_for_notifications(client, admin)
        enqueue_push(request.pk)
        notification = await _next_notification(client)

    assert notification["kind"] == "PUSH_REQUEST_ENDED"
    assert notification["title"].endswith("(all courses) completed")
    assert notification["pushRequest"] == {"id": _id(request)}
    ended = await PushRequest.get(id=request.pk)
    assert ended.status in TERMINAL_STATUSES


async def test_a_teacher_is_notified_of_a_rename_without_the_request(
    server_url: str,
) -> None:
    # given a teacher's category that clashes with a course category
    admin, _ = await builders.user(Role.DISTRICT_ADMIN)
    teacher, token = await builders.user(Role.TEACHER)
    calendar = await builders.calendar(await builders.school())
    course = await builders.course(calendar)
    await builders.course_category(course, "Homework", "100")
    section = await builders.section(course, "4", teachers=[teacher])
    await add_teacher_category(section, "homework")
    request = await _queued_push(admin, calendar)

    # when the push renames it
    async with live_client(server_url, token) as client:
        await client.subscribe(NOTIFICATION_ADDED, id="n")
        await _listening_for_notifications(client, teacher)
        enqueue_push(request.pk)
        notification = await _next_notification(client)

    # then the teacher hears of it, with the section and without the request
    assert notification == {
        "title": "Categories changed in ENG1 Course ENG1, section 4",
        "kind": "SECTION_CATEGORIES_CHANGED",
        "pushRequest": None,
        "section": {"number": "4"},
    }


@pytest.mark.parametrize("token", [None, "gp_not-a-token"])
async def test_a_connection_without_a_valid_token_is_closed_unacknowledged(
    server_url: str, token: str | None
) -> None:
    with pytest.raises(RefusedError) as refused:
        async with live_client(server_url, token, TRANSPORT_WS):
            pytest.fail("the connection was acknowledged")

    assert refused.value.close_code == 4403


@pytest.mark.parametrize("token", [None, "gp_not-a-token"])
async def test_a_legacy_connection_without_a_valid_token_gets_a_connection_error(
    server_url: str, token: str | None
) -> None:
    with pytest.raises(RefusedError) as refused:
        async with live_client(server_url, token, LEGACY_WS):
            pytest.fail("the connection was acknowledged")

    assert [m["type"] for m in refused.value.messages] == ["connection_error"]
    assert refused.value.messages[0]["payload"] == {
        "reason": "a valid token is required"
    }


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscription_before_connection_init_closes_the_socket(
    server_url: str, protocol: str
) -> None:
    async with unacknowledged_client(server_url, protocol) as client:
        await client.subscribe(NOTIFICATION_ADDED)

        assert await client.close_code() == 4401


async def test_a_subscription_over_plain_http_is_pointed_to_the_websocket(
    api: Api,
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    anonymous = await api.post(NOTIFICATION_ADDED)
    signed_in = await api.post(NOTIFICATION_ADDED, token=token)

    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    [error] = signed_in["errors"]
    assert error["message"].startswith("Subscriptions are served over WebSocket")


async def _subscribe_and_vanish(
    server_url: str, token: str, request: PushRequest, protocol: str
) -> None:
    """Subscribe, take the first event, then drop the TCP connection unannounced."""
    async with unacknowledged_client(server_url, protocol) as client:
        await client.initialise({"authorization": f"Bearer {token}"})
        await client.subscribe(PUSH_REQUEST_UPDATED, {"id": _id(request)})
        await client.next_event()
        client.connection.transport.abort()


async def _settled(done: Callable[[], bool]) -> None:
    """Give the server time to notice the disconnects; the caller asserts after."""
    for _ in range(int(SETTLE_SECONDS / SETTLE_POLL_SECONDS)):
        if done():
            return
        await asyncio.sleep(SETTLE_POLL_SECONDS)


def _live_subscriptions() -> int:
    gc.collect()
    return sum(isinstance(o, Subscription) for o in gc.get_objects())


async def test_thousands_of_abrupt_disconnects_leave_nothing_behind(
    server_url: str,
) -> None:
    # given a server with a queued request nobody watches yet
    admin, token = await builders.user(Role.DISTRICT_ADMIN)
    request = await _queued_push(admin, await _calendar_to_push(1, 1))
    fan_out = events.get_publisher()
    assert isinstance(fan_out, LocalPubSub)
    tasks_before = len(asyncio.all_tasks())

    # when thousands of clients subscribe to it and vanish without a word
    for batch in range(ABRUPT_DISCONNECTS // AT_ONCE):
        protocol = PROTOCOLS[batch % 2]
        await asyncio.gather(
            *(
                _subscribe_and_vanish(server_url, token, request, protocol)
                for _ in range(AT_ONCE)
            )
        )

    # then no channel, task or subscription of theirs is left
    def nothing_left() -> bool:
        return fan_out.channel_count == 0 and len(asyncio.all_tasks()) <= tasks_before

    await _settled(nothing_left)
    assert fan_out.channel_count == 0
    assert len(asyncio.all_tasks()) <= tasks_before
    assert _live_subscriptions() == 0
