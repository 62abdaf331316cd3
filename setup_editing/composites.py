"""Setting composite grades: per term, a composite task and its weighted parts.

Each listed composite replaces the one of its term and task; an empty list of
components removes it; composites not listed stay as they are. A section's
own composites can be set only where no pushed (locked) composite exists.
"""

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import (
    Course,
    CourseComposite,
    CourseCompositePart,
    Section,
    SectionComposite,
    SectionCompositePart,
    SectionTerm,
    User,
)
from models.setup import CompositePartFields
from setup_editing.access import course_to_manage, section_to_edit
from setup_editing.calendar_parts import CalendarParts, calendar_parts
from setup_editing.change_log import record_change
from setup_editing.problems import Problem, ProblemCode, raise_if_any
from setup_editing.values import checked_weight

logger = logging.getLogger(__name__)

TermTask = tuple[int, int]
# Component task ids and weights, sorted by task id: compared as one value.
Components = tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class ComponentInput:
    grading_task_id: int
    weight: str


@dataclass(frozen=True)
class CompositeInput:
    """The composite grade of one term and task; no components removes it."""

    term_id: int
    grading_task_id: int
    components: Sequence[ComponentInput]


@dataclass(frozen=True)
class _Level:
    """The tables and owner column of one level's composites."""

    composite: type[Model]
    part: type[CompositePartFields]
    owner: dict[str, Any]


async def set_course_composites(
    user: User, course_id: int, composites: Sequence[CompositeInput]
) -> Course:
    """Replace the listed composites of the course and log what changed."""
    async with in_transaction():
        course = await course_to_manage(user, course_id, "course_id")
        parts = await calendar_parts(course.calendar_id)  # type: ignore[attr-defined]

        problems: list[Problem] = []
        wanted = _wanted_composites(composites, parts, problems, meets_in=None)
        raise_if_any(problems)

        level = _Level(CourseComposite, CourseCompositePart, {"course_id": course.pk})
        changes = await _write(level, wanted, parts, locked=None)
        if changes:
            await record_change(course, user, "; ".join(changes))
    logger.info(
        "course %s: composites set by %s (%s)",
        course.id,
        user.username,
        "; ".join(changes) or "no change",
    )
    return course


async def set_section_composites(
    user: User, section_id: int, composites: Sequence[CompositeInput]
) -> Section:
    """Replace the section's own listed composites; pushed ones are refused."""
    async with in_transaction():
        section = await section_to_edit(user, section_id, "section_id")
        await section.fetch_related("course")
        parts = await calendar_parts(section.course.calendar_id)  # type: ignore[attr-defined]
        meets_in = await SectionTerm.filter(section_id=section.pk).values_list(
            "term_id", flat=True
        )

        problems: list[Problem] = []
        wanted = _wanted_composites(composites, parts, problems, meets_in=set(meets_in))
        await _check_unlocked(section, composites, parts, problems)
        raise_if_any(problems)

        level = _Level(
            SectionComposite, SectionCompositePart, {"section_id": section.pk}
        )
        changes = await _write(level, wanted, parts, locked=False)
    logger.info(
        "section %s: composites set by %s (%s)",
        section.id,
        user.username,
        "; ".join(changes) or "no change",
    )
    return section


def _wanted_composites(
    composites: Sequence[CompositeInput],
    parts: CalendarParts,
    problems: list[Problem],
    meets_in: Collection[Any] | None,
) -> dict[TermTask, Components]:
    wanted: dict[TermTask, Components] = {}
    for index, composite in enumerate(composites):
        path = ("composites", index)
        term_known = parts.check_term(
            composite.term_id, (*path, "term_id"), problems, meets_in
        )
        task_known = parts.check_task(
            composite.grading_task_id, (*path, "grading_task_id"), problems
        )
        key = (composite.term_id, composite.grading_task_id)
        if term_known and task_known and key in wanted:
            message = (
                f"The composite of {_label(parts, key)} is listed twice; list each"
                " term and task once."
            )
            problems.append(Problem(ProblemCode.INVALID_COMPOSITE, message, path))
        wanted[key] = _checked_components(composite, parts, problems, path)
    return wanted


def _checked_components(
    composite: CompositeInput,
    parts: CalendarParts,
    problems: list[Problem],
    path: tuple[str | int, ...],
) -> Components:
    seen: dict[int, Decimal] = {}
    for index, component in enumerate(composite.components):
        where = (*path, "components", index)
        task_id = component.grading_task_id
        weight = checked_weight(
            component.weight, (*where, "weight"), problems, positive=True
        )
        if not parts.check_task(task_id, (*where, "grading_task_id"), problems):
            continue
        fault = _component_fault(task_id, composite.grading_task_id, seen)
        if fault is not None:
            message = f"Grading task {parts.tasks[task_id]} {fault}."
            problems.append(
                Problem(
                    ProblemCode.INVALID_COMPOSITE, message, (*where, "grading_task_id")
                )
            )
        seen[task_id] = weight or Decimal(0)
    return tuple(sorted(seen.items()))


def _component_fault(
    task_id: int, composite_task_id: int, seen: Collection[int]
) -> str | None:
    if task_id == composite_task_id:
        return "cannot be a component of itself"
    if task_id in seen:
        return "is listed twice"
    return None


async def _check_unlocked(
    section: Section,
    composites: Sequence[CompositeInput],
    parts: CalendarParts,
    problems: list[Problem],
) -> None:
    locked = await SectionComposite.filter(section_id=section.pk, locked=True).values(
        "term_id", "grading_task_id"
    )
    locked_keys = {(row["term_id"], row["grading_task_id"]) for row in locked}
    for index, composite in enumerate(composites):
        key = (composite.term_id, composite.grading_task_id)
        if key in locked_keys:
            message = (
                f"The composite of {_label(parts, key)} is managed by the course: it"
                " is pushed from the course setup."
            )
            problems.append(
                Problem(ProblemCode.MANAGED_BY_COURSE, message, ("composites", index))
            )


async def _write(
    level: _Level,
    wanted: dict[TermTask, Components],
    parts: CalendarParts,
    locked: bool | None,
) -> list[str]:
    """Replace each composite that differs; what changed, in words."""
    current = await _current(level)
    changes = []
    for key, components in wanted.items():
        if current.get(key, ()) == components:
            continue
        term_id, task_id = key
        await level.composite.filter(
            **level.owner, term_id=term_id, grading_task_id=task_id
        ).delete()
        if components:
            await _create(level, key, components, locked)
        changes.append(_describe(parts, key, components))
    return changes


async def _current(level: _Level) -> dict[TermTask, Components]:
    composites = await level.composite.filter(**level.owner).values(
        "id", "term_id", "grading_task_id"
    )
    rows = await level.part.filter(
        composite_id__in=[row["id"] for row in composites]
    ).values("composite_id", "component_task_id", "weight")
    by_composite: dict[int, list[tuple[int, Decimal]]] = {}
    for row in rows:
        by_composite.setdefault(row["composite_id"], []).append(
            (row["component_task_id"], row["weight"])
        )
    return {
        (row["term_id"], row["grading_task_id"]): tuple(
            sorted(by_composite.get(row["id"], []))
        )
        for row in composites
    }


async def _create(
    level: _Level, key: TermTask, components: Components, locked: bool | None
) -> None:
    term_id, task_id = key
    extra: dict[str, Any] = {} if locked is None else {"locked": locked}
    composite = await level.composite.create(
        **level.owner, term_id=term_id, grading_task_id=task_id, **extra
    )
    await level.part.bulk_create(
        [
            level.part(composite_id=composite.pk, component_task_id=task, weight=weight)
            for task, weight in components
        ]
    )


def _describe(parts: CalendarParts, key: TermTask, components: Components) -> str:
    if not components:
        return f"removed composite {_label(parts, key)}"
    listed = ", ".join(f"{parts.tasks[task]} {weight}" for task, weight in components)
    return f"composite {_label(parts, key)}: {listed}"


def _label(parts: CalendarParts, key: TermTask) -> str:
    term_id, task_id = key
    return f"{parts.terms[term_id]} {parts.tasks[task_id]}"
