"""Loading setups for planning: a constant number of queries for many courses.

Courses and their sections are read set-based, with plain SQL and no model
objects: a calendar push and the calendar report load every course, and
building ORM queries would cost more than running them. A push loads a
message's worth of courses together, so the cost per course is a share of a
few queries rather than a few queries of its own.
"""

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from models.section import CategoryOrigin
from push.rows import batches, fetch, fetch_in
from push.setup import (
    CALC_FIELDS,
    CATEGORY_FIELDS,
    CalcSpec,
    CategorySpec,
    CompositeSpec,
    CourseSetup,
    LockedValue,
    SectionCategoryState,
    SectionState,
    TermTask,
)

Row = dict[str, Any]

_CATEGORY_COLUMNS = ", ".join(f"c.{name}" for name in CATEGORY_FIELDS)
_CALC_COLUMNS = ", ".join(f"c.{name}" for name in CALC_FIELDS)


async def load_course_setup(course_id: int) -> CourseSetup:
    """The course-level setup of one course, as the planner compares it."""
    return (await load_course_setups([course_id]))[course_id]


async def load_course_setups(course_ids: Collection[int]) -> dict[int, CourseSetup]:
    """The setups of many courses at once, by course id."""
    ids = sorted(set(course_ids))
    courses = await fetch_in(
        "SELECT id, number, name, advisory FROM course WHERE id IN ({})", ids
    )
    categories = _by_course(
        await fetch_in(
            f"SELECT c.id, c.course_id, {_CATEGORY_COLUMNS} FROM course_category c"
            " WHERE c.course_id IN ({})",
            ids,
        )
    )
    calc_options = _by_course(
        await fetch_in(
            f"SELECT c.course_id, c.term_id, c.grading_task_id, {_CALC_COLUMNS}"
            " FROM course_calc_option c WHERE c.course_id IN ({})",
            ids,
        )
    )
    composites = await fetch_in(
        "SELECT id, course_id, term_id, grading_task_id FROM course_composite"
        " WHERE course_id IN ({})",
        ids,
    )

    specs = await _composite_specs("course_composite_part", composites)
    composites_by_course = _by_course(composites)
    return {
        course["id"]: CourseSetup(
            course_id=course["id"],
            label=_course_label(course),
            advisory=bool(course["advisory"]),
            categories={
                row["id"]: category_spec(row) for row in categories[course["id"]]
            },
            calc_options={
                _term_task(row): calc_spec(row) for row in calc_options[course["id"]]
            },
            composites={
                _term_task(row): specs[row["id"]]
                for row in composites_by_course[course["id"]]
            },
        )
        for course in courses
    }


async def load_section_states(
    course_id: int, section_ids: Collection[int] | None = None
) -> list[SectionState]:
    """The current setup of a course's sections (or of the given ones), by id."""
    states = await load_sections_of_courses([course_id], section_ids)
    return states[course_id]


async def load_sections_of_courses(
    course_ids: Collection[int], section_ids: Collection[int] | None = None
) -> defaultdict[int, list[SectionState]]:
    """The sections of many courses (or the given ones among them), by course.

    Each course's sections come in id order.
    """
    ids = sorted(set(course_ids))
    courses = await fetch_in(
        "SELECT id, number, name FROM course WHERE id IN ({})", ids
    )
    section_rows = await fetch_in(
        "SELECT id, course_id, number, advisory FROM section"
        " WHERE course_id IN ({}) ORDER BY id",
        ids,
    )
    if section_ids is not None:
        wanted = set(section_ids)
        section_rows = [row for row in section_rows if row["id"] in wanted]

    states: defaultdict[int, list[SectionState]] = defaultdict(list)
    labels = {course["id"]: _course_label(course) for course in courses}
    for batch in batches(section_rows):
        for row, state in zip(batch, await _section_states(batch, labels), strict=True):
            states[row["course_id"]].append(state)
    return states


async def _section_states(
    section_rows: Sequence[Row], course_labels: dict[int, str]
) -> list[SectionState]:
    """The states of the given sections, in their order."""
    ids = [row["id"] for row in section_rows]
    term_ids = _group(
        await fetch(
            "SELECT t.section_id, t.term_id AS value FROM section_term t"
            f" WHERE {_in_sections('t', ids)}",
            *ids,
        )
    )
    teacher_ids = _group(
        await fetch(
            "SELECT t.section_id, t.teacher_id AS value FROM section_teacher t"
            f" WHERE {_in_sections('t', ids)}",
            *ids,
        )
    )
    categories = await _section_categories(ids)
    calc_options = await _section_calc_options(ids)
    composites = await _section_composites(ids)

    return [
        SectionState(
            section_id=row["id"],
            label=f"{course_labels[row['course_id']]}, section {row['number']}",
            advisory=bool(row["advisory"]),
            term_ids=frozenset(term_ids[row["id"]]),
            teacher_ids=tuple(sorted(teacher_ids[row["id"]])),
            categories=tuple(categories[row["id"]]),
            calc_options=calc_options[row["id"]],
            composites=composites[row["id"]],
        )
        for row in section_rows
    ]


def category_spec(row: Row) -> CategorySpec:
    return CategorySpec(
        name=row["name"],
        weight=Decimal(row["weight"]),
        sequence=row["sequence"],
        hidden=bool(row["hidden"]),
        exclude_from_calc=bool(row["exclude_from_calc"]),
        drop_lowest=row["drop_lowest"],
        drop_highest=row["drop_highest"],
        task_ids=tuple(sorted(_json(row["task_ids"]) or ())),
    )


def calc_spec(row: Row) -> CalcSpec:
    return CalcSpec(
        calc_type=str(row["calc_type"]),
        weighted=bool(row["weighted"]),
        use_score_percent=bool(row["use_score_percent"]),
        last_n_assignments=row["last_n_assignments"],
        rounding_decimals=row["rounding_decimals"],
        rounding_mode=str(row["rounding_mode"]),
        grading_scale=row["grading_scale"],
    )


def _by_course(rows: list[Row]) -> defaultdict[int, list[Row]]:
    grouped: defaultdict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["course_id"]].append(row)
    return grouped


def _in_sections(alias: str, section_ids: list[int]) -> str:
    """A condition on the given sections by id: it always reads an index.

    Joining to the section table instead would leave the plan to statistics,
    which right after a bulk load or a first push are far from the truth.
    """
    return f"{alias}.section_id IN ({', '.join('?' for _ in section_ids)})"


def _json(value: Any) -> Any:
    """JSON columns come back as text from plain queries."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _course_label(course: Row) -> str:
    return f"{course['number']} {course['name']}"


def _term_task(row: Row) -> TermTask:
    return (row["term_id"], row["grading_task_id"])


def _group(rows: list[Row]) -> defaultdict[int, list[int]]:
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for row in rows:
        grouped[row["section_id"]].append(row["value"])
    return grouped


async def _composite_specs(
    parts_table: str, composites: list[Row]
) -> defaultdict[int, CompositeSpec]:
    """Composite specs by composite id, each with its parts sorted by task.

    The parts are read by composite id, a separate query rather than a join,
    so that the plan is an index read whatever the table's statistics say.
    """
    parts = await fetch_in(
        "SELECT composite_id, component_task_id, weight"
        f" FROM {parts_table} WHERE composite_id IN ({{}})",
        [row["id"] for row in composites],
    )

    parts_by_composite: defaultdict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for part in parts:
        parts_by_composite[part["composite_id"]].append(
            (part["component_task_id"], Decimal(part["weight"]))
        )
    specs: defaultdict[int, CompositeSpec] = defaultdict(lambda: CompositeSpec(()))
    for composite_id, pairs in parts_by_composite.items():
        specs[composite_id] = CompositeSpec(tuple(sorted(pairs)))
    return specs


async def _section_categories(
    section_ids: list[int],
) -> defaultdict[int, list[SectionCategoryState]]:
    rows = await fetch(
        f"SELECT c.id, c.section_id, c.course_category_id, c.origin, c.locked,"
        f" {_CATEGORY_COLUMNS}, COALESCE(n.assignments, 0) AS assignments"
        " FROM section_category c"
        " LEFT JOIN ("
        "  SELECT a.category_id, COUNT(*) AS assignments FROM assignment a"
        f"  WHERE {_in_sections('a', section_ids)} GROUP BY a.category_id"
        " ) n ON n.category_id = c.id"
        f" WHERE {_in_sections('c', section_ids)} ORDER BY c.id",
        *section_ids,
        *section_ids,
    )
    by_section: defaultdict[int, list[SectionCategoryState]] = defaultdict(list)
    for row in rows:
        by_section[row["section_id"]].append(
            SectionCategoryState(
                id=row["id"],
                spec=category_spec(row),
                course_category_id=row["course_category_id"],
                pushed=row["origin"] == CategoryOrigin.PUSHED,
                locked=bool(row["locked"]),
                assignment_count=int(row["assignments"]),
            )
        )
    return by_section


async def _section_calc_options(
    section_ids: list[int],
) -> defaultdict[int, dict[TermTask, LockedValue[CalcSpec]]]:
    rows = await fetch(
        f"SELECT c.id, c.section_id, c.locked, c.term_id, c.grading_task_id,"
        f" {_CALC_COLUMNS} FROM section_calc_option c"
        f" WHERE {_in_sections('c', section_ids)}",
        *section_ids,
    )
    by_section: defaultdict[int, dict[TermTask, LockedValue[CalcSpec]]] = defaultdict(
        dict
    )
    for row in rows:
        by_section[row["section_id"]][_term_task(row)] = LockedValue(
            row["id"], calc_spec(row), bool(row["locked"])
        )
    return by_section


async def _section_composites(
    section_ids: list[int],
) -> defaultdict[int, dict[TermTask, LockedValue[CompositeSpec]]]:
    rows = await fetch(
        "SELECT c.id, c.section_id, c.locked, c.term_id, c.grading_task_id"
        f" FROM section_composite c WHERE {_in_sections('c', section_ids)}",
        *section_ids,
    )
    specs = await _composite_specs("section_composite_part", rows)

    by_section: defaultdict[int, dict[TermTask, LockedValue[CompositeSpec]]] = (
        defaultdict(dict)
    )
    for row in rows:
        by_section[row["section_id"]][_term_task(row)] = LockedValue(
            row["id"], specs[row["id"]], bool(row["locked"])
        )
    return by_section
