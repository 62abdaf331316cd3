"""The terms and grading tasks of a calendar, which setup ids must belong to."""

from collections.abc import Collection
from dataclasses import dataclass

from models import GradingTask, Term
from setup_editing.problems import Path, Problem, ProblemCode


@dataclass(frozen=True)
class CalendarParts:
    """Names of a calendar's terms and grading tasks, by id."""

    terms: dict[int, str]
    tasks: dict[int, str]

    def check_term(
        self,
        term_id: int,
        path: Path,
        problems: list[Problem],
        meets_in: Collection[int] | None = None,
    ) -> bool:
        """True when the term is of this calendar (and one the section meets in)."""
        if term_id not in self.terms:
            message = "No term with that id in this calendar."
        elif meets_in is not None and term_id not in meets_in:
            message = f"The section does not meet in term {self.terms[term_id]}."
        else:
            return True
        problems.append(Problem(ProblemCode.NOT_FOUND, message, path))
        return False

    def check_task(self, task_id: int, path: Path, problems: list[Problem]) -> bool:
        if task_id in self.tasks:
            return True
        message = "No grading task with that id in this calendar."
        problems.append(Problem(ProblemCode.NOT_FOUND, message, path))
        return False


async def calendar_parts(calendar_id: int) -> CalendarParts:
    terms = await Term.filter(calendar_id=calendar_id).values("id", "name")
    tasks = await GradingTask.filter(calendar_id=calendar_id).values("id", "name")
    return CalendarParts(
        terms={row["id"]: row["name"] for row in terms},
        tasks={row["id"]: row["name"] for row in tasks},
    )
