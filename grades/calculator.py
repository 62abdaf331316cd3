"""A student's grade for one term and grading task, rounded once at the end.

A task with a composite at the term takes its grade from its component tasks
(even if it also has a calc option); any other task takes its in-progress
grade. Component grades are used unrounded, so only the final grade is rounded,
by the task's own calc option (half up to whole numbers when it has none).
"""

from decimal import Decimal
from fractions import Fraction

from grades.gradebook import Gradebook
from grades.in_progress import exact_in_progress
from grades.rounding import round_grade
from grades.setup import GradingSetup


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
    outer_tasks: frozenset[int] = frozenset(),
) -> Fraction | None:
    """The unrounded grade of a task; a composite that contains itself has none."""
    composite = setup.composites.get((term_id, task_id))
    if composite is None:
        return exact_in_progress(setup, gradebook, student_id, term_id, task_id)
    if task_id in outer_tasks:
        return None

    inside = outer_tasks | {task_id}
    graded = [
        (Fraction(weight), grade)
        for component_id, weight in composite.parts
        if (
            grade := exact_task_grade(
                setup, gradebook, student_id, term_id, component_id, inside
            )
        )
        is not None
    ]
    return _weighted_mean(graded)


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
