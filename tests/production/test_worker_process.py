"""A push carried out by a separate `dramatiq` worker process on Redis."""

import asyncio
import time
from pathlib import Path

from models import Course, Notification, PushRequest, SectionCategory
from models.push_request import PushStatus
from push.options import PushOptions
from push.requests import submit_push
from tests.production.processes import WorkerProcess, running_worker, send_to_workers
from tests.push.builders import (
    District,
    add_course_category,
    add_section,
    build_district,
)

TERMINAL = {PushStatus.COMPLETED, PushStatus.COMPLETED_WITH_ERRORS, PushStatus.FAILED}


async def _district_with_courses(courses: int, sections: int) -> District:
    district = await build_district()
    for index in range(courses):
        course = (
            district.course
            if index == 0
            else await Course.create(
                source_id=f"course-{index + 1}",
                calendar=district.calendar,
                number=f"C{index + 1:03}",
                name=f"Course {index + 1}",
            )
        )
        await add_course_category(course, "Homework", "40")
        await add_course_category(course, "Tests", "60", sequence=2)
        for number in range(sections):
            await add_section(course, f"{number + 1:02}", [district.q1])
    return district


async def _submit(district: District) -> PushRequest:
    return await submit_push(
        requested_by=district.admin,
        calendar=district.calendar,
        course=None,
        options=PushOptions(),
        acknowledge_in_session=False,
    )


async def _wait_until(
    request_id: int, done: set[PushStatus], seconds: float
) -> PushRequest:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        request = await PushRequest.get(id=request_id)
        if request.status in done:
            return request
        await asyncio.sleep(0.2)
    raise AssertionError(f"request {request_id} still {request.status}")


async def test_a_worker_process_pushes_a_calendar(
    db: str, namespace: str, process_log: Path
) -> None:
    district = await _district_with_courses(courses=3, sections=4)
    request = await _submit(district)

    with running_worker(db, namespace, process_log):
        send_to_workers(namespace, "start_push", request.id)
        ended = await _wait_until(request.id, TERMINAL, 60)

    assert ended.status == PushStatus.COMPLETED
    assert (ended.courses_done, ended.sections_changed) == (3, 12)
    assert await SectionCategory.all().count() == 24


async def test_a_duplicate_start_message_pushes_nothing_twice(
    db: str, namespace: str, process_log: Path
) -> None:
    district = await _district_with_courses(courses=2, sections=3)
    request = await _submit(district)

    with running_worker(db, namespace, process_log):
        send_to_workers(namespace, "start_push", request.id)
        send_to_workers(namespace, "start_push", request.id)
        ended = await _wait_until(request.id, TERMINAL, 60)
        await asyncio.sleep(1)

    ended = await PushRequest.get(id=request.id)
    assert (ended.sections_changed, ended.categories_created) == (6, 12)
    assert await Notification.filter(user=district.admin).count() == 1


async def test_a_request_survives_its_worker_being_killed(
    db: str, namespace: str, process_log: Path
) -> None:
    # given a request under way in a worker process
    district = await _district_with_courses(courses=30, sections=6)
    request = await _submit(district)
    worker = WorkerProcess(db, namespace, process_log)
    worker.start()
    send_to_workers(namespace, "start_push", request.id)
    await _wait_for_progress(request.id)

    # when the worker is killed and a new one starts
    worker.kill()
    worker.start()
    try:
        ended = await _wait_until(request.id, TERMINAL, 120)
    finally:
        worker.stop()

    # then the request ends as a clean run would, counted and notified once
    assert ended.status == PushStatus.COMPLETED
    assert (ended.sections_changed, ended.sections_unchanged) == (180, 0)
    assert ended.categories_created == 360
    assert await SectionCategory.all().count() == 360
    assert await Notification.filter(user=district.admin).count() == 1


async def _wait_for_progress(request_id: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (await PushRequest.get(id=request_id)).courses_done >= 1:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the worker made no progress")
