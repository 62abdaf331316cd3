"""Categories teachers made in their own sections before any push.

Many of them are near-twins of a course category (same name but for case and
spacing), so the first push meets the name collisions a real district has.
"""

import random
from decimal import Decimal

from demo.bulk import insert_all
from demo.course_setup import CENT
from demo.district import QUARTER_GRADE
from demo.names import TEACHER_CATEGORY_NAMES
from demo.sections import DemoSection
from models import CategoryOrigin, CourseCategory, SectionCategory
from models.base import name_key, normalize_name

CLASH_SHARE = 0.6
FIRST_SEQUENCE = 20


async def create_teacher_categories(
    rng: random.Random, sections: list[DemoSection], share: float
) -> tuple[list[DemoSection], int]:
    """Give about ``share`` of the sections 1-3 own categories.

    Returns the sections that got some, and how many categories were made.
    """
    course_names = await _course_category_names(sections)
    chosen = [s for s in sections if rng.random() < share]

    rows = []
    for position, section in enumerate(chosen):
        clash = position == 0 or rng.random() < CLASH_SHARE
        names = _names(rng, course_names[section.course.course_id], clash)
        rows += [_category(rng, section, name, i) for i, name in enumerate(names)]
    return chosen, await insert_all(SectionCategory, rows)


def clash_variant(rng: random.Random, name: str) -> str:
    """A name typed differently that still clashes with ``name``: as a teacher would."""
    cased = rng.choice((str.lower, str.upper))(name)
    return f"{' ' * rng.randint(0, 2)}{cased.replace(' ', '  ')} "


def _names(rng: random.Random, course_names: list[str], clash: bool) -> list[str]:
    own = rng.sample(TEACHER_CATEGORY_NAMES, rng.randint(1, 3))
    if not clash:
        return own
    return [clash_variant(rng, rng.choice(course_names)), *own[:2]]


def _category(
    rng: random.Random, section: DemoSection, typed_name: str, index: int
) -> SectionCategory:
    name = normalize_name(typed_name)
    return SectionCategory(
        section_id=section.section_id,
        name=name,
        name_key=name_key(name),
        weight=Decimal(rng.choice((5, 10, 15, 20))).quantize(CENT),
        sequence=FIRST_SEQUENCE + index,
        origin=CategoryOrigin.TEACHER,
        locked=False,
        task_ids=[section.course.calendar.task_ids[QUARTER_GRADE]],
    )


async def _course_category_names(sections: list[DemoSection]) -> dict[int, list[str]]:
    calendar_ids = {section.course.calendar.calendar_id for section in sections}
    pairs = (
        await CourseCategory.filter(course__calendar_id__in=calendar_ids)
        .order_by("id")
        .values_list("course_id", "name")
    )
    names: dict[int, list[str]] = {}
    for course_id, name in pairs:
        names.setdefault(int(course_id), []).append(str(name))
    return names
