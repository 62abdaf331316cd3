"""Field helpers shared by the grading-setup models."""

import re

NAME_MAX_LENGTH = 50

_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Collapse surrounding and repeated spaces, keeping the caller's case."""
    return _SPACES.sub(" ", name).strip()


def name_key(name: str) -> str:
    """The comparison key of a name: two names clash when their keys are equal."""
    return normalize_name(name).casefold()
