"""Checks of single input values: names, weights and counts.

Each check appends a located problem and returns None when the value is
wrong, so an edit can report every faulty field before it writes anything.
"""

from decimal import Decimal

from models.base import NAME_MAX_LENGTH, normalize_name
from models.weights import WeightError, parse_weight
from setup_editing.problems import Path, Problem, ProblemCode


def checked_name(name: str, path: Path, problems: list[Problem]) -> str | None:
    """The name with its spacing normalised, if it has 1-50 characters."""
    normalized = normalize_name(name)
    if not normalized:
        problems.append(
            Problem(ProblemCode.NAME_REQUIRED, "A category name is required.", path)
        )
        return None
    if len(normalized) > NAME_MAX_LENGTH:
        message = (
            f"A category name has at most {NAME_MAX_LENGTH} characters;"
            f" {normalized[:20]!r}... has {len(normalized)}."
        )
        problems.append(Problem(ProblemCode.NAME_TOO_LONG, message, path))
        return None
    return normalized


def checked_weight(
    text: str, path: Path, problems: list[Problem], *, positive: bool = False
) -> Decimal | None:
    """The exact weight written in ``text``: plain decimals, never negative.

    With ``positive``, zero is refused as well (composite components).
    """
    try:
        return parse_weight(text, positive=positive)
    except WeightError as error:
        message = f"Weight {text!r} {error.reason}."
        problems.append(Problem(ProblemCode.INVALID_WEIGHT, message, path))
        return None


def checked_count(
    value: int,
    path: Path,
    problems: list[Problem],
    *,
    what: str,
    minimum: int = 0,
    maximum: int = 1000,
) -> int | None:
    """A whole number within its bounds."""
    if minimum <= value <= maximum:
        return value
    message = f"{what} must be between {minimum} and {maximum}, not {value}."
    problems.append(Problem(ProblemCode.INVALID_COUNT, message, path))
    return None
