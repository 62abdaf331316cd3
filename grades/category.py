"""Which of a student's scored assignments count, and a category's ratio.

Ratios are exact fractions (1/2, not 50%): the calculator turns the final one
into a percentage and rounds it once.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from grades.gradebook import GradedAssignment
from push.setup import CategorySpec


@dataclass(frozen=True)
class ScoredWork:
    """One assignment with the student's points on it."""

    assignment: GradedAssignment
    points: Fraction

    @property
    def ratio(self) -> Fraction | None:
        """Points over points possible; None for extra credit (nothing possible)."""
        possible = Fraction(self.assignment.points_possible)
        return self.points / possible if possible else None


def counts_toward(spec: CategorySpec, task_id: int) -> bool:
    """Whether a category's work counts in the grade of a grading task.

    An empty task list counts toward every task, so a category nobody tied to
    tasks still counts. Excluded categories never count; hidden ones do, since
    hidden only keeps the category out of the students' view.
    """
    if spec.exclude_from_calc:
        return False
    return not spec.task_ids or task_id in spec.task_ids


def latest_work(work: list[ScoredWork], last_n: int | None) -> list[ScoredWork]:
    """The last N scored assignments by due date, then id; undated ones first.

    No limit (None or 0) keeps all of the work, in its order.
    """
    if not last_n or last_n < 0:
        return work
    return sorted(work, key=_due_order)[-last_n:]


def counted_work(spec: CategorySpec, work: list[ScoredWork]) -> list[ScoredWork]:
    """The category's work without its N lowest, then N highest ratios.

    At least one graded item always stays. Extra credit has no ratio to rank,
    so it is never dropped.
    """
    ranked = sorted((item for item in work if item.ratio is not None), key=_rank)
    spare = max(len(ranked) - 1, 0)
    lowest = min(max(spec.drop_lowest, 0), spare)
    highest = min(max(spec.drop_highest, 0), spare - lowest)

    dropped = ranked[:lowest] + ranked[len(ranked) - highest :]
    dropped_ids = {item.assignment.id for item in dropped}
    return [item for item in work if item.assignment.id not in dropped_ids]


def category_ratio(work: list[ScoredWork], use_score_percent: bool) -> Fraction | None:
    """Points earned over points possible, or the mean of the assignment ratios.

    None when nothing can be graded: no work, or only extra credit.
    """
    if use_score_percent:
        ratios = [ratio for item in work if (ratio := item.ratio) is not None]
        return sum(ratios, Fraction(0)) / len(ratios) if ratios else None

    possible = sum(
        (Fraction(item.assignment.points_possible) for item in work), Fraction(0)
    )
    if not possible:
        return None
    return sum((item.points for item in work), Fraction(0)) / possible


def _due_order(item: ScoredWork) -> tuple[bool, datetime.date, int]:
    due = item.assignment.due_date
    return (due is not None, due or datetime.date.min, item.assignment.id)


def _rank(item: ScoredWork) -> tuple[Fraction, int]:
    return (item.ratio or Fraction(0), item.assignment.id)
