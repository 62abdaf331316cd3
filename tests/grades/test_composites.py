"""Composite grades from their components' unrounded grades, rounded once."""

from decimal import Decimal

from grades.setup import GradingSetup
from push.setup import CalcSpec, CompositeSpec
from tests.grades.builders import (
    EXAM,
    FINAL_GRADE,
    HOMEWORK,
    Q1,
    QUARTER_GRADE,
    SEMESTER_EXAM,
    SEMESTER_GRADE,
    Book,
    calc,
    category,
    composite,
    grade,
)

HALVES = composite((QUARTER_GRADE, "50"), (SEMESTER_EXAM, "50"))


def _semester(
    semester: CompositeSpec, *, semester_calc: CalcSpec | None = None
) -> GradingSetup:
    """Homework makes the quarter grade and the exam the semester exam grade."""
    calc_options = {(Q1, QUARTER_GRADE): calc(), (Q1, SEMESTER_EXAM): calc()}
    if semester_calc is not None:
        calc_options[(Q1, SEMESTER_GRADE)] = semester_calc
    return GradingSetup(
        categories={
            HOMEWORK: category(task_ids=(QUARTER_GRADE,)),
            EXAM: category(task_ids=(SEMESTER_EXAM,)),
        },
        calc_options=calc_options,
        composites={(Q1, SEMESTER_GRADE): semester},
    )


def _quarter_84_5_exam_84_4() -> Book:
    # Quarter: 169 / 200 = 84.5 %. Exam: 422 / 500 = 84.4 %.
    return Book().score(HOMEWORK, "169", "200").score(EXAM, "422", "500")


def test_half_and_half_over_84_5_and_84_4_gives_84_not_85() -> None:
    # (50 x 84.5 + 50 x 84.4) / 100 = 84.45 -> 84. Rounding the components
    # first would give (85 + 84) / 2 = 84.5 -> 85.
    setup = _semester(HALVES)
    book = _quarter_84_5_exam_84_4()

    assert grade(setup, book, QUARTER_GRADE) == Decimal("85")
    assert grade(setup, book, SEMESTER_EXAM) == Decimal("84")
    assert grade(setup, book, SEMESTER_GRADE) == Decimal("84")


def test_a_composite_is_rounded_by_its_own_calc_option() -> None:
    # 84.45 to one decimal, half up: 84.5; truncated: 84.4.
    book = _quarter_84_5_exam_84_4()
    one_decimal = _semester(HALVES, semester_calc=calc(decimals=1))
    truncated = _semester(HALVES, semester_calc=calc(decimals=1, mode="truncate"))

    assert grade(one_decimal, book, SEMESTER_GRADE) == Decimal("84.5")
    assert grade(truncated, book, SEMESTER_GRADE) == Decimal("84.4")


def test_composite_weights_are_re_proportioned_over_graded_components() -> None:
    # Quarter 17 / 20 = 85 % at 80, no exam score yet: 80 x 85 / 80 = 85.
    # Once the exam is 60 / 100: (80 x 85 + 20 x 60) / 100 = 80.
    setup = _semester(composite((QUARTER_GRADE, "80"), (SEMESTER_EXAM, "20")))
    before_exam = Book().score(HOMEWORK, "17", "20").score(EXAM, None, "100")
    after_exam = Book().score(HOMEWORK, "17", "20").score(EXAM, "60", "100")

    assert grade(setup, before_exam, SEMESTER_GRADE) == Decimal("85")
    assert grade(setup, after_exam, SEMESTER_GRADE) == Decimal("80")


def test_a_composite_of_a_composite_uses_the_inner_grade_unrounded() -> None:
    # Semester 84.45 as above; final = (50 x 84.45 + 50 x 84.5) / 100 = 84.475,
    # to two decimals 84.48. A semester rounded first (84) would give 84.25.
    setup = _semester(HALVES)
    final = composite((SEMESTER_GRADE, "50"), (QUARTER_GRADE, "50"))
    setup.composites[(Q1, FINAL_GRADE)] = final
    setup.calc_options[(Q1, FINAL_GRADE)] = calc(decimals=2)

    assert grade(setup, _quarter_84_5_exam_84_4(), FINAL_GRADE) == Decimal("84.48")


def test_a_composite_takes_precedence_over_an_in_progress_option() -> None:
    # The semester task has an in-progress option and homework counts toward
    # it (99 %), but its composite decides: 50/50 over 84.5 and 84.4 is 84.
    setup = _semester(HALVES, semester_calc=calc())
    setup.categories[HOMEWORK] = category(task_ids=(QUARTER_GRADE, SEMESTER_GRADE))

    assert grade(setup, _quarter_84_5_exam_84_4(), SEMESTER_GRADE) == Decimal("84")


def test_a_composite_listed_among_its_own_components_is_left_out() -> None:
    # The semester names itself at 50: that part has no grade, so the quarter
    # alone counts: 50 x 84.5 / 50 = 84.5 -> 85.
    setup = _semester(composite((QUARTER_GRADE, "50"), (SEMESTER_GRADE, "50")))

    assert grade(setup, _quarter_84_5_exam_84_4(), SEMESTER_GRADE) == Decimal("85")


def test_a_composite_without_graded_components_has_no_grade() -> None:
    setup = _semester(HALVES)

    assert grade(setup, Book().score(HOMEWORK, None, "10"), SEMESTER_GRADE) is None
