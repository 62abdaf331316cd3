"""SPEC section 5: the life of a push request in the batch queue."""

import asyncio

import pytest

from models import (
    Course,
    Notification,
    PushRequest,
    PushSectionResult,
    SectionCalcOption,
    SectionCategory,
)
from models.push_request import PushStatus, SectionOutcome
from push.course_push import push_courses
from push.errors import PushAlreadyActiveError, PushNotActiveError
from push.options import PushOptions
from push.requests import begin_push, cancel_push, retry_failed_sections, submit_push
from tests.push.builders import (
    District,
    add_calc_option,
    add_course_category,
    add_section,
    build_district,
)
from tests.push.faults import allow_categories_for, refuse_categories_for
from tests.push.inline import run_inline


async def _submit(district: District, key: str | None = None) -> PushRequest:
    return await submit_push(
        requested_by=district.admin,
        calendar=district.calendar,
        course=None,
        options=PushOptions(),
        acknowledge_in_session=False,
        idempotency_key=key,
    )


async def test_a_failing_section_does_not_stop_the_others(db: str) -> None:
    # given three sections, one of which the database refuses
    district = await build_district()
    await add_course_category(district.course, "Homework")
    await add_calc_option(district.course, district.q1, district.quarter)
    sections = [
        await add_section(district.course, number, [district.q1])
        for number in ("01", "02", "03")
    ]
    await refuse_categories_for(sections[1].id)

    # when the calendar is pushed
    request = await run_inline(await _submit(district))

    # then it completes with errors, the failed section untouched and explained
    assert request.status == PushStatus.COMPLETED_WITH_ERRORS
    assert (request.sections_changed, request.sections_failed) == (2, 1)
    failed = await PushSectionResult.get(push_request=request, section=sections[1])
    assert failed.outcome == SectionOutcome.FAILED
    assert "injected fault" in (failed.error or "")
    assert await SectionCalcOption.filter(section=sections[1]).count() == 0
    assert await SectionCategory.filter(section=sections[0]).count() == 1


async def test_retry_pushes_only_the_failed_sections(db: str) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    good = await add_section(district.course, "01", [district.q1])
    bad = await add_section(district.course, "02", [district.q1])
    await refuse_categories_for(bad.id)
    first = await run_inline(await _submit(district))
    await allow_categories_for(bad.id)

    retry = await run_inline(await retry_failed_sections(first, district.admin))

    assert retry.status == PushStatus.COMPLETED
    assert retry.retry_of_id == first.id  # type: ignore[attr-defined]
    assert (retry.sections_total, retry.sections_changed) == (1, 1)
    assert await PushSectionResult.filter(push_request=retry, section=good).count() == 0


async def test_second_push_of_an_active_calendar_is_refused_naming_the_first(
    db: str,
) -> None:
    district = await build_district()
    first = await _submit(district)

    with pytest.raises(PushAlreadyActiveError) as refused:
        await _submit(district)

    assert refused.value.active_request_id == first.id
    assert str(first.id) in str(refused.value)


async def test_two_submits_at_the_same_moment_queue_exactly_one(db: str) -> None:
    district = await build_district()

    outcomes = await asyncio.gather(
        _submit(district), _submit(district), return_exceptions=True
    )

    queued = [o for o in outcomes if isinstance(o, PushRequest)]
    refused = [o for o in outcomes if isinstance(o, PushAlreadyActiveError)]
    assert (len(queued), len(refused)) == (1, 1)
    assert await PushRequest.all().count() == 1


async def test_a_repeated_idempotency_key_returns_the_first_request(db: str) -> None:
    district = await build_district()
    first = await _submit(district, key="submit-1")

    again = await _submit(district, key="submit-1")

    assert again.id == first.id
    assert await PushRequest.all().count() == 1


async def test_cancelling_a_queued_request_ends_it_at_once(db: str) -> None:
    district = await build_district()
    request = await _submit(district)

    cancelled = await cancel_push(request.id)

    assert cancelled.status == PushStatus.CANCELLED
    assert await begin_push(request.id) == []
    assert await Notification.filter(user=district.admin).count() == 1
    assert await _submit(district)


async def test_cancelling_a_running_request_stops_after_the_course_in_hand(
    db: str,
) -> None:
    # given a running request over two courses, the first one pushed
    district = await build_district()
    second_course = await Course.create(
        source_id="course-2", calendar=district.calendar, number="GEO", name="Geo"
    )
    await add_course_category(district.course, "Homework")
    await add_section(district.course, "01", [district.q1])
    await add_section(second_course, "01", [district.q1])
    request = await _submit(district)
    ((first_id, second_id),) = await begin_push(request.id)
    await push_courses(request.id, [first_id])

    # when it is cancelled and the second course's message arrives
    await cancel_push(request.id)
    await push_courses(request.id, [second_id])

    # then the first course stays pushed and the second is skipped
    ended = await PushRequest.get(id=request.id)
    assert ended.status == PushStatus.CANCELLED
    assert (ended.sections_changed, ended.sections_skipped) == (1, 1)
    with pytest.raises(PushNotActiveError):
        await cancel_push(request.id)


async def test_a_duplicate_course_message_pushes_and_counts_nothing_twice(
    db: str,
) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    await add_section(district.course, "01", [district.q1])
    request = await _submit(district)
    (batch,) = await begin_push(request.id)

    await push_courses(request.id, batch)
    await push_courses(request.id, batch)

    ended = await PushRequest.get(id=request.id)
    assert ended.status == PushStatus.COMPLETED
    assert (ended.sections_changed, ended.categories_created) == (1, 1)
    assert await Notification.filter(user=district.admin).count() == 1


async def test_a_request_resumed_after_a_crash_skips_pushed_sections(db: str) -> None:
    # given a request whose first section was pushed before the worker died
    district = await build_district()
    await add_course_category(district.course, "Homework")
    first = await add_section(district.course, "01", [district.q1])
    await add_section(district.course, "02", [district.q1])
    request = await _submit(district)
    ((course_id,),) = await begin_push(request.id)
    await PushSectionResult.create(
        push_request=request, section=first, course_id=course_id, outcome="changed"
    )

    # when the request is resumed
    assert await begin_push(request.id) == [[course_id]]
    await push_courses(request.id, [course_id])

    # then the pushed section is not pushed again
    assert await SectionCategory.filter(section=first).count() == 0
    ended = await PushRequest.get(id=request.id)
    assert ended.sections_changed == 2
