"""Free names for teacher categories that clash with a pushed category."""

import unicodedata

from models.base import NAME_MAX_LENGTH, name_key


def free_name(base: str, taken_keys: set[str]) -> str:
    """The name with the lowest free " (n)" suffix, cut to fit in 50 characters.

    "Homework" becomes "Homework (1)", or "Homework (2)" when "(1)" is taken;
    the base is shortened, never the suffix, so the result stays recognisable.
    """
    number = 1
    while True:
        candidate = _fitted(base, f" ({number})")
        if name_key(candidate) not in taken_keys:
            return candidate
        number += 1


def _fitted(base: str, suffix: str) -> str:
    """Base and suffix, the base cut so that the name fits in 50 characters.

    The cut moves back over combining marks, so that an accent is never
    parted from its letter (nor left to sit on the suffix's space).
    """
    cut = NAME_MAX_LENGTH - len(suffix)
    while 0 < cut < len(base) and unicodedata.combining(base[cut]):
        cut -= 1
    return base[:cut].rstrip() + suffix
