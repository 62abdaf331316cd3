"""Free names for renamed teacher categories fit the name and key columns."""

from models.base import NAME_KEY_MAX_LENGTH, NAME_MAX_LENGTH, name_key
from push.naming import free_name

# 49 characters whose key has 50: "ß" folds to "ss".
GERMAN = "Große Projekte, Präsentationen, Laborhefte, Tests"


def test_a_free_name_takes_the_lowest_free_number() -> None:
    taken = {name_key("Homework"), name_key("Homework (1)")}

    assert free_name("Homework", taken) == "Homework (2)"


def test_a_free_name_fits_in_fifty_characters_and_its_key_in_its_column() -> None:
    renamed = free_name(GERMAN, {name_key(GERMAN)})

    assert renamed == "Große Projekte, Präsentationen, Laborhefte, Te (1)"
    assert len(renamed) == NAME_MAX_LENGTH
    assert len(name_key(renamed)) <= NAME_KEY_MAX_LENGTH


def test_shortening_never_parts_an_accent_from_its_letter() -> None:
    # 45 letters and a decomposed "é": a plain cut after 46 characters would
    # keep the "e" and lose its accent.
    base = "x" * 45 + "e\u0301" + "tude"

    renamed = free_name(base, {name_key(base)})

    assert renamed == "x" * 45 + " (1)"
