"""What an edit can get wrong, said as problems located at an input field.

A refused edit raises ``SetupEditError`` with every problem found, so a form
can mark all faulty fields at once. Paths use the snake_case names of the
edit's inputs, with list positions as integers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

Path = tuple[str | int, ...]


class ProblemCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    NAME_REQUIRED = "NAME_REQUIRED"
    NAME_TOO_LONG = "NAME_TOO_LONG"
    DUPLICATE_NAME = "DUPLICATE_NAME"
    INVALID_WEIGHT = "INVALID_WEIGHT"
    ALL_WEIGHTS_ZERO = "ALL_WEIGHTS_ZERO"
    INVALID_COUNT = "INVALID_COUNT"
    INVALID_VALUE = "INVALID_VALUE"
    INVALID_COMPOSITE = "INVALID_COMPOSITE"
    MANAGED_BY_COURSE = "MANAGED_BY_COURSE"
    CATEGORY_IN_USE = "CATEGORY_IN_USE"


@dataclass(frozen=True)
class Problem:
    """One thing the caller must fix, and the input field it is about."""

    code: ProblemCode
    message: str
    path: Path = ()


class SetupEditError(Exception):
    """An edit refused for reasons the caller can fix; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = list(problems)


def refusal(code: ProblemCode, message: str, *path: str | int) -> SetupEditError:
    """A refusal for a single problem."""
    return SetupEditError([Problem(code, message, path)])


def not_found(kind: str, *path: str | int) -> SetupEditError:
    """The same answer for a missing object and one outside the caller's rights."""
    return refusal(ProblemCode.NOT_FOUND, f"No {kind} with that id.", *path)


def raise_if_any(problems: Sequence[Problem]) -> None:
    if problems:
        raise SetupEditError(problems)
