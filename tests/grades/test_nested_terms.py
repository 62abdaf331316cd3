"""Composites of a term take their components' grades in every term inside it.

A semester (S1) composite of the quarter grade and the semester exam takes the
quarter grade of Q1 and of Q2: each graded quarter carries an even share of
the quarter grade's weight. Terms are dated as in builders.SCHOOL_YEAR.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from grades.calculator import exact_task_grade
from grades.setup import GradingSetup, TermDates
from tests.grades.builders import (
    ANN,
    EXAM,
    FINAL_EXAM,
    FINAL_GRADE,
    HOMEWORK,
    Q1,
    Q2,
    Q3,
    Q4,
    QUARTER_GRADE,
    S1,
    S2,
    SCHOOL_YEAR,
    SEMESTER_EXAM,
    SEMESTER_GRADE,
    YEAR,
    Book,
    calc,
    category,
    composite,
    grade,
)

WINTER_TERM = 8
SEMESTER = composite((QUARTER_GRADE, "80"), (SEMESTER_EXAM, "20"))

percent_or_nothing = st.none() | st.decimals(min_value=0, max_value=100, places=2)


def _school_year() -> GradingSetup:
    """Homework makes each quarter grade, the exam category each exam grade."""
    quarters = {(term, QUARTER_GRADE): calc() for term in (Q1, Q2, Q3, Q4)}
    exams = {(S1, SEMESTER_EXAM): calc(), (S2, SEMESTER_EXAM): calc()}
    return GradingSetup(
        categories={
            HOMEWORK: category(task_ids=(QUARTER_GRADE,)),
            EXAM: category(task_ids=(SEMESTER_EXAM, FINAL_EXAM)),
        },
        calc_options=quarters | exams | {(YEAR, FINAL_EXAM): calc()},
        composites={(S1, SEMESTER_GRADE): SEMESTER, (S2, SEMESTER_GRADE): SEMESTER},
        terms=dict(SCHOOL_YEAR),
    )


def _first_semester(q2_points: str | None = "77", exam: str | None = "183") -> Book:
    # Q1 169 / 200 = 84.5 %, Q2 77 / 100 = 77 %, S1 exam 183 / 200 = 91.5 %.
    return (
        Book()
        .score(HOMEWORK, "169", "200", term_id=Q1)
        .score(HOMEWORK, q2_points, "100", term_id=Q2)
        .score(EXAM, exam, "200", term_id=S1)
    )


def _semester_grade(setup: GradingSetup, book: Book) -> Decimal | None:
    return grade(setup, book, SEMESTER_GRADE, term_id=S1)


def test_a_semester_takes_both_quarters_and_its_exam_at_40_40_20() -> None:
    # (40 x 84.5 + 40 x 77 + 20 x 91.5) / 100 = (3380 + 3080 + 1830) / 100
    # = 82.9 -> 83; to one decimal 82.9.
    setup = _school_year()
    one_decimal = _school_year()
    one_decimal.calc_options[(S1, SEMESTER_GRADE)] = calc(decimals=1)

    assert _semester_grade(setup, _first_semester()) == Decimal("83")
    assert _semester_grade(one_decimal, _first_semester()) == Decimal("82.9")


def test_with_one_quarter_graded_that_quarter_carries_the_whole_80() -> None:
    # Q2 not scored yet: (80 x 84.5 + 20 x 91.5) / 100 = (6760 + 1830) / 100
    # = 85.9 -> 86.
    book = _first_semester(q2_points=None)

    assert _semester_grade(_school_year(), book) == Decimal("86")


def test_without_an_exam_grade_the_quarters_share_the_whole_semester() -> None:
    # The exam component has no grade in any term, so the weights are
    # re-proportioned over the quarters: (40 x 84.5 + 40 x 77) / 80
    # = 6460 / 80 = 80.75 -> 81.
    book = _first_semester(exam=None)

    assert _semester_grade(_school_year(), book) == Decimal("81")


def test_second_semester_work_leaves_the_first_semester_alone() -> None:
    # Q3 and the S2 exam lie outside S1: S1 stays 82.9 -> 83, and S2 is
    # (80 x 0 + 20 x 0) / 100 = 0.
    book = (
        _first_semester()
        .score(HOMEWORK, "0", "100", term_id=Q3)
        .score(EXAM, "0", "100", term_id=S2)
    )
    setup = _school_year()

    assert _semester_grade(setup, book) == Decimal("83")
    assert grade(setup, book, SEMESTER_GRADE, term_id=S2) == Decimal("0")


def test_a_term_reaching_past_the_semester_end_is_not_inside_it() -> None:
    # A winter term from 7 December to 15 January grades the quarter task at
    # 0 %, but it ends after S1, so S1 stays 82.9 -> 83.
    setup = _school_year()
    setup.terms[WINTER_TERM] = TermDates(
        datetime.date(2026, 12, 7), datetime.date(2027, 1, 15)
    )
    setup.calc_options[(WINTER_TERM, QUARTER_GRADE)] = calc()
    book = _first_semester().score(HOMEWORK, "0", "100", term_id=WINTER_TERM)

    assert _semester_grade(setup, book) == Decimal("83")


def test_a_year_grade_takes_both_semester_composites_unrounded() -> None:
    # S1 = 82.9 as above. S2: Q3 60 / 100 = 60 %, Q4 not graded, exam
    # 75 / 100 = 75 %: (80 x 60 + 20 x 75) / 100 = 63.
    # The final exam, 88 / 100, belongs to the year.
    # Final = 80 x semesters + 20 x final exam, the semesters 40 each:
    # (40 x 82.9 + 40 x 63 + 20 x 88) / 100 = (3316 + 2520 + 1760) / 100
    # = 75.96. With S1 rounded first (83) it would be 76.00.
    setup = _school_year()
    setup.composites[(YEAR, FINAL_GRADE)] = composite(
        (SEMESTER_GRADE, "80"), (FINAL_EXAM, "20")
    )
    setup.calc_options[(YEAR, FINAL_GRADE)] = calc(decimals=2)
    book = (
        _first_semester()
        .score(HOMEWORK, "60", "100", term_id=Q3)
        .score(EXAM, "75", "100", term_id=S2)
        .score(EXAM, "88", "100", term_id=YEAR)
    )

    assert grade(setup, book, FINAL_GRADE, term_id=YEAR) == Decimal("75.96")


def test_a_year_composite_of_its_own_task_takes_the_semesters_of_that_task() -> None:
    # The year's semester grade is the semester grade of S1 and S2, and of the
    # year itself, which would contain itself and so has no grade:
    # S1 82.9 and S2 (80 x 70 + 20 x 80) / 100 = 72, so (82.9 + 72) / 2
    # = 77.45.
    setup = _school_year()
    setup.composites[(YEAR, SEMESTER_GRADE)] = composite((SEMESTER_GRADE, "100"))
    setup.calc_options[(YEAR, SEMESTER_GRADE)] = calc(decimals=2)
    book = (
        _first_semester()
        .score(HOMEWORK, "70", "100", term_id=Q4)
        .score(EXAM, "80", "100", term_id=S2)
    )

    assert grade(setup, book, SEMESTER_GRADE, term_id=YEAR) == Decimal("77.45")


def test_without_term_dates_a_semester_takes_only_its_own_term() -> None:
    # No dates, no nesting: only the S1 exam, 91.5 -> 92, counts.
    setup = _school_year()
    undated = GradingSetup(setup.categories, setup.calc_options, setup.composites)

    assert _semester_grade(undated, _first_semester()) == Decimal("92")


@settings(deadline=None, max_examples=200)
@given(q1=percent_or_nothing, q2=percent_or_nothing, exam=percent_or_nothing)
def test_a_semester_lies_between_its_graded_terms_whichever_quarter_scored_what(
    q1: Decimal | None, q2: Decimal | None, exam: Decimal | None
) -> None:
    def semester(q1: Decimal | None, q2: Decimal | None) -> Fraction | None:
        book = (
            Book()
            .score(HOMEWORK, _points(q1), "100", term_id=Q1)
            .score(HOMEWORK, _points(q2), "100", term_id=Q2)
            .score(EXAM, _points(exam), "100", term_id=S1)
        )
        return exact_task_grade(_school_year(), book.gradebook, ANN, S1, SEMESTER_GRADE)

    graded = [Fraction(p) for p in (q1, q2, exam) if p is not None]
    exact = semester(q1, q2)

    assert exact == semester(q2, q1)
    if not graded:
        assert exact is None
    else:
        assert exact is not None
        assert min(graded) <= exact <= max(graded)


def _points(percent: Decimal | None) -> str | None:
    return None if percent is None else str(percent)
