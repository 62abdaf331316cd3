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
