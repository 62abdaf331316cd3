"""Checks of single input values: names, weights and counts.

Each check appends a located problem and returns None when the value is
wrong, so an edit can report every faulty field before it writes anything.
"""

from decimal import Decimal, InvalidOperation

from models.base import NAME_MAX_LENGTH, normalize_name
from setup_editing.problems import Path, Problem, ProblemCode

CENT = Decimal("0.01")
# The weight columns hold 9 digits, 2 of them decimals.
MAX_WEIGHT = Decimal("9999999.99")


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
    """The exact weight written in ``text``: at most two decimals, never negative.

    With ``positive``, zero is refused as well (composite components).
    """
    reason = _weight_fault(text, positive)
    if reason is not None:
        problems.append(
            Problem(ProblemCode.INVALID_WEIGHT, f"Weight {text!r} {reason}.", path)
        )
        return None
    return Decimal(text.strip()).quantize(CENT)


def _weight_fault(text: str, positive: bool) -> str | None:
    try:
        weight = Decimal(text.strip())
    except InvalidOperation:
        return 'is not a number; write it like "25" or "33.33"'
    if not weight.is_finite():
        return "is not a finite number"
    if weight < 0:
        return "is negative; weights are 0 or more"
    if positive and weight == 0:
        return "must be greater than 0"
    if weight > MAX_WEIGHT:
        return f"is larger than {MAX_WEIGHT}"
    if weight != weight.quantize(CENT):
        return "has more than two decimals"
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
