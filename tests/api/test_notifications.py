"""The caller's notifications over HTTP: listed, counted and marked read."""

from typing import Any

from models import Notification, PushRequest, Role, Section, User
from models.notification import NotificationKind
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.push.inline import submit_calendar_push

NOTIFICATIONS = """
query ($unreadOnly: Boolean, $first: Int) {
  unreadNotificationCount
  notifications(unreadOnly: $unreadOnly, first: $first) {
    totalCount
    edges { node {
      id kind title message read createdAt
      pushRequest { id status }
      section { id number }
    } }
  }
}
"""
MARK_READ = """
mutation ($ids: [ID!], $all: Boolean) {
  markNotificationsRead(ids: $ids, all: $all) {
    notifications { id read }
    unreadCount
    errors { code message field }
  }
}
"""


async def _notify(
    user: User,
    title: str,
    request: PushRequest | None = None,
    section: Section | None = None,
) -> Notification:
    kind = NotificationKind.SECTION_CATEGORIES_CHANGED
    if section is None:
        kind = NotificationKind.PUSH_REQUEST_ENDED
    return await Notification.create(
        user=user,
        push_request=request,
        section=section,
        kind=kind,
        title=title,
        body=f"{title}: the details.",
    )


async def _push_request(admin: User) -> PushRequest:
    calendar = await builders.calendar(await builders.school())
    return await submit_calendar_push(admin, calendar, acknowledge=True)


def _titles(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["title"] for edge in data["notifications"]["edges"]]


def _id(notification: Notification) -> str:
    return global_id("Notification", notification.pk)


async def test_the_caller_sees_only_their_notifications_newest_first(
    api: Api,
) -> None:
    me, token = await builders.user(Role.DISTRICT_ADMIN)
    someone_else, _ = await builders.user(Role.DISTRICT_ADMIN)
    await _notify(me, "first")
    await _notify(someone_else, "not mine")
    await _notify(me, "second")

    data = await api.data(NOTIFICATIONS, token)

    assert _titles(data) == ["second", "first"]
    assert data["notifications"]["totalCount"] == 2
    assert data["unreadNotificationCount"] == 2


async def test_unread_only_leaves_out_what_was_marked_read(api: Api) -> None:
    me, token = await builders.user(Role.DISTRICT_ADMIN)
    first = await _notify(me, "first")
    await _notify(me, "second")

    marked = await api.data(MARK_READ, token, {"ids": [_id(first)]})
    data = await api.data(NOTIFICATIONS, token, {"unreadOnly": True})

    payload = marked["markNotificationsRead"]
    assert payload["errors"] == []
    assert payload["notifications"] == [{"id": _id(first), "read": True}]
    assert payload["unreadCount"] == 1
    assert _titles(data) == ["second"]
    assert data["unreadNotificationCount"] == 1


async def test_all_marks_every_notification_of_the_caller_only(api: Api) -> None:
    me, token = await builders.user(Role.DISTRICT_ADMIN)
    someone_else, _ = await builders.user(Role.DISTRICT_ADMIN)
    await _notify(me, "first")
    await _notify(me, "second")
    theirs = await _notify(someone_else, "theirs")

    marked = await api.data(MARK_READ, token, {"all": True})

    assert marked["markNotificationsRead"]["unreadCount"] == 0
    assert await Notification.filter(user=me, read=False).count() == 0
    assert (await Notification.get(id=theirs.pk)).read is False


async def test_a_foreign_id_is_not_found_and_nothing_is_marked(api: Api) -> None:
    me, token = await builders.user(Role.DISTRICT_ADMIN)
    someone_else, _ = await builders.user(Role.DISTRICT_ADMIN)
    mine = await _notify(me, "mine")
    theirs = await _notify(someone_else, "theirs")

    marked = await api.data(MARK_READ, token, {"ids": [_id(mine), _id(theirs)]})

    payload = marked["markNotificationsRead"]
    assert payload["errors"] == [
        {
            "code": "NOT_FOUND",
            "message": "No Notification with that id.",
            "field": ["ids", "1"],
        }
    ]
    assert payload["unreadCount"] == 1
    assert (await Notification.get(id=mine.pk)).read is False
    assert (await Notification.get(id=theirs.pk)).read is False


async def test_malformed_ids_and_ambiguous_arguments_are_user_errors(
    api: Api,
) -> None:
    me, token = await builders.user(Role.DISTRICT_ADMIN)
    mine = await _notify(me, "mine")
    course_id = global_id("Course", 1)

    wrong_type = await api.data(MARK_READ, token, {"ids": [course_id]})
    neither = await api.data(MARK_READ, token, {})
    both = await api.data(MARK_READ, token, {"ids": [_id(mine)], "all": True})

    [error] = wrong_type["markNotificationsRead"]["errors"]
    assert (error["code"], error["field"]) == ("INVALID_ID", ["ids", "0"])
    for payload in (neither, both):
        [error] = payload["markNotificationsRead"]["errors"]
        assert (error["code"], error["field"]) == ("INVALID_ARGUMENTS", ["ids"])
    assert (await Notification.get(id=mine.pk)).read is False


async def test_a_requester_follows_the_link_to_the_request(api: Api) -> None:
    admin, token = await builders.user(Role.DISTRICT_ADMIN)
    request = await _push_request(admin)
    await _notify(admin, "Push completed", request=request)

    data = await api.data(NOTIFICATIONS, token)

    [edge] = data["notifications"]["edges"]
    assert edge["node"]["kind"] == "PUSH_REQUEST_ENDED"
    assert edge["node"]["pushRequest"] == {
        "id": global_id("PushRequest", request.pk),
        "status": "QUEUED",
    }
    assert edge["node"]["section"] is None


async def test_a_teacher_sees_the_section_but_not_the_request(api: Api) -> None:
    admin, _ = await builders.user(Role.DISTRICT_ADMIN)
    teacher, token = await builders.user(Role.TEACHER)
    request = await _push_request(admin)
    course = await builders.course(await request.calendar)
    section = await builders.section(course, "7", teachers=[teacher])
    await _notify(teacher, "Categories changed", request=request, section=section)

    data = await api.data(NOTIFICATIONS, token)

    [edge] = data["notifications"]["edges"]
    assert edge["node"]["kind"] == "SECTION_CATEGORIES_CHANGED"
    assert edge["node"]["section"] == {
        "id": global_id("Section", section.pk),
        "number": "7",
    }
    assert edge["node"]["pushRequest"] is None


async def test_a_section_the_teacher_no_longer_teaches_is_not_shown(
    api: Api,
) -> None:
    teacher, token = await builders.user(Role.TEACHER)
    calendar = await builders.calendar(await builders.school())
    section = await builders.section(await builders.course(calendar), "3")
    await _notify(teacher, "Categories changed", section=section)

    data = await api.data(NOTIFICATIONS, token)

    [edge] = data["notifications"]["edges"]
    assert edge["node"]["section"] is None
