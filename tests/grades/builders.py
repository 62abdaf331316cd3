"""Small grading setups and gradebooks as plain values, for hand-checked grades.

One section, mostly one term (Q1), and a few grading tasks; a test names its
categories and writes each score as points earned over points possible, as a
teacher would. SCHOOL_YEAR dates the terms for composites over nested terms.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from grades.calculator import task_grade
from grades.gradebook import Gradebook, GradedAssignment
from grades.setup import HALF_UP, IN_PROGRESS, GradingSetup, TermDates
from push.setup import CalcSpec, CategorySpec, CompositeSpec

Q1 = 1
Q2 = 2
S1 = 3
Q3 = 4
Q4 = 5
S2 = 6
YEAR = 7
QUARTER_GRADE = 10
SEMESTER_EXAM = 11
SEMESTER_GRADE = 12
FINAL_GRADE = 13
FINAL_EXAM = 14
HOMEWORK = 1
QUIZZES = 2
TESTS = 3
PROJECTS = 4
EXAM = 5
PARTICIPATION = 6
ANN = 100
BEN = 101
CAL = 102


def _dates(start: str, end: str) -> TermDates:
    return TermDates(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    )


SCHOOL_YEAR = {
    Q1: _dates("2026-08-24", "2026-10-23"),
    Q2: _dates("2026-10-26", "2026-12-18"),
    S1: _dates("2026-08-24", "2026-12-18"),
    Q3: _dates("2027-01-04", "2027-03-12"),
    Q4: _dates("2027-03-15", "2027-05-28"),
    S2: _dates("2027-01-04", "2027-05-28"),
    YEAR: _dates("2026-08-24", "2027-05-28"),
}


def category(
    weight: str = "1",
    *,
    name: str = "Category",
    drop_lowest: int = 0,
    drop_highest: int = 0,
    hidden: bool = False,
    excluded: bool = False,
    task_ids: tuple[int, ...] = (),
) -> CategorySpec:
    return CategorySpec(
        name=name,
        weight=Decimal(weight),
        sequence=1,
        hidden=hidden,
        exclude_from_calc=excluded,
        drop_lowest=drop_lowest,
        drop_highest=drop_highest,
        task_ids=task_ids,
    )


def calc(
    *,
    weighted: bool = True,
    score_percent: bool = False,
    last_n: int | None = None,
    decimals: int = 0,
    mode: str = HALF_UP,
    calc_type: str = IN_PROGRESS,
) -> CalcSpec:
    return CalcSpec(
        calc_type=calc_type,
        weighted=weighted,
        use_score_percent=score_percent,
        last_n_assignments=last_n,
        rounding_decimals=decimals,
        rounding_mode=mode,
        grading_scale=None,
    )


def composite(*parts: tuple[int, str]) -> CompositeSpec:
    return CompositeSpec(tuple((task_id, Decimal(weight)) for task_id, weight in parts))


@dataclass
class Book:
    """A gradebook written score by score; assignment ids follow the writing order."""

    assignments: list[GradedAssignment] = field(default_factory=list)
    scores: dict[int, dict[int, Decimal | None]] = field(default_factory=dict)

    def score(
        self,
        category_id: int,
        points: str | None,
        possible: str,
        *,
        student_id: int = ANN,
        term_id: int | None = Q1,
        due: datetime.date | None = None,
    ) -> "Book":
        """A new assignment in the category, scored for one student."""
        assignment = GradedAssignment(
            id=len(self.assignments) + 1,
            category_id=category_id,
            points_possible=Decimal(possible),
            term_id=term_id,
            due_date=due,
        )
        self.assignments.append(assignment)
        self.scores.setdefault(student_id, {})[assignment.id] = (
            None if points is None else Decimal(points)
        )
        return self

    def scored(self, assignment_id: int, student_id: int, points: str) -> "Book":
        """Another student's points on an assignment already written."""
        self.scores.setdefault(student_id, {})[assignment_id] = Decimal(points)
        return self

    @property
    def gradebook(self) -> Gradebook:
        return Gradebook(tuple(self.assignments), self.scores)


def grade(
    setup: GradingSetup,
    book: Book,
    task_id: int = QUARTER_GRADE,
    student_id: int = ANN,
    term_id: int = Q1,
) -> Decimal | None:
    """The grade the student sees for the task, rounded by the setup's rule."""
    return task_grade(setup, book.gradebook, student_id, term_id, task_id)


def quarter_setup(
    calc_option: CalcSpec, categories: dict[int, CategorySpec]
) -> GradingSetup:
    """The categories with one calc option: the Q1 quarter grade."""
    return GradingSetup(
        categories=categories, calc_options={(Q1, QUARTER_GRADE): calc_option}
    )
