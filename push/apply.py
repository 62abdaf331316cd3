"""Applying a section plan: the writes, in an order that never trips the
unique-name constraint half way.

Callers run ``apply_plan`` inside a transaction; it does not open one itself,
so a section is either fully pushed or, on any error, untouched.
"""

from dataclasses import asdict
from typing import Any

from models import (
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
)
from models.base import name_key
from models.section import CategoryOrigin
from push.plan import SectionPlan, TermValueChange
from push.setup import CalcSpec, CategorySpec, CompositeSpec


async def apply_plan(plan: SectionPlan) -> None:
    """Carry out every change of the plan in the caller's transaction."""
    await _park_renamed_copies(plan)
    await _delete_categories(plan)
    await _detach_kept_copies(plan)
    await _rename_teacher_categories(plan)
    await _update_copies(plan)
    await _create_copies(plan)

    await _apply_calc_options(plan)
    await _apply_composites(plan)
    if plan.advisory is not None:
        await Section.filter(id=plan.section_id).update(advisory=plan.advisory.after)


async def _park_renamed_copies(plan: SectionPlan) -> None:
    """Give copies that change name a placeholder key first.

    Course categories may swap names; without this step the first rename would
    collide with the copy that still holds its new name.
    """
    for update in plan.updates:
        if update.spec.name != update.name:
            await SectionCategory.filter(id=update.category_id).update(
                name_key=f"#{update.category_id}"
            )


async def _delete_categories(plan: SectionPlan) -> None:
    ids = [delete.category_id for delete in plan.deletes]
    if ids:
        await SectionCategory.filter(id__in=ids).delete()


async def _detach_kept_copies(plan: SectionPlan) -> None:
    ids = [kept.category_id for kept in plan.kept_in_use if kept.detach]
    if ids:
        await SectionCategory.filter(id__in=ids).update(
            origin=CategoryOrigin.TEACHER, locked=False, course_category_id=None
        )


async def _rename_teacher_categories(plan: SectionPlan) -> None:
    for rename in plan.renames:
        await SectionCategory.filter(id=rename.category_id).update(
            name=rename.new_name, name_key=name_key(rename.new_name)
        )


async def _update_copies(plan: SectionPlan) -> None:
    for update in plan.updates:
        await SectionCategory.filter(id=update.category_id).update(
            **_category_values(update.spec),
            origin=CategoryOrigin.PUSHED,
            locked=True,
        )


async def _create_copies(plan: SectionPlan) -> None:
    copies = [
        SectionCategory(
            section_id=plan.section_id,
            course_category_id=create.course_category_id,
            origin=CategoryOrigin.PUSHED,
            locked=True,
            **_category_values(create.spec),
        )
        for create in plan.creates
    ]
    if copies:
        await SectionCategory.bulk_create(copies)


def _category_values(spec: CategorySpec) -> dict[str, object]:
    values = asdict(spec)
    values["task_ids"] = list(spec.task_ids)
    values["name_key"] = name_key(spec.name)
    return values


async def _apply_calc_options(plan: SectionPlan) -> None:
    for change in plan.calc_options:
        if change.after is None:
            await SectionCalcOption.filter(id=change.section_value_id).delete()
        elif change.section_value_id is None:
            await SectionCalcOption.create(**_calc_values(plan, change, change.after))
        else:
            await SectionCalcOption.filter(id=change.section_value_id).update(
                **asdict(change.after), locked=True
            )


def _calc_values(
    plan: SectionPlan, change: TermValueChange[CalcSpec], spec: CalcSpec
) -> dict[str, Any]:
    term_id, task_id = change.key
    return {
        "section_id": plan.section_id,
        "term_id": term_id,
        "grading_task_id": task_id,
        "locked": True,
        **asdict(spec),
    }


async def _apply_composites(plan: SectionPlan) -> None:
    for change in plan.composites:
        if change.section_value_id is not None:
            await SectionComposite.filter(id=change.section_value_id).delete()
        if change.after is not None:
            await _create_composite(plan.section_id, change, change.after)


async def _create_composite(
    section_id: int, change: TermValueChange[CompositeSpec], spec: CompositeSpec
) -> None:
    term_id, task_id = change.key
    composite = await SectionComposite.create(
        section_id=section_id, term_id=term_id, grading_task_id=task_id, locked=True
    )
    await SectionCompositePart.bulk_create(
        [
            SectionCompositePart(
                composite_id=composite.id, component_task_id=task, weight=weight
            )
            for task, weight in spec.parts
        ]
    )
