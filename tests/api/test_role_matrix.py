"""Each role against every operation it must not reach, over HTTP and WebSocket.

North High's administrator has pushed its calendar and been notified. An
administrator of another school, a teacher of another school and North High's
own teacher then try every query, mutation and subscription on North High's
objects. Each is refused (null, an empty page, or a NOT_FOUND, FORBIDDEN or
MANAGED_BY_COURSE user error), the answer is the same over both transports,
and nothing in the database changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from models import (
    Course,
    CourseCategory,
    GradingTask,
    Notification,
    PushRequest,
    Role,
    SectionCategory,
    Term,
    User,
)
from models.base import name_key
from models.push_request import PushStatus
from models.section import CategoryOrigin
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.live import TRANSPORT_WS, live_client

Answer = dict[str, Any]
REFUSAL_CODES = {"NOT_FOUND", "FORBIDDEN", "MANAGED_BY_COURSE"}


@dataclass
class NorthHigh:
    """The objects the intruders aim at, by global id."""

    ids: dict[str, str]
    admin: User


@dataclass(frozen=True)
class Operation:
    name: str
    document: str
    variables: Callable[[dict[str, str]], dict[str, Any]]
    refused: Callable[[Answer], bool]
    # North High's own teacher may run some operations (their section, their
    # own categories); those are not part of this matrix for them.
    teacher_may: bool = False


def _null(field: str) -> Callable[[Answer], bool]:
    return lambda answer: answer["data"] is not None and answer["data"][field] is None


def _empty(field: str) -> Callable[[Answer], bool]:
    return lambda answer: answer["data"][field]["totalCount"] == 0


def _user_error(field: str) -> Callable[[Answer], bool]:
    def refused(answer: Answer) -> bool:
        payload = answer["data"][field]
        codes = {error["code"] for error in payload["errors"]}
        return bool(codes) and codes <= REFUSAL_CODES

    return refused


def _mutation(field: str, arguments: str, signature: str) -> str:
    return f"mutation ({signature}) {{ {field}({arguments}) {{ errors {{ code }} }} }}"


def _set_calc(owner: str) -> str:
    return _mutation(
        f"set{owner}CalcOptions",
        f"input: {{{owner.lower()}Id: $owner, termId: $term, gradingTaskId: $task}}",
        "$owner: ID!, $term: ID!, $task: ID!",
    )


def _set_composites(owner: str) -> str:
    return _mutation(
        f"set{owner}Composites",
        f"input: {{{owner.lower()}Id: $owner, composites: [{{termId: $term,"
        " gradingTaskId: $task, components: []}]}",
        "$owner: ID!, $term: ID!, $task: ID!",
    )


OPERATIONS = [
    Operation(
        "calendar",
        "query ($id: ID!) { calendar(id: $id) { name } }",
        lambda ids: {"id": ids["calendar"]},
        _null("calendar"),
        teacher_may=True,
    ),
    Operation(
        "course",
        "query ($id: ID!) { course(id: $id) { name } }",
        lambda ids: {"id": ids["course"]},
        _null("course"),
        teacher_may=True,
    ),
    Operation(
        "section",
        "query ($id: ID!) { section(id: $id) { number } }",
        lambda ids: {"id": ids["section"]},
        _null("section"),
        teacher_may=True,
    ),
    Operation(
        "pushRequest",
        "query ($id: ID!) { pushRequest(id: $id) { status } }",
        lambda ids: {"id": ids["request"]},
        _null("pushRequest"),
    ),
    Operation(
        "pushRequests",
        "query ($id: ID!) { pushRequests(calendarId: $id) { totalCount } }",
        lambda ids: {"id": ids["calendar"]},
        _empty("pushRequests"),
    ),
    Operation(
        "awaitingPush",
        "query ($id: ID!) { awaitingPush(calendarId: $id) { totals { courses } } }",
        lambda ids: {"id": ids["calendar"]},
        _null("awaitingPush"),
    ),
    Operation(
        "sectionGradeImpact",
        "query ($id: ID!) { sectionGradeImpact(sectionId: $id) { studentsChanged } }",
        lambda ids: {"id": ids["section"]},
        _null("sectionGradeImpact"),
    ),
    Operation(
        "notifications",
        "{ notifications { totalCount } }",
        lambda ids: {},
        _empty("notifications"),
    ),
    Operation(
        "markNotificationsRead",
        _mutation("markNotificationsRead", "ids: [$id]", "$id: ID!"),
        lambda ids: {"id": ids["notification"]},
        _user_error("markNotificationsRead"),
    ),
    Operation(
        "pushAllCourses",
        _mutation(
            "pushAllCourses", "calendarId: $id, acknowledgeInSession: true", "$id: ID!"
        ),
        lambda ids: {"id": ids["calendar"]},
        _user_error("pushAllCourses"),
    ),
    Operation(
        "pushCourseToSections",
        _mutation(
            "pushCourseToSections",
            "courseId: $id, acknowledgeInSession: true",
            "$id: ID!",
        ),
        lambda ids: {"id": ids["course"]},
        _user_error("pushCourseToSections"),
    ),
    Operation(
        "cancelPushRequest",
        _mutation("cancelPushRequest", "id: $id", "$id: ID!"),
        lambda ids: {"id": ids["request"]},
        _user_error("cancelPushRequest"),
    ),
    Operation(
        "retryFailedSections",
        _mutation("retryFailedSections", "id: $id", "$id: ID!"),
        lambda ids: {"id": ids["request"]},
        _user_error("retryFailedSections"),
    ),
    Operation(
        "createCourseCategory",
        _mutation(
            "createCourseCategory",
            'input: {courseId: $id, name: "Labs", weight: "10"}',
            "$id: ID!",
        ),
        lambda ids: {"id": ids["course"]},
        _user_error("createCourseCategory"),
    ),
    Operation(
        "updateCourseCategory",
        _mutation("updateCourseCategory", 'input: {id: $id, weight: "99"}', "$id: ID!"),
        lambda ids: {"id": ids["course_category"]},
        _user_error("updateCourseCategory"),
    ),
    Operation(
        "deleteCourseCategory",
        _mutation("deleteCourseCategory", "id: $id", "$id: ID!"),
        lambda ids: {"id": ids["course_category"]},
        _user_error("deleteCourseCategory"),
    ),
    Operation(
        "setCourseCalcOptions",
        _set_calc("Course"),
        lambda ids: {"owner": ids["course"], "term": ids["term"], "task": ids["task"]},
        _user_error("setCourseCalcOptions"),
    ),
    Operation(
        "setCourseComposites",
        _set_composites("Course"),
        lambda ids: {"owner": ids["course"], "term": ids["term"], "task": ids["task"]},
        _user_error("setCourseComposites"),
    ),
    Operation(
        "setCourseAdvisory",
        _mutation(
            "setCourseAdvisory", "input: {courseId: $id, advisory: true}", "$id: ID!"
        ),
        lambda ids: {"id": ids["course"]},
        _user_error("setCourseAdvisory"),
    ),
    Operation(
        "createSectionCategory",
        _mutation(
            "createSectionCategory",
            'input: {sectionId: $id, name: "Labs", weight: "10"}',
            "$id: ID!",
        ),
        lambda ids: {"id": ids["section"]},
        _user_error("createSectionCategory"),
        teacher_may=True,
    ),
    Operation(
        "updateSectionCategory (teacher-made)",
        _mutation(
            "updateSectionCategory", 'input: {id: $id, weight: "99"}', "$id: ID!"
        ),
        lambda ids: {"id": ids["teacher_category"]},
        _user_error("updateSectionCategory"),
        teacher_may=True,
    ),
    Operation(
        "updateSectionCategory (pushed)",
        _mutation(
            "updateSectionCategory", 'input: {id: $id, weight: "99"}', "$id: ID!"
        ),
        lambda ids: {"id": ids["pushed_category"]},
        _user_error("updateSectionCategory"),
    ),
    Operation(
        "deleteSectionCategory (teacher-made)",
        _mutation("deleteSectionCategory", "id: $id", "$id: ID!"),
        lambda ids: {"id": ids["teacher_category"]},
        _user_error("deleteSectionCategory"),
        teacher_may=True,
    ),
    Operation(
        "deleteSectionCategory (pushed)",
        _mutation("deleteSectionCategory", "id: $id", "$id: ID!"),
        lambda ids: {"id": ids["pushed_category"]},
        _user_error("deleteSectionCategory"),
    ),
    Operation(
        "setSectionCalcOptions",
        _set_calc("Section"),
        lambda ids: {"owner": ids["section"], "term": ids["term"], "task": ids["task"]},
        _user_error("setSectionCalcOptions"),
        teacher_may=True,
    ),
    Operation(
        "setSectionComposites",
        _set_composites("Section"),
        lambda ids: {"owner": ids["section"], "term": ids["term"], "task": ids["task"]},
        _user_error("setSectionComposites"),
        teacher_may=True,
    ),
]
SUBSCRIPTION = "subscription ($id: ID!) { pushRequestUpdated(id: $id) { status } }"


async def _north_high(own_teacher: User) -> NorthHigh:
    school = await builders.school("North High")
    calendar = await builders.calendar(school)
    course = await builders.course(calendar)
    category = await builders.course_category(course, "Homework", "40")
    section = await builders.section(course, "1", [own_teacher])
    pushed = await SectionCategory.create(
        section=section,
        course_category=category,
        name="Homework",
        name_key=name_key("Homework"),
        weight=Decimal(40),
        origin=CategoryOrigin.PUSHED,
        locked=True,
    )
    teacher_made = await SectionCategory.create(
        section=section,
        name="Projects",
        name_key=name_key("Projects"),
        weight=Decimal(10),
        origin=CategoryOrigin.TEACHER,
    )
    admin, _ = await builders.user(Role.SCHOOL_ADMIN, [school])
    request = await PushRequest.create(
        requested_by=admin,
        calendar=calendar,
        options={},
        status=PushStatus.COMPLETED,
    )
    notification = await Notification.create(
        user=admin, push_request=request, kind="push_request_ended", title="t", body="b"
    )
    term = await Term.filter(calendar=calendar).first()
    task = await GradingTask.get(calendar=calendar)
    assert term is not None
    ids: dict[str, str] = {
        "calendar": global_id("Calendar", calendar.pk),
        "course": global_id("Course", course.pk),
        "section": global_id("Section", section.pk),
        "course_category": global_id("CourseCategory", category.pk),
        "pushed_category": global_id("SectionCategory", pushed.pk),
        "teacher_category": global_id("SectionCategory", teacher_made.pk),
        "request": global_id("PushRequest", request.pk),
        "notification": global_id("Notification", notification.pk),
        "term": global_id("Term", term.pk),
        "task": global_id("GradingTask", task.pk),
    }
    return NorthHigh(ids, admin)


async def _snapshot() -> list[Any]:
    return [
        await CourseCategory.all().order_by("id").values_list("name", "weight"),
        await SectionCategory.all().order_by("id").values_list("name", "weight"),
        await Course.all().order_by("id").values_list("advisory", flat=True),
        await PushRequest.all().order_by("id").values_list("status", flat=True),
        await Notification.all().order_by("id").values_list("read", flat=True),
    ]


def _comparable(answer: Answer) -> Answer:
    """Data and error codes: messages may differ in wording between transports."""
    errors = answer.get("errors") or []
    return {"data": answer.get("data"), "codes": sorted(_code(e) for e in errors)}


def _code(error: dict[str, Any]) -> str:
    return str((error.get("extensions") or {}).get("code", error.get("message")))


async def _over_websocket(
    server_url: str, token: str, document: str, variables: dict[str, Any]
) -> Answer:
    async with live_client(server_url, token, TRANSPORT_WS) as client:
        await client.subscribe(document, variables)
        stream = await client.read_until_complete()
    data = stream.events[0] if stream.events else None
    return {"data": data, "errors": stream.errors}


@pytest.mark.parametrize(
    "intruder", ["other school admin", "other teacher", "own teacher"]
)
async def test_no_role_reaches_what_is_not_theirs(
    api: Api, server_url: str, intruder: str
) -> None:
    # given North High, pushed and notified, and someone who should not reach it
    own_teacher, own_teacher_token = await builders.user(Role.TEACHER)
    north = await _north_high(own_teacher)
    south = await builders.school("South High")
    south_course = await builders.course(await builders.calendar(south), "ENG9")
    other_teacher, other_teacher_token = await builders.user(Role.TEACHER)
    await builders.section(south_course, "1", [other_teacher])
    _, other_admin_token = await builders.user(Role.SCHOOL_ADMIN, [south])
    token = {
        "other school admin": other_admin_token,
        "other teacher": other_teacher_token,
        "own teacher": own_teacher_token,
    }[intruder]
    before = await _snapshot()

    # when they try every operation over HTTP and over WebSocket
    for operation in OPERATIONS:
        if intruder == "own teacher" and operation.teacher_may:
            continue
        variables = operation.variables(north.ids)
        over_http = await api.post(operation.document, variables, token)
        over_ws = await _over_websocket(
            server_url, token, operation.document, variables
        )

        # then each is refused, alike on both transports
        assert operation.refused(over_http), (operation.name, over_http)
        assert _comparable(over_http) == _comparable(over_ws), operation.name

    # and following North High's push is refused when the subscription starts
    watched = await _over_websocket(
        server_url, token, SUBSCRIPTION, {"id": north.ids["request"]}
    )
    assert watched["data"] is None
    assert watched["errors"]

    # and nothing changed
    assert await _snapshot() == before
