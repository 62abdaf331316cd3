"""Creating, changing and deleting a course's categories.

A push carries these to the sections later: renaming a course category
renames its copies there, and deleting one lets the push remove the copies
that hold no assignments.
"""

import logging

from tortoise.transactions import in_transaction

from models import Course, CourseCalcOption, CourseCategory, User
from models.setup import CalcType
from setup_editing.access import course_to_manage
from setup_editing.categories import (
    CategoryInput,
    Owner,
    check_delete,
    checked_category_values,
    create_category,
    update_category,
)
from setup_editing.change_log import record_change
from setup_editing.problems import Problem, not_found, raise_if_any

logger = logging.getLogger(__name__)


async def create_course_category(
    user: User, course_id: int, changes: CategoryInput
) -> CourseCategory:
    """Add a category to the course and log the change."""
    async with in_transaction():
        course = await course_to_manage(user, course_id, "course_id")
        owner = await course_owner(course)

        values = await checked_category_values(owner, None, changes)

        category = await create_category(CourseCategory, owner, values, course=course)
        await record_change(
            course, user, f"created category {category.name} (weight {category.weight})"
        )
    logger.info(
        "course %s: category %s created by %s", course.id, category.id, user.username
    )
    return category


async def update_course_category(
    user: User, category_id: int, changes: CategoryInput
) -> CourseCategory:
    """Change the given fields of a course category and log what changed."""
    async with in_transaction():
        course = await _course_of_category(user, category_id)
        owner = await course_owner(course)
        category = owner.category(category_id)

        values = await checked_category_values(owner, category, changes)

        changed = await update_category(category, owner, values)
        if changed:
            summary = f"changed category {category.name}: {', '.join(changed)}"
            await record_change(course, user, summary)
    logger.info(
        "course %s: category %s updated by %s (%s)",
        course.id,
        category_id,
        user.username,
        ", ".join(changed) or "no change",
    )
    return category


async def delete_course_category(user: User, category_id: int) -> Course:
    """Delete a course category; its section copies wait for the next push."""
    async with in_transaction():
        course = await _course_of_category(user, category_id)
        owner = await course_owner(course)
        category = owner.category(category_id)

        problems: list[Problem] = []
        check_delete(owner, category, problems)
        raise_if_any(problems)

        await category.delete()
        await record_change(course, user, f"deleted category {category.name}")
    logger.info(
        "course %s: category %s deleted by %s", course.id, category_id, user.username
    )
    return course


async def course_owner(course: Course) -> Owner[CourseCategory]:
    """The course as the owner of its categories, with them loaded."""
    weighted = await CourseCalcOption.exists(
        course_id=course.pk, weighted=True, calc_type=CalcType.IN_PROGRESS
    )
    categories = await CourseCategory.filter(course_id=course.pk).order_by("id")
    return Owner(
        label=f"Course {course.number}",
        calendar_id=course.calendar_id,  # type: ignore[attr-defined]
        weighted=weighted,
        categories=categories,
    )


async def _course_of_category(user: User, category_id: int) -> Course:
    found = await CourseCategory.get_or_none(id=category_id).values("course_id")
    if found is None:
        raise not_found("course category", "id")
    return await course_to_manage(
        user, found["course_id"], "id", kind="course category"
    )
