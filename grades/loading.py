"""Loading a course's gradebooks (three queries, any size) and its term dates.

Rows are read with ``values()`` (no model objects) because the report asks for
the impact of a push on every section of every course of a calendar.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from grades.gradebook import Gradebook, GradedAssignment
from grades.setup import TermDates
from models import Assignment, Score, Section, Term

Row = dict[str, Any]


async def load_gradebooks(course_id: int) -> dict[int, Gradebook]:
    """Every section of the course by id; a section with no scores gets an empty one."""
    sections = await Section.filter(course_id=course_id).values("id")
    assignment_rows = (
        await Assignment.filter(section__course_id=course_id)
        .order_by("id")
        .values(
            "id", "section_id", "category_id", "points_possible", "term_id", "due_date"
        )
    )
    score_rows = await Score.filter(assignment__section__course_id=course_id).values(
        "assignment_id", "student_id", "points"
    )

    assignments: defaultdict[int, list[GradedAssignment]] = defaultdict(list)
    section_of: dict[int, int] = {}
    for row in assignment_rows:
        assignments[row["section_id"]].append(_assignment(row))
        section_of[row["id"]] = row["section_id"]

    scores: defaultdict[int, defaultdict[int, dict[int, Decimal | None]]]
    scores = defaultdict(lambda: defaultdict(dict))
    for row in score_rows:
        points = None if row["points"] is None else Decimal(row["points"])
        section_id = section_of[row["assignment_id"]]
        scores[section_id][row["student_id"]][row["assignment_id"]] = points

    return {
        row["id"]: (
            Gradebook(tuple(assignments[row["id"]]), dict(scores[row["id"]]))
            if row["id"] in scores
            else Gradebook()
        )
        for row in sections
    }


async def load_term_dates(course_id: int) -> dict[int, TermDates]:
    """The dates of every term of the course's calendar, by term id.

    A composite needs them to find the terms inside its own (Q1 and Q2 in S1).
    """
    rows = await Term.filter(calendar__courses__id=course_id).values(
        "id", "start_date", "end_date"
    )
    return {row["id"]: TermDates(row["start_date"], row["end_date"]) for row in rows}


def _assignment(row: Row) -> GradedAssignment:
    return GradedAssignment(
        id=row["id"],
        category_id=row["category_id"],
        points_possible=Decimal(row["points_possible"]),
        term_id=row["term_id"],
        due_date=row["due_date"],
    )
