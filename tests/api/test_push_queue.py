"""SPEC section 5 over HTTP: the batch queue, idempotency, cancel and retry."""

from typing import Any

from models import PushRequest, Role
from push.course_push import push_courses
from push.requests import begin_push
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import (
    CANCEL,
    PUSH_REQUEST,
    RETRY,
    District,
    build_district,
    payload,
    push_all_courses,
    queued_push,
    until_ended,
)
from tests.push.faults import allow_categories_for, refuse_categories_for

PUSH_REQUESTS = """
query (
  $calendarId: ID, $status: PushStatus, $requestedById: ID,
  $first: Int, $after: String
) {
  pushRequests(
    calendarId: $calendarId, status: $status, requestedById: $requestedById,
    first: $first, after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status requestedBy { username } } }
  }
}
"""


async def _queue(api: Api, token: str, **variables: Any) -> dict[str, Any]:
    data = await api.data(PUSH_REQUESTS, token, variables)
    queue: dict[str, Any] = data["pushRequests"]
    return queue


def _ids(queue: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in queue["edges"]]


async def _ended_push(api: Api, district: District, token: str | None = None) -> str:
    token = token or district.admin_token
    submitted = await push_all_courses(api, token, district.calendar_id)
    ended = await until_ended(api, token, submitted["pushRequest"]["id"])
    request_id: str = ended["id"]
    return request_id


async def test_the_batch_queue_lists_a_calendars_requests_newest_first(
    api: Api,
) -> None:
    # given two ended pushes and a queued one of a calendar, and another calendar
    district = await build_district()
    elsewhere = await build_district()
    await _ended_push(api, elsewhere)
    oldest = await _ended_push(api, district)
    middle = await _ended_push(api, district)
    newest = global_id("PushRequest", (await queued_push(district)).pk)

    # when the administrator pages through that calendar's queue
    first = await _queue(
        api, district.admin_token, calendarId=district.calendar_id, first=2
    )
    rest = await _queue(
        api,
        district.admin_token,
        calendarId=district.calendar_id,
        after=first["pageInfo"]["endCursor"],
    )

    # then the requests come newest first
    assert first["totalCount"] == 3
    assert _ids(first) + _ids(rest) == [newest, middle, oldest]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_the_batch_queue_filters_by_status_and_requester(api: Api) -> None:
    district = await build_district()
    completed = await _ended_push(api, district)
    district_admin, token = await builders.user(Role.DISTRICT_ADMIN)
    theirs = await _ended_push(api, district, token)
    requester = global_id("User", district_admin.pk)

    by_status = await _queue(api, token, status="COMPLETED")
    by_requester = await _queue(api, token, requestedById=requester)

    assert set(_ids(by_status)) == {completed, theirs}
    assert _ids(by_requester) == [theirs]
    [edge] = by_requester["edges"]
    assert edge["node"]["requestedBy"]["username"] == district_admin.username


async def test_teachers_and_other_schools_admins_see_nothing_of_the_queue(
    api: Api,
) -> None:
    district = await build_district()
    request_id = await _ended_push(api, district)
    teacher, teacher_token = await builders.user(Role.TEACHER)
    await builders.section(district.courses[0], "9", [teacher])
    _, outsider = await builders.user(Role.SCHOOL_ADMIN, [await builders.school()])

    for token in (teacher_token, outsider):
        assert (await _queue(api, token))["totalCount"] == 0
        data = await api.data(PUSH_REQUEST, token, {"id": request_id})
        assert data["pushRequest"] is None


async def test_a_repeated_idempotency_key_returns_the_first_request(
    api: Api,
) -> None:
    district = await build_district()
    first = await push_all_courses(
        api, district.admin_token, district.calendar_id, key="submit-1"
    )
    first_id = first["pushRequest"]["id"]
    await until_ended(api, district.admin_token, first_id)

    again = await push_all_courses(
        api, district.admin_token, district.calendar_id, key="submit-1"
    )

    assert again["errors"] == []
    assert again["pushRequest"]["id"] == first_id
    assert await PushRequest.filter(calendar_id=district.calendar.pk).count() == 1


async def test_a_key_reused_for_another_push_is_refused_not_answered_with_the_first(
    api: Api,
) -> None:
    district = await build_district()
    first = await push_all_courses(
        api, district.admin_token, district.calendar_id, key="monday"
    )
    await until_ended(api, district.admin_token, first["pushRequest"]["id"])

    other = await push_all_courses(
        api,
        district.admin_token,
        district.calendar_id,
        key="monday",
        options={"categories": False},
    )

    assert other["pushRequest"] is None
    [error] = other["errors"]
    assert error["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert error["field"] == ["idempotencyKey"]
    assert await PushRequest.filter(calendar_id=district.calendar.pk).count() == 1


async def test_cancelling_a_queued_request_cancels_it_at_once(api: Api) -> None:
    district = await build_district()
    queued = global_id("PushRequest", (await queued_push(district)).pk)

    result = await api.post(CANCEL, {"id": queued}, district.admin_token)

    cancelled = payload(result, "cancelPushRequest")
    assert cancelled["errors"] == []
    assert cancelled["pushRequest"]["status"] == "CANCELLED"
    assert cancelled["pushRequest"]["cancelRequested"] is True
    after = await push_all_courses(api, district.admin_token, district.calendar_id)
    assert after["errors"] == []


async def test_a_running_request_stops_after_the_course_in_hand(api: Api) -> None:
    # given a request a worker has started, its batch messages not yet handled
    district = await build_district()
    request = await queued_push(district)
    batches = await begin_push(request.id)
    request_id = global_id("PushRequest", request.pk)

    # when the administrator cancels it and the workers handle the courses
    result = await api.post(CANCEL, {"id": request_id}, district.admin_token)
    asked = payload(result, "cancelPushRequest")["pushRequest"]
    for course_ids in batches:
        await push_courses(request.id, course_ids)

    # then the running request was only asked to stop, and pushed nothing more
    assert (asked["status"], asked["cancelRequested"]) == ("RUNNING", True)
    ended = await until_ended(api, district.admin_token, request_id)
    assert ended["status"] == "CANCELLED"
    assert (ended["sectionsSkipped"], ended["sectionsChanged"]) == (4, 0)


async def test_retry_pushes_the_failed_sections_as_a_new_request(api: Api) -> None:
    # given a push that failed in one section, whose fault is then fixed
    district = await build_district()
    broken = district.sections[2]
    await refuse_categories_for(broken.pk)
    first = await _ended_push(api, district)
    await allow_categories_for(broken.pk)

    # when the administrator retries its failed sections, twice with one key
    variables = {"id": first, "key": "retry-1"}
    result = await api.post(RETRY, variables, district.admin_token)
    retry = payload(result, "retryFailedSections")["pushRequest"]
    repeat = await api.post(RETRY, variables, district.admin_token)

    # then one new request pushes just that section
    assert payload(repeat, "retryFailedSections")["pushRequest"]["id"] == retry["id"]
    assert retry["retryOf"] == {"id": first}
    ended = await until_ended(api, district.admin_token, retry["id"])
    assert ended["status"] == "COMPLETED"
    assert (ended["sectionsTotal"], ended["sectionsChanged"]) == (1, 1)
    assert await PushRequest.filter(calendar_id=district.calendar.pk).count() == 2


async def test_a_push_key_reused_for_a_retry_is_refused(api: Api) -> None:
    # given a push submitted with a key, which failed in one section
    district = await build_district()
    await refuse_categories_for(district.sections[2].pk)
    submitted = await push_all_courses(
        api, district.admin_token, district.calendar_id, key="tuesday"
    )
    first = submitted["pushRequest"]["id"]
    await until_ended(api, district.admin_token, first)

    # when its failed sections are retried with the same key
    result = await api.post(
        RETRY, {"id": first, "key": "tuesday"}, district.admin_token
    )

    # then the retry is refused rather than answered with the push itself
    refused = payload(result, "retryFailedSections")
    assert refused["pushRequest"] is None
    assert [error["code"] for error in refused["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    assert await PushRequest.filter(calendar_id=district.calendar.pk).count() == 1
