"""Rounding once at the end, by the calc option's rule: half up or truncate."""

from decimal import Decimal
from fractions import Fraction

import pytest

from grades.rounding import round_grade
from grades.setup import HALF_UP, TRUNCATE
from tests.grades.builders import HOMEWORK, Book, calc, category, grade, quarter_setup


@pytest.mark.parametrize(
    ("exact", "decimals", "mode", "expected"),
    [
        ("88.5", 0, HALF_UP, "89"),
        ("2.5", 0, HALF_UP, "3"),
        ("0.605", 2, HALF_UP, "0.61"),
        ("89.99", 0, TRUNCATE, "89"),
        ("89.99", 1, TRUNCATE, "89.9"),
        ("84.45", 0, HALF_UP, "84"),
        ("84.45", 1, HALF_UP, "84.5"),
        ("100", 2, HALF_UP, "100.00"),
    ],
)
def test_round_grade_follows_the_rule_of_the_calc_option(
    exact: str, decimals: int, mode: str, expected: str
) -> None:
    rounded = round_grade(Decimal(exact), decimals, mode)

    assert rounded == Decimal(expected)
    assert str(rounded) == expected


def test_a_half_in_binary_floating_point_still_rounds_up() -> None:
    # 0.605 has no exact binary float (it is 0.60499999...), so float rounding
    # gives 0.6. As the fraction 121/200 it is exactly half way: 60.5
    # hundredths, half up to 61 hundredths.
    assert round(0.605, 2) == 0.6
    assert round_grade(Fraction(121, 200), 2, HALF_UP) == Decimal("0.61")


def test_a_grade_of_88_5_percent_shows_as_89() -> None:
    # 177 / 200 = 0.885 = 88.5 %, half up to 89.
    book = Book().score(HOMEWORK, "177", "200")
    setup = quarter_setup(calc(), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("89")


def test_a_grade_of_2_5_percent_shows_as_3() -> None:
    # 1 / 40 = 0.025 = 2.5 %, half up to 3 (not to the even 2).
    book = Book().score(HOMEWORK, "1", "40")
    setup = quarter_setup(calc(), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("3")


def test_a_grade_of_0_605_percent_shows_as_0_61_with_two_decimals() -> None:
    # 1.21 / 200 = 0.00605 = 0.605 %, to two decimals half up: 0.61.
    book = Book().score(HOMEWORK, "1.21", "200")
    setup = quarter_setup(calc(decimals=2), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("0.61")


def test_a_grade_of_89_99_percent_truncated_shows_as_89() -> None:
    # 89.99 / 100 = 89.99 %, truncated to whole numbers: 89.
    book = Book().score(HOMEWORK, "89.99", "100")
    setup = quarter_setup(calc(mode=TRUNCATE), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("89")


def test_a_grade_is_rounded_to_the_decimals_the_calc_option_names() -> None:
    # 2 / 3 = 66.666... %: 67, 66.7 and 66.67 half up; 66.66 truncated.
    book = Book().score(HOMEWORK, "2", "3")
    grades = [
        grade(quarter_setup(option, {HOMEWORK: category()}), book)
        for option in (calc(), calc(decimals=1), calc(decimals=2))
    ]
    truncated = grade(
        quarter_setup(calc(decimals=2, mode=TRUNCATE), {HOMEWORK: category()}), book
    )

    assert grades == [Decimal("67"), Decimal("66.7"), Decimal("66.67")]
    assert truncated == Decimal("66.66")
