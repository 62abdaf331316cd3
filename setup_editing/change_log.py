"""The change log of a course's setup: who changed what, and when.

The Course Awaiting Push Report shows the latest entry of each course.
"""

from decimal import Decimal
from enum import StrEnum

from models import Course, CourseSetupChange, User

SOURCE = "api"
SUMMARY_MAX_LENGTH = 500


async def record_change(course: Course, user: User, summary: str) -> None:
    """Log one edit in the caller's transaction, so it stands or falls with it."""
    await CourseSetupChange.create(
        course=course,
        changed_by=user,
        source=SOURCE,
        summary=summary[:SUMMARY_MAX_LENGTH],
    )


def describe(field: str, before: object, after: object) -> str:
    """One changed field as an operator reads it: ``weight 20.00 -> 25.00``."""
    return f"{field.replace('_', ' ')} {_text(before)} -> {_text(after)}"


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, StrEnum):
        return value.value
    return str(value)
