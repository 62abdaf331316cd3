"""The caller's notifications: listed newest first, counted, marked read.

A notification only ever belongs to its recipient. The push request and the
section it names are shown only while the recipient may still see them, so a
notification never carries more than the caller's rights.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Self

import strawberry
from tortoise.queryset import QuerySet

import models
from auth.rights import visible_sections
from models.notification import NotificationKind
from schema.context import ApiInfo
from schema.errors import InvalidIdError
from schema.fields import optional_foreign_key, resolver
from schema.push.refusals import manageable_push_requests
from schema.push.types import PushRequest
from schema.relay import (
    After,
    Connection,
    First,
    build_connection,
    decode_global_id,
    global_id,
    page_of_queryset,
)
from schema.types.section import Section
from schema.user_errors import UserError, not_found, user_error

GLOBAL_TYPE = "Notification"

strawberry.enum(NotificationKind, description="What a notification is about.")


@strawberry.type(description="A message to one user about something a push did.")
class Notification:
    pk: strawberry.Private[int]
    push_request_pk: strawberry.Private[int | None]
    section_pk: strawberry.Private[int | None]
    kind: NotificationKind = strawberry.field(description="What it is about.")
    title: str = strawberry.field(description="One line to show in a list.")
    message: str = strawberry.field(
        description="The full text: counts of a push, or the categories it changed."
    )
    read: bool = strawberry.field(description="True once marked read.")
    created_at: datetime.datetime = strawberry.field(description="When it was sent.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id(GLOBAL_TYPE, self.pk)

    @resolver("The push request it is about; null when the caller may not see it.")
    async def push_request(self, info: ApiInfo) -> PushRequest | None:
        if self.push_request_pk is None:
            return None
        request = await info.context.loaders.push_request.load(self.push_request_pk)
        return PushRequest.from_model(request) if request else None

    @resolver("The section whose categories changed; null for other kinds.")
    async def section(self, info: ApiInfo) -> Section | None:
        if self.section_pk is None:
            return None
        section = await info.context.loaders.section.load(self.section_pk)
        return Section.from_model(section) if section else None


@dataclass
class _Visible:
    """Which of the push requests and sections named on a page the viewer sees."""

    push_requests: set[int]
    sections: set[int]


async def notifications_for_viewer(
    viewer: models.User, rows: Sequence[models.Notification]
) -> list[Notification]:
    """The API view of the viewer's notifications, limited to what they may see."""
    visible = await _visible_links(viewer, rows)
    return [_from_model(row, visible) for row in rows]


async def _visible_links(
    viewer: models.User, rows: Sequence[models.Notification]
) -> _Visible:
    request_ids = _named(rows, "push_request")
    section_ids = _named(rows, "section")
    visible = _Visible(push_requests=set(), sections=set())

    if request_ids:
        requests = manageable_push_requests(viewer).filter(id__in=request_ids)
        visible.push_requests = await _ids(requests)
    if section_ids:
        sections = visible_sections(viewer).filter(id__in=section_ids)
        visible.sections = await _ids(sections)
    return visible


def _named(rows: Sequence[models.Notification], relation: str) -> set[int]:
    return {pk for row in rows if (pk := optional_foreign_key(row, relation))}


async def _ids(rows: QuerySet[Any]) -> set[int]:
    return {row["id"] for row in await rows.values("id")}


def _from_model(row: models.Notification, visible: _Visible) -> Notification:
    request_pk = optional_foreign_key(row, "push_request")
    section_pk = optional_foreign_key(row, "section")
    return Notification(
        pk=row.pk,
        push_request_pk=request_pk if request_pk in visible.push_requests else None,
        section_pk=section_pk if section_pk in visible.sections else None,
        kind=NotificationKind(row.kind),
        title=row.title,
        message=row.body,
        read=row.read,
        created_at=row.created_at,
    )


@strawberry.type(description="The caller's notifications.")
class NotificationQueries:
    @resolver("The caller's notifications, newest first.")
    async def notifications(
        self,
        info: ApiInfo,
        unread_only: Annotated[
            bool, strawberry.argument(description="Only those not yet marked read.")
        ] = False,
        first: First = None,
        after: After = None,
    ) -> Connection[Notification]:
        viewer = info.context.viewer
        mine = models.Notification.filter(user_id=viewer.pk)
        if unread_only:
            mine = mine.filter(read=False)
        newest_first = mine.order_by("-created_at", "-id")
        rows, offset, total = await page_of_queryset(newest_first, first, after)
        nodes = await notifications_for_viewer(viewer, rows)
        return build_connection(nodes, offset, total)

    @resolver("How many of the caller's notifications are not yet marked read.")
    async def unread_notification_count(self, info: ApiInfo) -> int:
        return await _unread_count(info.context.viewer)


@strawberry.type(description="The outcome of markNotificationsRead.")
class MarkNotificationsReadPayload:
    notifications: list[Notification] = strawberry.field(
        description="The notifications named by `ids`, now read; empty with `all`."
    )
    unread_count: int = strawberry.field(
        description="How many of the caller's notifications are still unread."
    )
    errors: list[UserError] = strawberry.field(
        description="What was wrong with the request; nothing was marked if any."
    )

    @classmethod
    async def marked(cls, viewer: models.User, pks: Sequence[int]) -> Self:
        rows = await models.Notification.filter(id__in=pks).order_by(
            "-created_at", "-id"
        )
        return cls(
            notifications=await notifications_for_viewer(viewer, rows),
            unread_count=await _unread_count(viewer),
            errors=[],
        )

    @classmethod
    async def refused(cls, viewer: models.User, errors: list[UserError]) -> Self:
        return cls(
            notifications=[], unread_count=await _unread_count(viewer), errors=errors
        )


async def _unread_count(viewer: models.User) -> int:
    return await models.Notification.filter(user_id=viewer.pk, read=False).count()


async def _own_notification_ids(
    viewer: models.User, ids: Sequence[strawberry.ID]
) -> tuple[list[int], list[UserError]]:
    """The primary keys behind `ids`, or an error for each one that is not ours."""
    pks: list[int] = []
    errors: list[UserError] = []
    for index, value in enumerate(ids):
        try:
            pks.append(decode_global_id(value, GLOBAL_TYPE))
        except InvalidIdError as error:
            errors.append(user_error("INVALID_ID", error.message, "ids", str(index)))
            pks.append(0)

    owned = models.Notification.filter(user_id=viewer.pk, id__in=pks)
    found = await _ids(owned)
    for index, pk in enumerate(pks):
        if pk and pk not in found:
            errors.append(not_found(GLOBAL_TYPE, "ids", str(index)))
    return pks, errors


@strawberry.type(description="Changes to the caller's notifications.")
class NotificationMutations:
    @resolver(
        "Mark some or all of the caller's notifications read. Give either `ids`"
        " or `all: true`; nothing is marked if any id is wrong."
    )
    async def mark_notifications_read(
        self,
        info: ApiInfo,
        ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="The notifications to mark read."),
        ] = None,
        every: Annotated[
            bool,
            strawberry.argument(
                name="all", description="Mark every notification of the caller."
            ),
        ] = False,
    ) -> MarkNotificationsReadPayload:
        viewer = info.context.viewer
        if every == (ids is not None):
            error = user_error(
                "INVALID_ARGUMENTS", "Give either `ids` or `all: true`.", "ids"
            )
            return await MarkNotificationsReadPayload.refused(viewer, [error])

        mine = models.Notification.filter(user_id=viewer.pk)
        if every:
            await mine.filter(read=False).update(read=True)
            return await MarkNotificationsReadPayload.marked(viewer, [])

        pks, errors = await _own_notification_ids(viewer, ids or [])
        if errors:
            return await MarkNotificationsReadPayload.refused(viewer, errors)
        await mine.filter(id__in=pks).update(read=True)
        return await MarkNotificationsReadPayload.marked(viewer, pks)
