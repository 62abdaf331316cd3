"""Field helpers shared by the grading-setup models."""

import re
import unicodedata
from functools import lru_cache

NAME_MAX_LENGTH = 50
# Case folding turns one character into at most three ("ß" into "ss", "ﬃ" into
# "ffi"), so the comparison key of a 50-character name fits in 150; the rare
# compatibility characters that expand further are cut off the key's end.
NAME_KEY_MAX_LENGTH = 3 * NAME_MAX_LENGTH

_SPACES = re.compile(r"\s+")
# Control characters (NUL, escape) and format characters (zero-width space,
# right-to-left override) are invisible: two names differing only by them
# would look the same on every screen.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})


def normalize_name(name: str) -> str:
    """The name as stored: visible characters only, composed, spaces collapsed.

    The caller's case is kept. The result may be empty (a name of only spaces
    and invisible characters), which every caller must refuse.
    """
    visible = "".join(
        character
        for character in name
        if character.isspace()
        or unicodedata.category(character) not in _INVISIBLE_CATEGORIES
    )
    composed = unicodedata.normalize("NFC", visible)
    return _SPACES.sub(" ", composed).strip()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a name: two names clash when their keys are equal.

    Compatibility forms count as the letters they show, so "Homework" typed in
    fullwidth letters clashes with "Homework"; so do composed and decomposed
    accents. Kept once computed: planning a calendar compares the same few
    course category names in every section.
    """
    folded = unicodedata.normalize("NFKC", normalize_name(name)).casefold()
    return unicodedata.normalize("NFKC", folded)[:NAME_KEY_MAX_LENGTH]
