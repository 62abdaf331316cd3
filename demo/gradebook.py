"""Rosters, and assignments with scores in teacher-made categories.

Work in a teacher's category is what a push must never lose: it makes the
category kept-in-use instead of deleted when categories are overwritten.
"""

import random
from decimal import Decimal

from demo.bulk import insert_all, insert_values
from demo.course_setup import CENT
from demo.names import ASSIGNMENT_WORDS
from demo.sections import DemoSection
from models import Assignment, Enrollment, Score, SectionCategory

POINTS_POSSIBLE = (10, 20, 25, 50, 100)
UNSCORED_SHARE = 0.05

Roster = dict[int, list[int]]


async def enroll_students(
    rng: random.Random, sections: list[DemoSection], students: list[int], size: int
) -> Roster:
    """Put ``size`` of the school's students on each section; section id -> ids."""
    size = min(size, len(students))
    roster = {s.section_id: sorted(rng.sample(students, size)) for s in sections}
    rows = [
        (section_id, student_id)
        for section_id, student_ids in roster.items()
        for student_id in student_ids
    ]
    await insert_values(Enrollment, ("section_id", "student_id"), rows)
    return roster


async def create_assignments(
    rng: random.Random, sections: list[DemoSection], share: float, roster: Roster
) -> tuple[int, int]:
    """Assignments in teacher categories of about ``share`` of the sections, scored.

    Returns how many assignments and scores were written.
    """
    chosen = [s for s in sections if rng.random() < share]
    category_ids = await _teacher_category_ids(chosen)
    rows_of = {
        s.section_id: _assignments(rng, s, category_ids[s.section_id]) for s in chosen
    }
    rows = [row for section_rows in rows_of.values() for row in section_rows]
    await insert_all(Assignment, rows)

    ids = await _assignment_ids(chosen)
    scores = [
        _score(rng, ids[row.source_id], student_id, row.points_possible)
        for section in chosen
        for row in rows_of[section.section_id]
        for student_id in roster[section.section_id]
    ]
    columns = ("assignment_id", "student_id", "points")
    return len(rows), await insert_values(Score, columns, scores)


def _assignments(
    rng: random.Random, section: DemoSection, category_ids: list[int]
) -> list[Assignment]:
    term_id = section.course.calendar.term_ids[section.term_names[0]]
    return [
        Assignment(
            source_id=f"{section.source_id}-assignment-{k + 1}",
            section_id=section.section_id,
            category_id=rng.choice(category_ids),
            term_id=term_id,
            name=f"{rng.choice(ASSIGNMENT_WORDS)} {k + 1}",
            points_possible=Decimal(rng.choice(POINTS_POSSIBLE)).quantize(CENT),
        )
        for k in range(rng.randint(3, 5))
    ]


def _score(
    rng: random.Random, assignment_id: int, student_id: int, possible: Decimal
) -> tuple[int, int, Decimal | None]:
    points = None
    if rng.random() >= UNSCORED_SHARE:
        cents = rng.randint(int(possible * 50), int(possible * 100))
        points = (Decimal(cents) / 100).quantize(CENT)
    return assignment_id, student_id, points


async def _teacher_category_ids(sections: list[DemoSection]) -> dict[int, list[int]]:
    section_ids = {s.section_id for s in sections}
    calendar_ids = {s.course.calendar.calendar_id for s in sections}
    pairs = (
        await SectionCategory.filter(section__course__calendar_id__in=calendar_ids)
        .order_by("id")
        .values_list("section_id", "id")
    )
    ids: dict[int, list[int]] = {}
    for section_id, category_id in pairs:
        if section_id in section_ids:
            ids.setdefault(int(section_id), []).append(int(category_id))
    return ids


async def _assignment_ids(sections: list[DemoSection]) -> dict[str, int]:
    calendar_ids = {s.course.calendar.calendar_id for s in sections}
    pairs = await Assignment.filter(
        section__course__calendar_id__in=calendar_ids
    ).values_list("source_id", "id")
    return {str(source_id): int(pk) for source_id, pk in pairs}
