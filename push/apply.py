"""Applying section plans: set-based writes, in an order that never trips the
unique-name constraint half way.

Every step covers all the given sections at once, so a course of any size
costs a constant number of statements (renames aside: each is its own name).
Callers run ``apply_plans`` inside a transaction; it does not open one
itself, so the sections are either fully pushed or, on any error, untouched.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import asdict
from functools import lru_cache
from typing import Any, TypeVar

from models import (
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
)
from models.base import name_key
from models.section import CategoryOrigin
from push.plan import SectionPlan
from push.rows import insert_rows
from push.setup import CalcSpec, CategorySpec, TermTask

K = TypeVar("K", bound=Hashable)


async def apply_plans(plans: Sequence[SectionPlan]) -> None:
    """Carry out every change of the plans in the caller's transaction."""
    await _park_renamed_copies(plans)
    await _delete_categories(plans)
    await _detach_kept_copies(plans)
    await _rename_teacher_categories(plans)
    await _update_copies(plans)
    await _create_copies(plans)

    await _apply_calc_options(plans)
    await _apply_composites(plans)
    await _apply_advisory(plans)


def _grouped(pairs: Iterable[tuple[K, int]]) -> dict[K, list[int]]:
    """Ids grouped by the value they get, so that each value is one statement."""
    groups: defaultdict[K, list[int]] = defaultdict(list)
    for value, row_id in pairs:
        groups[value].append(row_id)
    return groups


async def _park_renamed_copies(plans: Sequence[SectionPlan]) -> None:
    """Give copies that change name a placeholder key first.

    Course categories may swap names; without this step the first rename would
    collide with the copy that still holds its new name.
    """
    for plan in plans:
        for update in plan.updates:
            if update.spec.name != update.name:
                await SectionCategory.filter(id=update.category_id).update(
                    name_key=f"#{update.category_id}"
                )


async def _delete_categories(plans: Sequence[SectionPlan]) -> None:
    ids = [delete.category_id for plan in plans for delete in plan.deletes]
    if ids:
        await SectionCategory.filter(id__in=ids).delete()


async def _detach_kept_copies(plans: Sequence[SectionPlan]) -> None:
    ids = [k.category_id for plan in plans for k in plan.kept_in_use if k.detach]
    if ids:
        await SectionCategory.filter(id__in=ids).update(
            origin=CategoryOrigin.TEACHER, locked=False, course_category_id=None
        )


async def _rename_teacher_categories(plans: Sequence[SectionPlan]) -> None:
    for plan in plans:
        for rename in plan.renames:
            await SectionCategory.filter(id=rename.category_id).update(
                name=rename.new_name, name_key=name_key(rename.new_name)
            )


async def _update_copies(plans: Sequence[SectionPlan]) -> None:
    """Copies of one course category get the same values: one update for all."""
    updates = _grouped(
        (update.spec, update.category_id) for plan in plans for update in plan.updates
    )
    for spec, ids in updates.items():
        await SectionCategory.filter(id__in=ids).update(
            **_category_values(spec), origin=CategoryOrigin.PUSHED, locked=True
        )


async def _create_copies(plans: Sequence[SectionPlan]) -> None:
    rows = [
        {
            "section_id": plan.section_id,
            "course_category_id": create.course_category_id,
            "origin": CategoryOrigin.PUSHED,
            "locked": True,
            **_category_values(create.spec),
        }
        for plan in plans
        for create in plan.creates
    ]
    await insert_rows(SectionCategory, rows)


# Every section of a course gets the same few specs: convert each once.
@lru_cache(maxsize=1024)
def _category_values(spec: CategorySpec) -> dict[str, object]:
    values = asdict(spec)
    values["task_ids"] = list(spec.task_ids)
    values["name_key"] = name_key(spec.name)
    return values


@lru_cache(maxsize=1024)
def _calc_values(spec: CalcSpec) -> dict[str, object]:
    return asdict(spec)


async def _apply_calc_options(plans: Sequence[SectionPlan]) -> None:
    changes = [(plan, change) for plan in plans for change in plan.calc_options]
    removed = [c.section_value_id for _, c in changes if c.after is None]
    if removed:
        await SectionCalcOption.filter(id__in=removed).delete()

    replaced = _grouped(
        (change.after, change.section_value_id)
        for _, change in changes
        if change.after is not None and change.section_value_id is not None
    )
    for spec, ids in replaced.items():
        await SectionCalcOption.filter(id__in=ids).update(
            **_calc_values(spec), locked=True
        )

    await insert_rows(
        SectionCalcOption,
        [
            {
                **_term_task_values(plan.section_id, change.key),
                "locked": True,
                **_calc_values(change.after),
            }
            for plan, change in changes
            if change.after is not None and change.section_value_id is None
        ],
    )


def _term_task_values(section_id: int, key: TermTask) -> dict[str, Any]:
    term_id, task_id = key
    return {"section_id": section_id, "term_id": term_id, "grading_task_id": task_id}


async def _apply_composites(plans: Sequence[SectionPlan]) -> None:
    """Composites are replaced whole: the old one goes, the new one comes in."""
    changes = [(plan, change) for plan in plans for change in plan.composites]
    replaced = [c.section_value_id for _, c in changes if c.section_value_id]
    if replaced:
        await SectionComposite.filter(id__in=replaced).delete()

    created = [(plan, change) for plan, change in changes if change.after is not None]
    await insert_rows(
        SectionComposite,
        [
            {**_term_task_values(plan.section_id, change.key), "locked": True}
            for plan, change in created
        ],
    )
    ids = await _composite_ids({plan.section_id for plan, _ in created})
    await insert_rows(
        SectionCompositePart,
        [
            {
                "composite_id": ids[(plan.section_id, *change.key)],
                "component_task_id": task_id,
                "weight": weight,
            }
            for plan, change in created
            if change.after is not None
            for task_id, weight in change.after.parts
        ],
    )


async def _composite_ids(section_ids: set[int]) -> dict[tuple[int, int, int], int]:
    """Composite ids by (section, term, task): the key the new rows are found by."""
    if not section_ids:
        return {}
    rows = await SectionComposite.filter(section_id__in=section_ids).values(
        "id", "section_id", "term_id", "grading_task_id"
    )
    return {
        (row["section_id"], row["term_id"], row["grading_task_id"]): row["id"]
        for row in rows
    }


async def _apply_advisory(plans: Sequence[SectionPlan]) -> None:
    flags = _grouped(
        (plan.advisory.after, plan.section_id)
        for plan in plans
        if plan.advisory is not None
    )
    for advisory, ids in flags.items():
        await Section.filter(id__in=ids).update(advisory=advisory)
