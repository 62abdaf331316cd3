"""Field helpers shared by the grading-setup models."""

import re

NAME_MAX_LENGTH = 50
# Case folding turns one character into at most three ("ß" into "ss", "ﬃ" into
# "ffi"), so the comparison key of a 50-character name fits in 150.
NAME_KEY_MAX_LENGTH = 3 * NAME_MAX_LENGTH

_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Collapse surrounding and repeated spaces, keeping the caller's case."""
    return _SPACES.sub(" ", name).strip()


def name_key(name: str) -> str:
    """The comparison key of a name: two names clash when their keys are equal."""
    return normalize_name(name).casefold()
