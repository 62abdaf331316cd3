"""The in-progress grade of a student, checked against grades worked by hand."""

import datetime
from decimal import Decimal

from grades.setup import GradingSetup
from tests.grades.builders import (
    BEN,
    EXAM,
    HOMEWORK,
    PARTICIPATION,
    PROJECTS,
    Q1,
    Q2,
    QUARTER_GRADE,
    QUIZZES,
    SEMESTER_EXAM,
    TESTS,
    Book,
    calc,
    category,
    grade,
    quarter_setup,
)


def _homework_and_tests() -> Book:
    return (
        Book()
        .score(HOMEWORK, "8", "10")
        .score(HOMEWORK, "9", "10")
        .score(TESTS, "45", "50")
    )


def _three_homework_scores() -> Book:
    return (
        Book()
        .score(HOMEWORK, "4", "10")
        .score(HOMEWORK, "9", "10")
        .score(HOMEWORK, "16", "20")
    )


def _participation_at_zero() -> Book:
    return (
        Book()
        .score(HOMEWORK, "10", "10")
        .score(TESTS, "30", "50")
        .score(PARTICIPATION, "0", "10")
    )


def test_total_points_pools_every_category() -> None:
    # (8 + 9 + 45) / (10 + 10 + 50) = 62 / 70 = 88.571... % -> 89.
    setup = quarter_setup(
        calc(weighted=False), {HOMEWORK: category("40"), TESTS: category("60")}
    )

    assert grade(setup, _homework_and_tests()) == Decimal("89")


def test_weighted_by_category_takes_each_category_at_its_weight() -> None:
    # Homework 17 / 20 = 85 %, tests 45 / 50 = 90 %.
    # (40 x 85 + 60 x 90) / (40 + 60) = (3400 + 5400) / 100 = 88.
    setup = quarter_setup(calc(), {HOMEWORK: category("40"), TESTS: category("60")})

    assert grade(setup, _homework_and_tests()) == Decimal("88")


def test_weights_are_relative_and_need_not_add_up_to_100() -> None:
    # Weights 2 and 3 are 40 % and 60 %: (2 x 85 + 3 x 90) / 5 = 440 / 5 = 88.
    setup = quarter_setup(calc(), {HOMEWORK: category("2"), TESTS: category("3")})

    assert grade(setup, _homework_and_tests()) == Decimal("88")


def test_a_weighted_category_with_no_scored_work_does_not_count() -> None:
    # Homework 18 / 20 = 90 % at 20, quizzes 8 / 10 = 80 % at 30; tests (50)
    # hold only an unscored assignment, projects (10) nothing at all.
    # (20 x 90 + 30 x 80) / (20 + 30) = (1800 + 2400) / 50 = 84.
    # Counting the empty weights as zeros would give 4200 / 110 = 38.
    book = (
        Book()
        .score(HOMEWORK, "18", "20")
        .score(QUIZZES, "8", "10")
        .score(TESTS, None, "100")
    )
    setup = quarter_setup(
        calc(),
        {
            HOMEWORK: category("20"),
            QUIZZES: category("30"),
            TESTS: category("50"),
            PROJECTS: category("10"),
        },
    )

    assert grade(setup, book) == Decimal("84")


def test_drop_lowest_removes_the_lowest_percentage() -> None:
    # 4/10 = 40 %, 9/10 = 90 %, 16/20 = 80 %: the 40 % goes.
    # (9 + 16) / (10 + 20) = 25 / 30 = 83.33... % -> 83 (72.5 -> 73 without).
    book = _three_homework_scores()
    setup = quarter_setup(calc(weighted=False), {HOMEWORK: category(drop_lowest=1)})

    assert grade(setup, book) == Decimal("83")


def test_drop_highest_removes_the_highest_percentage() -> None:
    # Of 40 %, 90 % and 80 % the 90 % goes: (4 + 16) / (10 + 20) = 66.66... -> 67.
    book = _three_homework_scores()
    setup = quarter_setup(calc(weighted=False), {HOMEWORK: category(drop_highest=1)})

    assert grade(setup, book) == Decimal("67")


def test_drops_apply_in_their_own_category_only() -> None:
    # Homework drops its lowest (2/10): 9/10 = 90 %. Tests drop nothing:
    # (30 + 40) / (50 + 50) = 70 %. (50 x 90 + 50 x 70) / 100 = 80.
    book = (
        Book()
        .score(HOMEWORK, "2", "10")
        .score(HOMEWORK, "9", "10")
        .score(TESTS, "30", "50")
        .score(TESTS, "40", "50")
    )
    setup = quarter_setup(
        calc(), {HOMEWORK: category("50", drop_lowest=1), TESTS: category("50")}
    )

    assert grade(setup, book) == Decimal("80")


def test_drops_always_leave_one_scored_assignment() -> None:
    # Drop 3 lowest of two scores: only the best, 9/10 = 90 %, is left.
    book = Book().score(HOMEWORK, "5", "10").score(HOMEWORK, "9", "10")
    setup = quarter_setup(calc(), {HOMEWORK: category(drop_lowest=3)})

    assert grade(setup, book) == Decimal("90")


def test_an_excluded_category_does_not_count() -> None:
    # Homework 10/10 = 100 % at 40, tests 30/50 = 60 % at 60; participation
    # (weight 100, 0/10) is excluded: (40 x 100 + 60 x 60) / 100 = 76.
    book = _participation_at_zero()
    setup = quarter_setup(
        calc(),
        {
            HOMEWORK: category("40"),
            TESTS: category("60"),
            PARTICIPATION: category("100", excluded=True),
        },
    )

    assert grade(setup, book) == Decimal("76")


def test_an_excluded_category_does_not_count_in_total_points_either() -> None:
    # (10 + 30) / (10 + 50) = 40 / 60 = 66.66... -> 67; with the excluded
    # 0/10 it would be 40 / 70 = 57.1.
    book = _participation_at_zero()
    setup = quarter_setup(
        calc(weighted=False),
        {
            HOMEWORK: category(),
            TESTS: category(),
            PARTICIPATION: category(excluded=True),
        },
    )

    assert grade(setup, book) == Decimal("67")


def test_a_hidden_category_is_hidden_from_view_but_still_counts() -> None:
    # As above, participation only hidden: it counts at its weight of 100.
    # (40 x 100 + 60 x 60 + 100 x 0) / (40 + 60 + 100) = 7600 / 200 = 38.
    book = _participation_at_zero()
    setup = quarter_setup(
        calc(),
        {
            HOMEWORK: category("40"),
            TESTS: category("60"),
            PARTICIPATION: category("100", hidden=True),
        },
    )

    assert grade(setup, book) == Decimal("38")


def test_use_score_percent_averages_assignment_percentages() -> None:
    # 1/2 = 50 % and 90/100 = 90 %: their mean is (50 + 90) / 2 = 70.
    # By points it would be 91 / 102 = 89.2 %.
    book = Book().score(HOMEWORK, "1", "2").score(HOMEWORK, "90", "100")
    by_points = quarter_setup(calc(weighted=False), {HOMEWORK: category()})
    by_percent = quarter_setup(
        calc(weighted=False, score_percent=True), {HOMEWORK: category()}
    )

    assert grade(by_points, book) == Decimal("89")
    assert grade(by_percent, book) == Decimal("70")


def test_use_score_percent_in_a_weighted_grade() -> None:
    # Homework: mean of 1/2 = 50 % and 10/10 = 100 % is 75 %; tests 45/50 = 90 %.
    # (50 x 75 + 50 x 90) / 100 = 82.5 -> 83. By points homework is 11/12 =
    # 91.66 % and the grade (91.66 + 90) / 2 = 90.83 -> 91.
    book = (
        Book()
        .score(HOMEWORK, "1", "2")
        .score(HOMEWORK, "10", "10")
        .score(TESTS, "45", "50")
    )
    categories = {HOMEWORK: category("50"), TESTS: category("50")}

    assert grade(quarter_setup(calc(score_percent=True), categories), book) == 83
    assert grade(quarter_setup(calc(), categories), book) == 91


def _dated_work() -> Book:
    return (
        Book()
        .score(HOMEWORK, "2", "10", due=datetime.date(2026, 9, 1))
        .score(HOMEWORK, "10", "10", due=datetime.date(2026, 9, 8))
        .score(TESTS, "45", "50", due=datetime.date(2026, 9, 10))
        .score(HOMEWORK, "8", "10", due=datetime.date(2026, 9, 15))
    )


def test_last_n_assignments_counts_the_most_recent_scored_work() -> None:
    # The last 2 by due date: homework of Sep 15 (8/10) and the test of
    # Sep 10 (45/50): (8 + 45) / (10 + 50) = 53 / 60 = 88.33... -> 88.
    # All four would be (2 + 10 + 45 + 8) / 80 = 81.25 -> 81; the last 2 of
    # each category (10 + 45 + 8) / 70 = 90.
    setup = quarter_setup(
        calc(weighted=False, last_n=2), {HOMEWORK: category(), TESTS: category()}
    )

    assert grade(setup, _dated_work()) == Decimal("88")


def test_last_n_assignments_leaves_out_excluded_work() -> None:
    # A later excluded project takes no place among the last 2.
    # As above: (8 + 45) / (10 + 50) = 88.33... -> 88.
    book = _dated_work().score(PROJECTS, "0", "100", due=datetime.date(2026, 9, 30))
    setup = quarter_setup(
        calc(weighted=False, last_n=2),
        {HOMEWORK: category(), TESTS: category(), PROJECTS: category(excluded=True)},
    )

    assert grade(setup, book) == Decimal("88")


def test_last_n_assignments_is_taken_before_the_drops() -> None:
    # Last 3 homework scores: 10/10, 6/10 and 8/10, then the lowest (6/10)
    # is dropped: (10 + 8) / 20 = 90. The early 2/10 never counts.
    book = (
        Book()
        .score(HOMEWORK, "2", "10", due=datetime.date(2026, 9, 1))
        .score(HOMEWORK, "10", "10", due=datetime.date(2026, 9, 8))
        .score(HOMEWORK, "6", "10", due=datetime.date(2026, 9, 9))
        .score(HOMEWORK, "8", "10", due=datetime.date(2026, 9, 15))
    )
    setup = quarter_setup(calc(last_n=3), {HOMEWORK: category(drop_lowest=1)})

    assert grade(setup, book) == Decimal("90")


def test_last_n_assignments_takes_undated_work_as_the_oldest() -> None:
    # Last 1 of an undated 0/10 and a 7/10 due Sep 1: the dated one, 70.
    book = (
        Book()
        .score(HOMEWORK, "7", "10", due=datetime.date(2026, 9, 1))
        .score(HOMEWORK, "0", "10")
    )
    setup = quarter_setup(calc(last_n=1), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("70")


def test_last_n_in_a_weighted_grade_can_leave_a_category_without_work() -> None:
    # Last 1: homework of Sep 15 (8/10 = 80 %). Tests then hold no counted
    # work and their weight drops out: 40 x 80 / 40 = 80. (The test's 90 %
    # would give (40 x 80 + 60 x 90) / 100 = 86.)
    setup = quarter_setup(
        calc(last_n=1), {HOMEWORK: category("40"), TESTS: category("60")}
    )

    assert grade(setup, _dated_work()) == Decimal("80")


def test_a_category_counts_only_toward_its_grading_tasks() -> None:
    # Quarter grade: homework 9/10 only; the exam category counts toward
    # the semester exam. Quarter 90; semester exam 30/50 = 60.
    book = Book().score(HOMEWORK, "9", "10").score(EXAM, "30", "50")
    setup = GradingSetup(
        categories={
            HOMEWORK: category(task_ids=(QUARTER_GRADE,)),
            EXAM: category(task_ids=(SEMESTER_EXAM,)),
        },
        calc_options={(Q1, QUARTER_GRADE): calc(), (Q1, SEMESTER_EXAM): calc()},
    )

    assert grade(setup, book) == Decimal("90")
    assert grade(setup, book, SEMESTER_EXAM) == Decimal("60")


def test_work_of_another_term_does_not_count() -> None:
    # Q1: 9/10 and the termless 5/10: 14 / 20 = 70. Q2's 0/10 counts in Q2
    # only: (5 + 0) / 20 = 25.
    book = (
        Book()
        .score(HOMEWORK, "9", "10")
        .score(HOMEWORK, "0", "10", term_id=Q2)
        .score(HOMEWORK, "5", "10", term_id=None)
    )
    setup = GradingSetup(
        categories={HOMEWORK: category()},
        calc_options={(Q1, QUARTER_GRADE): calc(), (Q2, QUARTER_GRADE): calc()},
    )

    assert grade(setup, book) == Decimal("70")
    assert grade(setup, book, term_id=Q2) == Decimal("25")


def test_extra_credit_adds_points_without_adding_points_possible() -> None:
    # (18 + 2) / (20 + 0) = 100 %.
    book = Book().score(HOMEWORK, "18", "20").score(HOMEWORK, "2", "0")
    setup = quarter_setup(calc(weighted=False), {HOMEWORK: category()})

    assert grade(setup, book) == Decimal("100")


def test_no_grade_without_an_in_progress_calc_option_or_scored_work() -> None:
    book = Book().score(HOMEWORK, "9", "10")
    no_calculation = quarter_setup(calc(calc_type="none"), {HOMEWORK: category()})
    no_option = GradingSetup(categories={HOMEWORK: category()})
    setup = quarter_setup(calc(), {HOMEWORK: category()})

    assert grade(no_calculation, book) is None
    assert grade(no_option, book) is None
    assert grade(setup, Book().score(HOMEWORK, None, "10")) is None
    assert grade(setup, book, student_id=BEN) is None
