"""What each role may see and change, as querysets the API filters through.

A district administrator sees everything; a school administrator the calendars
of their schools (and everything inside them); a teacher their own sections and,
read-only, the courses, calendars and schools those sections belong to. An
object outside these sets must answer exactly like a missing one.
"""

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from models import (
    Calendar,
    Course,
    Role,
    School,
    SchoolAdmin,
    Section,
    SectionTeacher,
    User,
)


def _administered_school_ids(user: User) -> Subquery:
    return Subquery(SchoolAdmin.filter(user_id=user.pk).values("school_id"))


def _taught_section_ids(user: User) -> Subquery:
    return Subquery(SectionTeacher.filter(teacher_id=user.pk).values("section_id"))


def _taught_course_ids(user: User) -> Subquery:
    taught = Section.filter(id__in=_taught_section_ids(user))
    return Subquery(taught.values("course_id"))


def _taught_calendar_ids(user: User) -> Subquery:
    taught = Course.filter(id__in=_taught_course_ids(user))
    return Subquery(taught.values("calendar_id"))


def visible_schools(user: User) -> QuerySet[School]:
    if user.role == Role.DISTRICT_ADMIN:
        return School.all()
    if user.role == Role.SCHOOL_ADMIN:
        return School.filter(id__in=_administered_school_ids(user))
    taught = Calendar.filter(id__in=_taught_calendar_ids(user))
    return School.filter(id__in=Subquery(taught.values("school_id")))


def visible_calendars(user: User) -> QuerySet[Calendar]:
    if user.role == Role.DISTRICT_ADMIN:
        return Calendar.all()
    if user.role == Role.SCHOOL_ADMIN:
        return Calendar.filter(school_id__in=_administered_school_ids(user))
    return Calendar.filter(id__in=_taught_calendar_ids(user))


def visible_courses(user: User) -> QuerySet[Course]:
    if user.role == Role.DISTRICT_ADMIN:
        return Course.all()
    if user.role == Role.SCHOOL_ADMIN:
        administered = visible_calendars(user)
        return Course.filter(calendar_id__in=Subquery(administered.values("id")))
    return Course.filter(id__in=_taught_course_ids(user))


def visible_sections(user: User) -> QuerySet[Section]:
    if user.role == Role.DISTRICT_ADMIN:
        return Section.all()
    if user.role == Role.SCHOOL_ADMIN:
        administered = visible_courses(user)
        return Section.filter(course_id__in=Subquery(administered.values("id")))
    return Section.filter(id__in=_taught_section_ids(user))


async def can_read_calendar(user: User, calendar_id: int) -> bool:
    return await visible_calendars(user).filter(id=calendar_id).exists()


async def can_read_course(user: User, course_id: int) -> bool:
    return await visible_courses(user).filter(id=course_id).exists()


async def can_read_section(user: User, section_id: int) -> bool:
    return await visible_sections(user).filter(id=section_id).exists()


async def can_manage_calendar(user: User, calendar_id: int) -> bool:
    """Pushing and editing course setup: administrators of the calendar only."""
    if user.role == Role.TEACHER:
        return False
    return await can_read_calendar(user, calendar_id)


async def can_manage_course(user: User, course_id: int) -> bool:
    """Editing a course's setup or pushing it: administrators of its calendar."""
    if user.role == Role.TEACHER:
        return False
    return await can_read_course(user, course_id)


async def can_edit_section_categories(user: User, section_id: int) -> bool:
    """Teacher-made categories: the section's teachers and its administrators."""
    return await can_read_section(user, section_id)
