"""The domain model keeps exact decimals and unique names on every back end."""

import datetime
from decimal import Decimal

import pytest
from tortoise.exceptions import IntegrityError

from models import Calendar, Course, CourseCategory, School
from models.base import name_key, normalize_name


async def _course() -> Course:
    school = await School.create(source_id="s1", name="North High")
    calendar = await Calendar.create(
        source_id="c1",
        school=school,
        name="2025-26 North High",
        start_date=datetime.date(2025, 8, 20),
        end_date=datetime.date(2026, 6, 5),
    )
    return await Course.create(
        source_id="co1", calendar=calendar, number="ENG1", name="English 1"
    )


async def test_weights_read_back_exactly_and_sum_to_one_hundred(db: str) -> None:
    course = await _course()
    for index, weight in enumerate(("33.33", "33.33", "33.34")):
        name = f"Category {index}"
        await CourseCategory.create(
            course=course, name=name, name_key=name_key(name), weight=Decimal(weight)
        )

    weights = [c.weight for c in await CourseCategory.filter(course=course)]

    assert sum(weights) == Decimal(100)
    assert all(isinstance(w, Decimal) for w in weights)


async def test_category_names_clash_ignoring_case_and_spacing(db: str) -> None:
    course = await _course()
    await CourseCategory.create(course=course, name="Home work", name_key="home work")

    with pytest.raises(IntegrityError):
        await CourseCategory.create(
            course=course, name="  HOME   work ", name_key=name_key("  HOME   work ")
        )


def test_name_key_folds_case_and_spacing() -> None:
    assert name_key("  Home   Work ") == name_key("home work")


async def test_a_fifty_character_name_is_stored_though_its_key_is_longer(
    db: str,
) -> None:
    course = await _course()
    name = "ß" * 50

    await CourseCategory.create(course=course, name=name, name_key=name_key(name))

    stored = await CourseCategory.get(course=course)
    assert (len(stored.name), len(stored.name_key)) == (50, 100)


@pytest.mark.parametrize(
    "look_alike",
    [
        "Homework\u200b",
        "H\u200bomework",
        "\u202eHomework",
        "Home\x00work",
        "\uff28\uff4f\uff4d\uff45\uff57\uff4f\uff52\uff4b",
    ],
    ids=["zero-width-end", "zero-width-inside", "rtl-override", "nul", "fullwidth"],
)
def test_names_that_look_alike_on_screen_share_a_key(look_alike: str) -> None:
    assert name_key(look_alike) == name_key("Homework")


def test_composed_and_decomposed_accents_are_one_name() -> None:
    assert normalize_name("Cafe\u0301") == "Caf\u00e9"
    assert name_key("CAFE\u0301") == name_key("caf\u00e9")


def test_invisible_characters_are_dropped_but_spacing_still_collapses() -> None:
    assert normalize_name(" Home\u200b \t\x00 Work\u202e ") == "Home Work"
    assert normalize_name("\u200b\x00\u202e") == ""
