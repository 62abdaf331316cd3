"""Teacher-made categories of a section: created, changed and deleted by the
section's teachers (and its administrators).

Pushed copies of course categories are locked: the course manages them, so
an edit or delete of one is refused. A category that holds assignments is
never deleted, since deleting it would take the assignments with it.
"""

import logging

from tortoise.transactions import in_transaction

from models import Assignment, Section, SectionCalcOption, SectionCategory, User
from models.section import CategoryOrigin
from models.setup import CalcType
from setup_editing.access import section_to_edit
from setup_editing.categories import (
    CategoryInput,
    Owner,
    check_delete,
    checked_category_values,
    create_category,
    update_category,
)
from setup_editing.problems import (
    Problem,
    ProblemCode,
    not_found,
    raise_if_any,
    refusal,
)

logger = logging.getLogger(__name__)


async def create_section_category(
    user: User, section_id: int, changes: CategoryInput
) -> SectionCategory:
    """Add a teacher-made category to the section."""
    async with in_transaction():
        section = await section_to_edit(user, section_id, "section_id")
        owner = await section_owner(section)

        values = await checked_category_values(owner, None, changes)

        category = await create_category(
            SectionCategory,
            owner,
            values,
            section=section,
            origin=CategoryOrigin.TEACHER,
        )
    logger.info(
        "section %s: category %s created by %s", section.id, category.id, user.username
    )
    return category


async def update_section_category(
    user: User, category_id: int, changes: CategoryInput
) -> SectionCategory:
    """Change the given fields of a teacher-made category."""
    async with in_transaction():
        section = await _section_of_category(user, category_id)
        owner = await section_owner(section)
        category = owner.category(category_id)
        _refuse_locked(category, owner)

        values = await checked_category_values(owner, category, changes)

        changed = await update_category(category, owner, values)
    logger.info(
        "section %s: category %s updated by %s (%s)",
        section.id,
        category_id,
        user.username,
        ", ".join(changed) or "no change",
    )
    return category


async def delete_section_category(user: User, category_id: int) -> Section:
    """Delete a teacher-made category that holds no assignments."""
    async with in_transaction():
        section = await _section_of_category(user, category_id)
        owner = await section_owner(section)
        category = owner.category(category_id)
        _refuse_locked(category, owner)
        await _refuse_in_use(category)

        problems: list[Problem] = []
        check_delete(owner, category, problems)
        raise_if_any(problems)

        await category.delete()
    logger.info(
        "section %s: category %s deleted by %s", section.id, category_id, user.username
    )
    return section


async def section_owner(section: Section) -> Owner[SectionCategory]:
    """The section as the owner of its categories, with them loaded."""
    await section.fetch_related("course")
    weighted = await SectionCalcOption.exists(
        section_id=section.pk, weighted=True, calc_type=CalcType.IN_PROGRESS
    )
    categories = await SectionCategory.filter(section_id=section.pk).order_by("id")
    return Owner(
        label=f"Section {section.number} of course {section.course.number}",
        calendar_id=section.course.calendar_id,  # type: ignore[attr-defined]
        weighted=weighted,
        categories=categories,
    )


async def _section_of_category(user: User, category_id: int) -> Section:
    found = await SectionCategory.get_or_none(id=category_id).values("section_id")
    if found is None:
        raise not_found("section category", "id")
    return await section_to_edit(
        user, found["section_id"], "id", kind="section category"
    )


def _refuse_locked(category: SectionCategory, owner: Owner[SectionCategory]) -> None:
    if category.locked:
        raise refusal(
            ProblemCode.MANAGED_BY_COURSE,
            f"Category {category.name!r} of {owner.label} is managed by the course:"
            " it is pushed from the course setup, so only an administrator can"
            " change it there.",
            "id",
        )


async def _refuse_in_use(category: SectionCategory) -> None:
    assignments = await Assignment.filter(category_id=category.pk).count()
    if assignments:
        raise refusal(
            ProblemCode.CATEGORY_IN_USE,
            f"Category {category.name!r} holds {assignments} assignment(s); move or"
            " delete them before deleting the category.",
            "id",
        )
