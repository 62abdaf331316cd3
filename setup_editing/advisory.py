"""Setting a course's advisory flag; a push sets it on every section."""

import logging

from tortoise.transactions import in_transaction

from models import Course, User
from setup_editing.access import course_to_manage
from setup_editing.change_log import describe, record_change

logger = logging.getLogger(__name__)


async def set_course_advisory(user: User, course_id: int, advisory: bool) -> Course:
    """Set the flag and log the change; setting it to its value changes nothing."""
    async with in_transaction():
        course = await course_to_manage(user, course_id, "course_id")
        before = course.advisory
        if before != advisory:
            course.advisory = advisory
            await course.save(update_fields=["advisory"])
            await record_change(course, user, describe("advisory", before, advisory))
    logger.info(
        "course %s: advisory %s -> %s by %s",
        course.id,
        before,
        advisory,
        user.username,
    )
    return course
