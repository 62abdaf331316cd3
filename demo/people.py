"""Demo users (administrators and teachers) and students."""

import random

from demo.bulk import insert_all, insert_values
from demo.names import FIRST_NAMES, LAST_NAMES
from demo.spec import DemoUsers
from models import Role, SchoolAdmin, Student, User


async def create_admins(users: DemoUsers, first_school_id: int) -> int:
    """A district administrator, and a school administrator of the first school."""
    await User.create(
        source_id="demo-user-district-admin",
        username=users.district_admin,
        display_name="Dana District (demo)",
        role=Role.DISTRICT_ADMIN,
    )
    school_admin = await User.create(
        source_id="demo-user-school-admin",
        username=users.school_admin,
        display_name="Sam School (demo)",
        role=Role.SCHOOL_ADMIN,
    )
    await SchoolAdmin.create(user=school_admin, school_id=first_school_id)
    return 2


async def create_teachers(rng: random.Random, first: int, count: int) -> list[int]:
    """Teachers ``teacher.<first>`` onwards; their ids in that order."""
    numbers = range(first, first + count)
    await insert_all(User, [_teacher(rng, n) for n in numbers])

    source_ids = [f"demo-teacher-{n}" for n in numbers]
    pairs = await User.filter(source_id__startswith="demo-teacher-").values_list(
        "source_id", "id"
    )
    ids = {str(source_id): int(pk) for source_id, pk in pairs}
    return [ids[source_id] for source_id in source_ids]


async def create_students(rng: random.Random, school: int, count: int) -> list[int]:
    """The students of one school; their ids in creation order."""
    prefix = f"demo-student-{school}-"
    rows = [_student(rng, f"{prefix}{k + 1}") for k in range(count)]
    await insert_values(Student, ("source_id", "first_name", "last_name"), rows)

    pairs = await Student.filter(source_id__startswith=prefix).values_list(
        "source_id", "id"
    )
    ids = {str(source_id): int(pk) for source_id, pk in pairs}
    return [ids[source_id] for source_id, _, _ in rows]


def _teacher(rng: random.Random, number: int) -> User:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return User(
        source_id=f"demo-teacher-{number}",
        username=f"teacher.{number}",
        display_name=f"{first} {last}",
        email=f"teacher.{number}@demo.invalid",
        role=Role.TEACHER,
    )


def _student(rng: random.Random, source_id: str) -> tuple[str, str, str]:
    return source_id, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
