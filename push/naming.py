"""Free names for teacher categories that clash with a pushed category."""

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
    """Base and suffix, the base cut so that the name fits in 50 characters."""
    return base[: NAME_MAX_LENGTH - len(suffix)].rstrip() + suffix
