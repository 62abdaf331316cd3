"""Notifications to requesters and to teachers whose categories a push touched."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.push_request import PushRequest
    from models.section import Section
    from models.user import User


class NotificationKind(StrEnum):
    PUSH_REQUEST_ENDED = "push_request_ended"
    SECTION_CATEGORIES_CHANGED = "section_categories_changed"


class Notification(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation["User"] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    push_request: fields.ForeignKeyNullableRelation["PushRequest"] = (
        fields.ForeignKeyField(
            "models.PushRequest",
            related_name="notifications",
            null=True,
            on_delete=fields.CASCADE,
        )
    )
    section: fields.ForeignKeyNullableRelation["Section"] = fields.ForeignKeyField(
        "models.Section",
        related_name="notifications",
        null=True,
        on_delete=fields.CASCADE,
    )
    kind = fields.CharField(max_length=50)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    read = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "notification"
