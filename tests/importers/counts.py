"""Row counts of every table an import writes, to compare before and after."""

from tortoise.models import Model

from models import (
    Assignment,
    Calendar,
    Course,
    Enrollment,
    GradingTask,
    School,
    Score,
    Section,
    SectionCategory,
    SectionTeacher,
    SectionTerm,
    Student,
    Term,
    User,
)

IMPORTED: tuple[type[Model], ...] = (
    School,
    Calendar,
    Term,
    GradingTask,
    Course,
    Section,
    SectionTerm,
    User,
    SectionTeacher,
    Student,
    Enrollment,
    SectionCategory,
    Assignment,
    Score,
)


async def row_counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in IMPORTED}


def nothing_changed(created: dict[str, int], updated: dict[str, int]) -> bool:
    return not any(created.values()) and not any(updated.values())
