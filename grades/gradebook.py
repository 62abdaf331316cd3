"""A section's graded work as plain values: its assignments and scores."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class GradedAssignment:
    """An assignment as the calculator sees it.

    ``term_id`` None means the assignment belongs to no term in particular and
    counts in every term the section meets in.
    """

    id: int
    category_id: int
    points_possible: Decimal
    term_id: int | None = None
    due_date: datetime.date | None = None


@dataclass(frozen=True)
class Gradebook:
    """One section's assignments and its students' points on them.

    ``scores`` maps student id to assignment id to points; None points are a
    score row not yet scored, which the calculator ignores.
    """

    assignments: tuple[GradedAssignment, ...] = ()
    scores: dict[int, dict[int, Decimal | None]] = field(default_factory=dict)

    @property
    def student_ids(self) -> tuple[int, ...]:
        """Every student with a score row in the section, in id order."""
        return tuple(sorted(self.scores))

    def points_of(self, student_id: int) -> dict[int, Decimal | None]:
        return self.scores.get(student_id, {})
