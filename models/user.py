"""Users, their roles and the tokens they authenticate with."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.district import School


class Role(StrEnum):
    DISTRICT_ADMIN = "district_admin"
    SCHOOL_ADMIN = "school_admin"
    TEACHER = "teacher"


class User(Model):
    """A person: teachers come from roster imports, administrators are created."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=100, unique=True, null=True)
    username = fields.CharField(max_length=150, unique=True)
    display_name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, null=True)
    role = fields.CharEnumField(Role)

    class Meta:
        table = "app_user"


class SchoolAdmin(Model):
    """The right of a school administrator over the calendars of one school."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="school_links", on_delete=fields.CASCADE
    )
    school: fields.ForeignKeyRelation["School"] = fields.ForeignKeyField(
        "models.School", related_name="admin_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "school_admin"
        unique_together = (("user", "school"),)


class ApiToken(Model):
    """A bearer token, stored only as its SHA-256 hash."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    label = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "api_token"
