"""Who may edit what: course setup for its administrators, section categories
for the section's teachers and administrators.

A course or section the caller may not see answers exactly like a missing
one. A teacher who can see a course but not manage it is told so.
"""

from auth.rights import can_edit_section_categories, can_manage_course, can_read_course
from models import Course, Section, User
from setup_editing.problems import ProblemCode, not_found, refusal


async def course_to_manage(
    user: User, course_id: int, *path: str | int, kind: str = "course"
) -> Course:
    """The course, locked for this transaction, if the user manages it.

    ``kind`` names what the caller's id pointed at, for the not-found answer.
    """
    if not await can_read_course(user, course_id):
        raise not_found(kind, *path)
    if not await can_manage_course(user, course_id):
        raise refusal(
            ProblemCode.FORBIDDEN,
            "Only administrators of the course's calendar may change its setup.",
            *path,
        )
    return await Course.select_for_update().get(id=course_id)


async def section_to_edit(
    user: User, section_id: int, *path: str | int, kind: str = "section"
) -> Section:
    """The section, locked for this transaction, if the user may edit it."""
    if not await can_edit_section_categories(user, section_id):
        raise not_found(kind, *path)
    return await Section.select_for_update().get(id=section_id)
