"""Properties of the calculator that hold for any gradebook hypothesis can build."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from grades.calculator import exact_task_grade
from grades.in_progress import exact_in_progress
from grades.rounding import round_grade
from grades.setup import HALF_UP, TRUNCATE, GradingSetup
from tests.grades.builders import (
    ANN,
    EXAM,
    HOMEWORK,
    PROJECTS,
    Q1,
    QUARTER_GRADE,
    QUIZZES,
    SEMESTER_EXAM,
    SEMESTER_GRADE,
    TESTS,
    Book,
    calc,
    category,
    composite,
    quarter_setup,
)

CATEGORIES = (HOMEWORK, QUIZZES, TESTS)
CENTS = Decimal("0.01")

# No deadline: a slow machine must not fail a test that has no time in it.
grade_settings = settings(deadline=None, max_examples=200)

weights = st.decimals(min_value=0, max_value=100, places=2)
positive_weights = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)


@st.composite
def books(draw: st.DrawFn) -> Book:
    """One to eight scored assignments in the three categories, none extra credit."""
    book = Book()
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        possible = draw(st.integers(min_value=1, max_value=200))
        points = draw(st.decimals(min_value=0, max_value=possible, places=2))
        book.score(draw(st.sampled_from(CATEGORIES)), str(points), str(possible))
    return book


def _exact(setup: GradingSetup, book: Book) -> Fraction | None:
    return exact_in_progress(setup, book.gradebook, ANN, Q1, QUARTER_GRADE)


@grade_settings
@given(
    book=books(),
    category_weights=st.tuples(positive_weights, positive_weights, positive_weights),
    factor=st.integers(min_value=2, max_value=1000),
)
def test_scaling_every_weight_by_a_constant_keeps_the_grade(
    book: Book, category_weights: tuple[Decimal, ...], factor: int
) -> None:
    def setup(scale: int) -> GradingSetup:
        return quarter_setup(
            calc(),
            {
                key: category(str(weight * scale))
                for key, weight in zip(CATEGORIES, category_weights, strict=True)
            },
        )

    assert _exact(setup(factor), book) == _exact(setup(1), book)


@grade_settings
@given(book=books(), category_weights=st.tuples(weights, weights, weights))
def test_a_weighted_grade_lies_between_its_categories_percentages(
    book: Book, category_weights: tuple[Decimal, ...]
) -> None:
    setup = quarter_setup(
        calc(),
        {
            key: category(str(weight))
            for key, weight in zip(CATEGORIES, category_weights, strict=True)
        },
    )
    exact = _exact(setup, book)
    percentages = [
        _exact(quarter_setup(calc(), {key: setup.categories[key]}), book)
        for key in CATEGORIES
        if setup.categories[key].weight
    ]
    graded = [p for p in percentages if p is not None]

    if not graded:
        assert exact is None
    else:
        assert exact is not None
        assert min(graded) <= exact <= max(graded)


@grade_settings
@given(book=books(), weight=positive_weights)
def test_a_category_without_work_never_moves_a_weighted_grade(
    book: Book, weight: Decimal
) -> None:
    categories = {key: category("25") for key in CATEGORIES}
    with_empty = {**categories, PROJECTS: category(str(weight))}

    assert _exact(quarter_setup(calc(), with_empty), book) == _exact(
        quarter_setup(calc(), categories), book
    )


@grade_settings
@given(
    quarter=st.decimals(min_value=0, max_value=100, places=2),
    exam=st.decimals(min_value=0, max_value=100, places=2),
    quarter_weight=positive_weights,
    exam_weight=positive_weights,
    factor=st.integers(min_value=2, max_value=1000),
)
def test_scaling_composite_weights_by_a_constant_keeps_the_grade(
    quarter: Decimal,
    exam: Decimal,
    quarter_weight: Decimal,
    exam_weight: Decimal,
    factor: int,
) -> None:
    book = Book().score(HOMEWORK, str(quarter), "100").score(EXAM, str(exam), "100")

    def semester(scale: int) -> Fraction | None:
        setup = GradingSetup(
            categories={
                HOMEWORK: category(task_ids=(QUARTER_GRADE,)),
                EXAM: category(task_ids=(SEMESTER_EXAM,)),
            },
            calc_options={(Q1, QUARTER_GRADE): calc(), (Q1, SEMESTER_EXAM): calc()},
            composites={
                (Q1, SEMESTER_GRADE): composite(
                    (QUARTER_GRADE, str(quarter_weight * scale)),
                    (SEMESTER_EXAM, str(exam_weight * scale)),
                )
            },
        )
        return exact_task_grade(setup, book.gradebook, ANN, Q1, SEMESTER_GRADE)

    exact = semester(1)
    weighted = Fraction(quarter * quarter_weight + exam * exam_weight)
    assert exact == weighted / Fraction(quarter_weight + exam_weight)
    assert semester(factor) == exact


@grade_settings
@given(
    exact=st.fractions(min_value=0, max_value=200, max_denominator=10**6),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_rounding_lands_within_half_a_unit_or_just_below(
    exact: Fraction, decimals: int
) -> None:
    unit = Fraction(1, 10**decimals)
    half_up = Fraction(round_grade(exact, decimals, HALF_UP))
    truncated = Fraction(round_grade(exact, decimals, TRUNCATE))

    assert exact - unit / 2 < half_up <= exact + unit / 2
    assert truncated <= exact < truncated + unit
    assert (half_up / unit).denominator == 1
    assert (truncated / unit).denominator == 1


@grade_settings
@given(exact=st.fractions(min_value=0, max_value=200, max_denominator=10**6))
def test_rounding_is_done_once_so_rounding_again_changes_nothing(
    exact: Fraction,
) -> None:
    once = round_grade(exact, 2, HALF_UP)

    assert round_grade(once, 2, HALF_UP) == once
    assert round_grade(round_grade(once, 0, HALF_UP), 0, TRUNCATE) == round_grade(
        once, 0, HALF_UP
    )
