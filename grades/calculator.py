"""A student's grade for one term and grading task, rounded once at the end.

A task with a composite at the term takes its grade from its component tasks
(even if it also has a calc option); any other task takes its in-progress
grade. Composite parts name only a task, so terms nest by date: a component
counts once for each term inside the composite's term (the term itself
included) that grades it, as when a semester takes its two quarters.
Component grades are used unrounded, so only the final grade is rounded, by
the task's own calc option (half up to whole numbers when it has none).
"""

from decimal import Decimal
from fractions import Fraction

from grades.gradebook import Gradebook
from grades.in_progress import exact_in_progress
from grades.rounding import round_grade
from grades.setup import GradingSetup
from push.setup import TermTask


def task_grade(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_id: int,
    task_id: int,
) -> Decimal | None:
    """The grade a student sees for a task: composite or in progress, or None."""
    exact = exact_task_grade(setup, gradebook, student_id, term_id, task_id)
    return None if exact is None else _rounded(setup, exact, term_id, task_id)


def in_progress_grade(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_id: int,
    task_id: int,
) -> Decimal | None:
    """The rounded in-progress grade; None under calc type none or with no work."""
    exact = exact_in_progress(setup, gradebook, student_id, term_id, task_id)
    return None if exact is None else _rounded(setup, exact, term_id, task_id)


def exact_task_grade(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_id: int,
    task_id: int,
) -> Fraction | None:
    """The unrounded grade of a task; a composite that contains itself has none."""
    return _exact_grade(setup, gradebook, student_id, (term_id, task_id), frozenset())


def _exact_grade(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    key: TermTask,
    outer: frozenset[TermTask],
) -> Fraction | None:
    """The grade of a term and task inside the composites ``outer``.

    Meeting one of those composites again would be a cycle: it has no grade
    there. The same task at another term is no cycle (a year grade may well
    take the semester grades of the same task).
    """
    composite = setup.composites.get(key)
    if composite is None:
        return exact_in_progress(setup, gradebook, student_id, *key)
    if key in outer:
        return None

    inside = outer | {key}
    term_ids = setup.terms_within(key[0])
    graded = [
        (Fraction(weight), grade)
        for component_id, weight in composite.parts
        if (
            grade := _component_grade(
                setup, gradebook, student_id, term_ids, component_id, inside
            )
        )
        is not None
    ]
    return _weighted_mean(graded)


def _component_grade(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_ids: tuple[int, ...],
    task_id: int,
    outer: frozenset[TermTask],
) -> Fraction | None:
    """The mean of the component's grades over the nested terms that have one.

    Splitting the component's weight evenly among those grades is the same as
    giving their mean the whole weight, so a quarter with no grade yet leaves
    its share to the quarters that have one.
    """
    keys = [(term_id, task_id) for term_id in term_ids]
    grades = [
        grade
        for key in keys
        if (grade := _exact_grade(setup, gradebook, student_id, key, outer)) is not None
    ]
    return sum(grades, Fraction(0)) / len(grades) if grades else None


def _weighted_mean(graded: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    """Grades by weight over the weights of the graded components only."""
    total_weight = sum((weight for weight, _ in graded), Fraction(0))
    if not total_weight:
        return None
    return sum((w * g for w, g in graded), Fraction(0)) / total_weight


def _rounded(
    setup: GradingSetup, exact: Fraction, term_id: int, task_id: int
) -> Decimal:
    calc = setup.calc_options.get((term_id, task_id))
    if calc is None:
        return round_grade(exact)
    return round_grade(exact, calc.rounding_decimals, calc.rounding_mode)
