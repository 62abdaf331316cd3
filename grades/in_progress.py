"""The in-progress grade of one student for one term and grading task, exactly.

Total points pools the counted work of every counted category; weighted takes
each category's ratio times its weight, over the weights of the categories the
student has scored work in, so an empty category does not pull the grade down.
"""

from collections import defaultdict
from fractions import Fraction

from grades.category import (
    ScoredWork,
    category_ratio,
    counted_work,
    counts_toward,
    latest_work,
)
from grades.gradebook import Gradebook, GradedAssignment
from grades.setup import IN_PROGRESS, GradingSetup
from push.setup import CalcSpec

HUNDRED = Fraction(100)


def exact_in_progress(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_id: int,
    task_id: int,
) -> Fraction | None:
    """The unrounded percentage, or None: no in-progress option or nothing scored."""
    calc = setup.calc_options.get((term_id, task_id))
    if calc is None or calc.calc_type != IN_PROGRESS:
        return None

    work = _work_by_category(setup, gradebook, student_id, term_id, task_id, calc)
    if calc.weighted:
        ratio = _weighted_ratio(setup, work, calc)
    else:
        pooled = [item for items in work.values() for item in items]
        ratio = category_ratio(pooled, calc.use_score_percent)
    return None if ratio is None else ratio * HUNDRED


def _work_by_category(
    setup: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    term_id: int,
    task_id: int,
    calc: CalcSpec,
) -> dict[int, list[ScoredWork]]:
    """The student's counted work in each category that counts toward the task.

    The last-N limit belongs to the grade, so it picks from the work of every
    counted category at once; each category's drops then apply to what is left.
    """
    points = gradebook.points_of(student_id)
    scored = [
        ScoredWork(assignment, Fraction(earned))
        for assignment in gradebook.assignments
        if (earned := points.get(assignment.id)) is not None
        and _counts(setup, assignment, term_id, task_id)
    ]

    by_category: defaultdict[int, list[ScoredWork]] = defaultdict(list)
    for item in latest_work(scored, calc.last_n_assignments):
        by_category[item.assignment.category_id].append(item)

    return {
        category_id: counted_work(setup.categories[category_id], items)
        for category_id, items in by_category.items()
    }


def _counts(
    setup: GradingSetup, assignment: GradedAssignment, term_id: int, task_id: int
) -> bool:
    """Work of the term in a category that counts toward the task."""
    spec = setup.categories.get(assignment.category_id)
    return (
        spec is not None
        and _in_term(assignment, term_id)
        and counts_toward(spec, task_id)
    )


def _in_term(assignment: GradedAssignment, term_id: int) -> bool:
    """Work of the term counts; work with no term counts in every term."""
    return assignment.term_id is None or assignment.term_id == term_id


def _weighted_ratio(
    setup: GradingSetup, work: dict[int, list[ScoredWork]], calc: CalcSpec
) -> Fraction | None:
    """Category ratios by weight, over the weights of the graded categories.

    None when those weights add up to nothing (every graded category weighs 0).
    """
    weighted = [
        (Fraction(setup.categories[category_id].weight), ratio)
        for category_id, items in work.items()
        if (ratio := category_ratio(items, calc.use_score_percent)) is not None
    ]
    total_weight = sum((weight for weight, _ in weighted), Fraction(0))
    if not total_weight:
        return None
    return sum((w * r for w, r in weighted), Fraction(0)) / total_weight
