"""Progress events: a start, progress at most once a second, and always the end."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from models import Course, PushRequest
from push import clock, requests
from runtime import events
from tests.push.builders import add_course_category, add_section, build_district
from tests.push.inline import run_inline, submit_calendar_push

START = datetime.datetime(2099, 7, 1, 8, 0, tzinfo=datetime.UTC)


class _Recorder:
    """A publisher that keeps what is published, in order."""

    def __init__(self) -> None:
        self.published: list[tuple[str, dict[str, Any]]] = []

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        self.published.append((channel, message))

    def statuses(self, request: PushRequest) -> list[str]:
        channel = events.push_request_channel(request.pk)
        return [m["status"] for c, m in self.published if c == channel]


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    recorder = _Recorder()
    events.set_publisher(recorder)
    yield recorder
    events.set_publisher(None)


async def _request_of_courses(count: int) -> PushRequest:
    district = await build_district()
    for index in range(count):
        course = await Course.create(
            source_id=f"course-{index + 10}",
            calendar=district.calendar,
            number=f"C{index:03}",
            name=f"Course {index}",
        )
        await add_course_category(course, "Homework")
        await add_section(course, "01", [district.q1])
    return await submit_calendar_push(district.admin, district.calendar)


async def test_courses_done_within_a_second_send_one_progress_event(
    db: str, recorder: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: START)
    request = await _request_of_courses(6)

    await run_inline(request)

    assert recorder.statuses(request) == ["running", "running", "completed"]


async def test_batches_a_second_apart_each_send_progress(
    db: str, recorder: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(requests, "SECTIONS_PER_BATCH", 1)
    ticks = (START + datetime.timedelta(seconds=n) for n in range(1000))
    monkeypatch.setattr(clock, "now", lambda: next(ticks))
    request = await _request_of_courses(3)

    await run_inline(request)

    assert recorder.statuses(request) == ["running"] * 4 + ["completed"]


async def test_the_final_event_carries_the_final_counts(
    db: str, recorder: _Recorder
) -> None:
    request = await _request_of_courses(4)

    ended = await run_inline(request)

    channel = events.push_request_channel(request.pk)
    final = [message for c, message in recorder.published if c == channel][-1]
    assert final["status"] == "completed"
    assert (final["courses_done"], final["sections_changed"]) == (4, 4)
    assert final["seq"] == ended.seq
