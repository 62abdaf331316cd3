"""From the edit package's problems and from bad global ids to user errors.

Field paths start at the mutation's argument (``input`` for most) and use the
API's camelCase names, so a form can mark the field at fault.
"""

import logging
from collections.abc import Awaitable, Iterable
from typing import TypeVar

from strawberry.utils.str_converters import to_camel_case

from schema.errors import InvalidIdError
from schema.relay import decode_global_id
from schema.user_errors import UserError
from setup_editing.problems import Path, SetupEditError

logger = logging.getLogger(__name__)

T = TypeVar("T")

INVALID_ID = "INVALID_ID"


def input_path(path: Path, root: Path = ("input",)) -> list[str]:
    """``("components", 1, "weight")`` as ``["input", "components", "1", "weight"]``."""
    return [to_camel_case(p) if isinstance(p, str) else str(p) for p in (*root, *path)]


def user_errors(error: SetupEditError, root: Path = ("input",)) -> list[UserError]:
    return [
        UserError(code=p.code.value, message=p.message, field=input_path(p.path, root))
        for p in error.problems
    ]


async def attempt(
    edit: Awaitable[T], root: Path = ("input",)
) -> tuple[T | None, list[UserError]]:
    """Run an edit: its result, or the user errors it was refused with."""
    try:
        return await edit, []
    except SetupEditError as error:
        codes = ", ".join(problem.code for problem in error.problems)
        logger.info("setup edit refused (%s): %s", codes, error)
        return None, user_errors(error, root)


class IdReader:
    """Decodes the global ids of one input, collecting an error per bad id.

    Every id is read before the caller gives up, so that all of them are
    reported at once; a bad id decodes to 0, which no row has.
    """

    def __init__(self, root: Path = ("input",)) -> None:
        self.root = root
        self.errors: list[UserError] = []

    def one(self, value: str, type_name: str, *path: str | int) -> int:
        try:
            return decode_global_id(value, type_name)
        except InvalidIdError as error:
            self.errors.append(
                UserError(
                    code=INVALID_ID,
                    message=error.message,
                    field=input_path(path, self.root),
                )
            )
            return 0

    def many(
        self, values: Iterable[str], type_name: str, *path: str | int
    ) -> list[int]:
        return [
            self.one(value, type_name, *path, index)
            for index, value in enumerate(values)
        ]
