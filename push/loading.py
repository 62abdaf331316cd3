"""Loading setups for planning: a constant number of queries per course.

A course and all of its sections are read set-based (``values()`` rows, no
model objects), because a calendar push plans thousands of sections.
"""

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from tortoise.functions import Count

from models import (
    Assignment,
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    SectionTeacher,
    SectionTerm,
)
from models.section import CategoryOrigin
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


async def load_course_setup(course_id: int) -> CourseSetup:
    """The course-level setup of one course, as the planner compares it."""
    course = await Course.get(id=course_id).values("id", "number", "name", "advisory")
    categories = await CourseCategory.filter(course_id=course_id).values(
        "id", *CATEGORY_FIELDS
    )
    calc_options = await CourseCalcOption.filter(course_id=course_id).values(
        "term_id", "grading_task_id", *CALC_FIELDS
    )
    composites = await CourseComposite.filter(course_id=course_id).values(
        "id", "term_id", "grading_task_id"
    )
    parts = await CourseCompositePart.filter(composite__course_id=course_id).values(
        "composite_id", "component_task_id", "weight"
    )

    specs = _composite_specs(parts)
    return CourseSetup(
        course_id=course_id,
        label=f"{course['number']} {course['name']}",
        advisory=course["advisory"],
        categories={row["id"]: category_spec(row) for row in categories},
        calc_options={_term_task(row): calc_spec(row) for row in calc_options},
        composites={_term_task(row): specs[row["id"]] for row in composites},
    )


async def load_section_states(
    course_id: int, section_ids: Collection[int] | None = None
) -> list[SectionState]:
    """The current setup of a course's sections (or of the given ones), by id."""
    sections = Section.filter(course_id=course_id)
    if section_ids is not None:
        sections = sections.filter(id__in=list(section_ids))
    section_rows = await sections.order_by("id").values("id", "number", "advisory")
    in_course = {"section__course_id": course_id}

    term_ids = _group(await SectionTerm.filter(**in_course).values(), "term_id")
    teacher_ids = _group(
        await SectionTeacher.filter(**in_course).values(), "teacher_id"
    )
    categories = await _section_categories(course_id)
    calc_options = await _section_calc_options(course_id)
    composites = await _section_composites(course_id)
    course = await Course.get(id=course_id).values("number", "name")

    return [
        SectionState(
            section_id=row["id"],
            label=f"{course['number']} {course['name']}, section {row['number']}",
            advisory=row["advisory"],
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
        task_ids=tuple(sorted(row["task_ids"] or ())),
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


def _term_task(row: Row) -> TermTask:
    return (row["term_id"], row["grading_task_id"])


def _group(rows: list[Row], value: str) -> defaultdict[int, list[int]]:
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for row in rows:
        grouped[row["section_id"]].append(row[value])
    return grouped


def _composite_specs(parts: list[Row]) -> defaultdict[int, CompositeSpec]:
    """Composite specs by composite id, each with its parts sorted by task."""
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
    course_id: int,
) -> defaultdict[int, list[SectionCategoryState]]:
    rows = await SectionCategory.filter(section__course_id=course_id).values(
        "id", "section_id", "course_category_id", "origin", "locked", *CATEGORY_FIELDS
    )
    counts = await (
        Assignment.filter(section__course_id=course_id)
        .annotate(count=Count("id"))
        .group_by("category_id")
        .values("category_id", "count")
    )
    assignments = {row["category_id"]: row["count"] for row in counts}

    by_section: defaultdict[int, list[SectionCategoryState]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["id"]):
        by_section[row["section_id"]].append(
            SectionCategoryState(
                id=row["id"],
                spec=category_spec(row),
                course_category_id=row["course_category_id"],
                pushed=str(row["origin"]) == CategoryOrigin.PUSHED,
                locked=bool(row["locked"]),
                assignment_count=assignments.get(row["id"], 0),
            )
        )
    return by_section


async def _section_calc_options(
    course_id: int,
) -> defaultdict[int, dict[TermTask, LockedValue[CalcSpec]]]:
    rows = await SectionCalcOption.filter(section__course_id=course_id).values(
        "id", "section_id", "locked", "term_id", "grading_task_id", *CALC_FIELDS
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
    course_id: int,
) -> defaultdict[int, dict[TermTask, LockedValue[CompositeSpec]]]:
    rows = await SectionComposite.filter(section__course_id=course_id).values(
        "id", "section_id", "locked", "term_id", "grading_task_id"
    )
    parts = await SectionCompositePart.filter(
        composite__section__course_id=course_id
    ).values("composite_id", "component_task_id", "weight")
    specs = _composite_specs(parts)

    by_section: defaultdict[int, dict[TermTask, LockedValue[CompositeSpec]]] = (
        defaultdict(dict)
    )
    for row in rows:
        by_section[row["section_id"]][_term_task(row)] = LockedValue(
            row["id"], specs[row["id"]], bool(row["locked"])
        )
    return by_section
