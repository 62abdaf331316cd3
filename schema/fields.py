"""Typed helpers for declaring fields and reading foreign keys off models."""

from collections.abc import Callable
from typing import Any, cast

import strawberry
from strawberry.types.field import StrawberryField
from tortoise.models import Model


def resolver(description: str) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`@strawberry.field(description=...)`, typed so that mypy checks the method."""

    def decorate(method: Callable[..., Any]) -> StrawberryField:
        return strawberry.field(method, description=description)

    return decorate


def foreign_key(row: Model, relation: str) -> int:
    """The id a loaded row points to, without fetching the related row."""
    return cast(int, getattr(row, f"{relation}_id"))


def optional_foreign_key(row: Model, relation: str) -> int | None:
    return cast(int | None, getattr(row, f"{relation}_id"))
