"""Creating the people who use the API, with the schools an administrator runs."""

import logging
from collections.abc import Sequence

from tortoise.transactions import in_transaction

from models import Role, School, SchoolAdmin, User

logger = logging.getLogger(__name__)


class UserSetupError(Exception):
    """The requested user cannot be created as asked; the message says why."""


async def create_user(
    username: str,
    role: Role,
    school_source_ids: Sequence[str] = (),
    display_name: str | None = None,
) -> User:
    """Create a user; a school administrator is linked to the given schools."""
    _check_schools_fit_role(role, school_source_ids)
    if await User.exists(username=username):
        raise UserSetupError(f"a user named {username!r} already exists")
    schools = await _schools(school_source_ids)

    async with in_transaction():
        user = await User.create(
            username=username, display_name=display_name or username, role=role
        )
        for school in schools:
            await SchoolAdmin.create(user=user, school=school)

    logger.info("created user %s with role %s", username, role)
    return user


def _check_schools_fit_role(role: Role, school_source_ids: Sequence[str]) -> None:
    if role == Role.SCHOOL_ADMIN and not school_source_ids:
        raise UserSetupError("a school administrator needs at least one school")
    if role != Role.SCHOOL_ADMIN and school_source_ids:
        raise UserSetupError("only a school administrator is linked to schools")


async def _schools(source_ids: Sequence[str]) -> list[School]:
    schools = await School.filter(source_id__in=list(source_ids))
    missing = set(source_ids) - {school.source_id for school in schools}
    if missing:
        raise UserSetupError(f"no school with source id {', '.join(sorted(missing))}")
    return schools
