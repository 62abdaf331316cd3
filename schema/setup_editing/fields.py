"""Typed declaration of the mutation fields of this area."""

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField


def mutation(description: str) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`@strawberry.mutation(description=...)`, typed so that mypy checks the method."""

    def decorate(method: Callable[..., Any]) -> StrawberryField:
        return strawberry.mutation(method, description=description)

    return decorate


INPUT = strawberry.argument(description="What to change.")
