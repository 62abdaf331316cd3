"""People: the caller (`me`) and the teachers of a section."""

from typing import Self

import strawberry

import models
from schema.enums import Role
from schema.fields import resolver
from schema.relay import global_id


@strawberry.type(name="User", description="A person who uses gradepush.")
class User:
    pk: strawberry.Private[int]
    username: str = strawberry.field(description="Unique login name.")
    display_name: str = strawberry.field(description="Name to show in the UI.")
    email: str | None = strawberry.field(description="E-mail address, if known.")
    role: Role = strawberry.field(description="What the user may see and do.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("User", self.pk)

    @classmethod
    def from_model(cls, user: models.User) -> Self:
        return cls(
            pk=user.pk,
            username=user.username,
            display_name=user.display_name,
            email=user.email,
            role=user.role,
        )
