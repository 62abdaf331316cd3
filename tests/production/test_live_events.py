"""Live events across processes: two servers and a worker on PostgreSQL and Redis.

The push is submitted on server A, run by a separate `dramatiq` worker, and
watched from server B: every event reaches B through Redis, once and in order.
"""

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import redis.asyncio as redis

from auth.tokens import issue_token
from models import Course, PushRequest
from schema.relay import global_id
from tests.api.live import LEGACY_WS, TRANSPORT_WS, LiveClient, Stream, live_client
from tests.production.processes import running_server, running_worker
from tests.push.builders import (
    District,
    add_course_category,
    add_section,
    build_district,
)
from tests.services import REDIS_URL

COURSES = 40
# A guard against a hung test, not a measured limit.
_LISTENER_GUARD_SECONDS = 10
SECTIONS = 6
STATUS_ORDER = ["QUEUED", "RUNNING", "COMPLETED"]
COUNTS = (
    "coursesDone sectionsTotal sectionsChanged sectionsUnchanged sectionsFailed"
    " sectionsSkipped categoriesCreated"
)
PUSH_REQUEST_UPDATED = f"""
subscription ($id: ID!) {{
  pushRequestUpdated(id: $id) {{ status coursesTotal {COUNTS} }}
}}
"""
PUSH_REQUEST = f"""
query ($id: ID!) {{ pushRequest(id: $id) {{ status coursesTotal {COUNTS} }} }}
"""
PUSH_ALL_COURSES = """
mutation ($id: ID!) {
  pushAllCourses(calendarId: $id) { pushRequest { id } errors { code message } }
}
"""


async def _district(courses: int, sections: int) -> District:
    district = await build_district()
    for index in range(courses):
        course = await Course.create(
            source_id=f"course-{index + 10}",
            calendar=district.calendar,
            number=f"C{index:03}",
            name=f"Course {index}",
        )
        await add_course_category(course, "Homework", "40")
        await add_course_category(course, "Tests", "60", sequence=2)
        for number in range(sections):
            await add_section(course, f"{number + 1:02}", [district.q1])
    return district


async def _graphql(
    port: int, query: str, variables: dict[str, Any], token: str
) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    result: dict[str, Any] = response.json()
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"]
    return data


@dataclass
class _Published:
    """What is published on Redis for the request, and when it said completed."""

    messages: list[Any] = field(default_factory=list)
    completed: asyncio.Event = field(default_factory=asyncio.Event)

    async def until_completed(self) -> None:
        """Our own listener may lag behind the servers' by a moment."""
        async with asyncio.timeout(_LISTENER_GUARD_SECONDS):
            await self.completed.wait()


@asynccontextmanager
async def _published(namespace: str, request_id: int) -> AsyncIterator[_Published]:
    client = redis.Redis.from_url(REDIS_URL)
    pubsub = client.pubsub()
    await pubsub.subscribe(f"{namespace}:push-request:{request_id}")
    published = _Published()

    async def listen() -> None:
        async for raw in pubsub.listen():
            if raw["type"] == "message":
                message = json.loads(raw["data"])
                published.messages.append(message)
                if message["status"] == "completed":
                    published.completed.set()

    listener = asyncio.create_task(listen())
    try:
        yield published
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await pubsub.aclose()
        await client.aclose()


async def _watch(client: LiveClient, request_id: str) -> dict[str, Any]:
    """Subscribe and return the first event once it has arrived."""
    await client.subscribe(PUSH_REQUEST_UPDATED, {"id": request_id})
    return await client.next_event()


def _events(first: dict[str, Any], stream: Stream) -> list[dict[str, Any]]:
    assert stream.errors == []
    assert stream.completed
    return [first["pushRequestUpdated"]] + [
        event["pushRequestUpdated"] for event in stream.events
    ]


def _assert_in_order_and_once(events: list[dict[str, Any]]) -> None:
    statuses = [STATUS_ORDER.index(event["status"]) for event in events]
    assert statuses == sorted(statuses)
    done = [event["coursesDone"] for event in events]
    assert done == sorted(done)
    assert all(before != after for before, after in itertools.pairwise(events))
    assert [e["status"] for e in events].count("COMPLETED") == 1


async def test_a_client_on_another_server_sees_a_push_run_by_a_worker(
    db: str, namespace: str, process_log: Path
) -> None:
    # given two server processes, and a push submitted on A before any worker runs
    district = await _district(COURSES, SECTIONS)
    token = await issue_token(district.admin, "test")
    calendar_id = global_id("Calendar", district.calendar.pk)
    with (
        running_server(db, namespace, process_log) as port_a,
        running_server(db, namespace, process_log) as port_b,
    ):
        submitted = await _graphql(port_a, PUSH_ALL_COURSES, {"id": calendar_id}, token)
        request_id = submitted["pushAllCourses"]["pushRequest"]["id"]
        request = await PushRequest.get()
        url_a, url_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"

        # when clients watch it on B and on A, and a separate worker runs it
        async with (
            live_client(url_b, token, TRANSPORT_WS) as on_b,
            live_client(url_a, token, LEGACY_WS) as on_a,
            _published(namespace, request.pk) as published,
        ):
            first_b = await _watch(on_b, request_id)
            first_a = await _watch(on_a, request_id)
            with running_worker(db, namespace, process_log):
                stream_b = await on_b.read_until_complete()
                stream_a = await on_a.read_until_complete()
            await published.until_completed()
        queue = await _graphql(port_b, PUSH_REQUEST, {"id": request_id}, token)

    # then B saw it queued, running with progress, and ended, once each, in order
    events_b = _events(first_b, stream_b)
    _assert_in_order_and_once(events_b)
    statuses = [event["status"] for event in events_b]
    assert statuses[0] == "QUEUED"
    assert "RUNNING" in statuses
    assert any(0 < e["coursesDone"] < COURSES for e in events_b), events_b

    # and its last event is the batch queue's record, the same as A's
    assert events_b[-1] == queue["pushRequest"]
    assert (events_b[-1]["coursesDone"], events_b[-1]["sectionsChanged"]) == (
        COURSES,
        COURSES * SECTIONS,
    )
    events_a = _events(first_a, stream_a)
    _assert_in_order_and_once(events_a)
    assert events_a[-1] == events_b[-1]

    # and the worker's events went through Redis, ending with the end
    statuses_published = [message["status"] for message in published.messages]
    assert {"running", "completed"} <= set(statuses_published)
    assert statuses_published[-1] == "completed"
