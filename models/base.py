"""Field helpers shared by the grading-setup models."""

import re

from tortoise import fields

NAME_MAX_LENGTH = 50

_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Collapse surrounding and repeated spaces, keeping the caller's case."""
    return _SPACES.sub(" ", name).strip()


def name_key(name: str) -> str:
    """The comparison key of a name: two names clash when their keys are equal."""
    return normalize_name(name).casefold()


def weight_field(**kwargs: object) -> fields.DecimalField:
    """A relative weight: exact decimal with two places, never a float."""
    return fields.DecimalField(max_digits=9, decimal_places=2, **kwargs)  # type: ignore[arg-type]


def points_field(**kwargs: object) -> fields.DecimalField:
    """Points possible or scored: exact decimal with two places."""
    return fields.DecimalField(max_digits=9, decimal_places=2, **kwargs)  # type: ignore[arg-type]
