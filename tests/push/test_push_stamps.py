"""The database counts the writes a push may not miss (migration 0002).

Every write to a course's setup bumps its ``setup_revision``, and every write
that could change what a push does to a section bumps the section's; the
push skips a section only while both match its stamp, so a write the
triggers missed would leave a section out of line for good.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from models import (
    Assignment,
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    SectionTerm,
)
from models.base import name_key
from push.stamps import bump, counting_own_writes
from tests.push.builders import (
    District,
    add_calc_option,
    add_composite,
    add_course_category,
    add_section,
    add_teacher_category,
    build_district,
)


@dataclass
class Scene:
    """Two courses with a full setup; two sections of the first, with theirs.

    The second course and section hold rows in every table too, so a trigger
    that marked too widely would show.
    """

    district: District
    course: Course
    other_course: Course
    section: Section
    other_section: Section


async def _course_setup(district: District, course: Course) -> None:
    await add_course_category(course, "Homework")
    await add_calc_option(course, district.q1, district.quarter)
    await add_composite(
        course, district.q1, district.semester, {district.quarter: "100"}
    )


async def _section_setup(district: District, section: Section) -> None:
    """A category holding an assignment, an empty one, an option and a composite."""
    await add_teacher_category(section, "Homework", assignments=1)
    await add_teacher_category(section, "Extra")
    await SectionCalcOption.create(
        section=section, term=district.q1, grading_task=district.quarter
    )
    composite = await SectionComposite.create(
        section=section, term=district.q1, grading_task=district.semester
    )
    await SectionCompositePart.create(
        composite=composite, component_task=district.quarter, weight=Decimal("100")
    )


async def _scene() -> Scene:
    district = await build_district()
    other_course = await Course.create(
        source_id="course-2",
        calendar=district.calendar,
        number="GEO-1",
        name="Geometry",
    )
    for course in (district.course, other_course):
        await _course_setup(district, course)
    section = await add_section(district.course, "01", [district.q1])
    other_section = await add_section(district.course, "02", [district.q1])
    for each in (section, other_section):
        await _section_setup(district, each)
    return Scene(district, district.course, other_course, section, other_section)


async def _revision(course: Course) -> int:
    return int((await Course.get(id=course.id)).setup_revision)


async def _revisions(*sections: Section) -> dict[Section, int]:
    """The sections' revisions now, to compare with after a write."""
    return {
        section: int((await Section.get(id=section.id)).setup_revision)
        for section in sections
    }


async def _moved(section: Section, before: dict[Section, int]) -> bool:
    return int((await Section.get(id=section.id)).setup_revision) != before[section]


async def _course_parts(scene: Scene) -> list[int]:
    composite = await CourseComposite.get(course=scene.course)
    return [part.id for part in await CourseCompositePart.filter(composite=composite)]


async def _add_course_part(scene: Scene) -> None:
    await CourseCompositePart.create(
        composite=await CourseComposite.get(course=scene.course),
        component_task=scene.district.semester,
        weight=Decimal("50"),
    )


async def _update_course_parts(scene: Scene) -> None:
    ids = await _course_parts(scene)
    await CourseCompositePart.filter(id__in=ids).update(weight=Decimal("70"))


async def _delete_course_parts(scene: Scene) -> None:
    await CourseCompositePart.filter(id__in=await _course_parts(scene)).delete()


Write = Callable[[Scene], Awaitable[object]]

COURSE_WRITES: dict[str, Write] = {
    "category insert": lambda s: add_course_category(s.course, "Quizzes"),
    "category update": lambda s: CourseCategory.filter(course=s.course).update(
        weight=Decimal("60")
    ),
    "category delete": lambda s: CourseCategory.filter(course=s.course).delete(),
    "calc option insert": lambda s: add_calc_option(
        s.course, s.district.q2, s.district.quarter
    ),
    "calc option update": lambda s: CourseCalcOption.filter(course=s.course).update(
        weighted=False
    ),
    "calc option delete": lambda s: CourseCalcOption.filter(course=s.course).delete(),
    "composite insert": lambda s: CourseComposite.create(
        course=s.course, term=s.district.q2, grading_task=s.district.semester
    ),
    "composite update": lambda s: CourseComposite.filter(course=s.course).update(
        term_id=s.district.q2.id
    ),
    # Cascades to the composite's part, whose own trigger finds no composite.
    "composite delete": lambda s: CourseComposite.filter(course=s.course).delete(),
    "composite part insert": _add_course_part,
    "composite part update": _update_course_parts,
    "composite part delete": _delete_course_parts,
}


@pytest.mark.parametrize("write", COURSE_WRITES)
async def test_a_course_setup_write_bumps_that_course_revision_only(
    db: str, write: str
) -> None:
    scene = await _scene()
    before = await _revision(scene.course)
    other_before = await _revision(scene.other_course)

    await COURSE_WRITES[write](scene)

    assert await _revision(scene.course) > before
    assert await _revision(scene.other_course) == other_before


async def test_a_category_moved_between_courses_bumps_both(db: str) -> None:
    scene = await _scene()
    quizzes = await add_course_category(scene.course, "Quizzes")
    before = await _revision(scene.course)
    other_before = await _revision(scene.other_course)

    await CourseCategory.filter(id=quizzes.id).update(course_id=scene.other_course.id)

    assert await _revision(scene.course) > before
    assert await _revision(scene.other_course) > other_before


async def test_the_course_advisory_flag_bumps_the_revision_and_its_name_does_not(
    db: str,
) -> None:
    scene = await _scene()
    before = await _revision(scene.course)
    other_before = await _revision(scene.other_course)

    await Course.filter(id=scene.course.id).update(name="Algebra One")
    renamed = await _revision(scene.course)
    await Course.filter(id=scene.course.id).update(advisory=True)

    assert renamed == before
    assert await _revision(scene.course) > before
    assert await _revision(scene.other_course) == other_before


async def _section_parts(scene: Scene) -> list[int]:
    composite = await SectionComposite.get(section=scene.section)
    return [part.id for part in await SectionCompositePart.filter(composite=composite)]


async def _add_section_part(scene: Scene) -> None:
    await SectionCompositePart.create(
        composite=await SectionComposite.get(section=scene.section),
        component_task=scene.district.semester,
        weight=Decimal("50"),
    )


async def _update_section_parts(scene: Scene) -> None:
    ids = await _section_parts(scene)
    await SectionCompositePart.filter(id__in=ids).update(weight=Decimal("70"))


async def _delete_section_parts(scene: Scene) -> None:
    await SectionCompositePart.filter(id__in=await _section_parts(scene)).delete()


async def _add_assignment(scene: Scene) -> None:
    category = await SectionCategory.get(section=scene.section, name="Extra")
    await Assignment.create(
        source_id="extra-work",
        section=scene.section,
        category=category,
        name="Extra work",
        points_possible=Decimal("5"),
    )


SECTION_WRITES: dict[str, Write] = {
    "category insert": lambda s: add_teacher_category(s.section, "Labs"),
    "category update": lambda s: SectionCategory.filter(section=s.section).update(
        weight=Decimal("30")
    ),
    # The empty one: a category holding assignments refuses deletion.
    "category delete": lambda s: SectionCategory.filter(
        section=s.section, name="Extra"
    ).delete(),
    "calc option insert": lambda s: SectionCalcOption.create(
        section=s.section, term=s.district.q2, grading_task=s.district.quarter
    ),
    "calc option update": lambda s: SectionCalcOption.filter(section=s.section).update(
        locked=False
    ),
    "calc option delete": lambda s: SectionCalcOption.filter(
        section=s.section
    ).delete(),
    "composite insert": lambda s: SectionComposite.create(
        section=s.section, term=s.district.q2, grading_task=s.district.semester
    ),
    "composite update": lambda s: SectionComposite.filter(section=s.section).update(
        locked=False
    ),
    # Cascades to the composite's part, whose own trigger finds no composite.
    "composite delete": lambda s: SectionComposite.filter(section=s.section).delete(),
    "composite part insert": _add_section_part,
    "composite part update": _update_section_parts,
    "composite part delete": _delete_section_parts,
    "assignment insert": _add_assignment,
    "assignment update": lambda s: Assignment.filter(section=s.section).update(
        name="Renamed work"
    ),
    "assignment delete": lambda s: Assignment.filter(section=s.section).delete(),
    "term insert": lambda s: SectionTerm.create(section=s.section, term=s.district.q2),
    "term update": lambda s: SectionTerm.filter(section=s.section).update(
        term_id=s.district.q2.id
    ),
    "term delete": lambda s: SectionTerm.filter(section=s.section).delete(),
    "advisory update": lambda s: Section.filter(id=s.section.id).update(advisory=True),
    "course update": lambda s: Section.filter(id=s.section.id).update(
        course_id=s.other_course.id
    ),
}


@pytest.mark.parametrize("write", SECTION_WRITES)
async def test_a_section_setup_write_bumps_that_section_revision_only(
    db: str, write: str
) -> None:
    scene = await _scene()
    before = await _revisions(scene.section, scene.other_section)

    await SECTION_WRITES[write](scene)

    assert await _moved(scene.section, before)
    assert not await _moved(scene.other_section, before)


async def test_a_section_number_or_unchanged_advisory_keeps_the_revision(
    db: str,
) -> None:
    scene = await _scene()
    before = await _revisions(scene.section)

    await Section.filter(id=scene.section.id).update(number="01A")
    await Section.filter(id=scene.section.id).update(advisory=False)

    assert not await _moved(scene.section, before)


async def test_a_category_moved_between_sections_bumps_both(db: str) -> None:
    scene = await _scene()
    third = await add_section(scene.course, "03", [scene.district.q1])
    before = await _revisions(scene.section, scene.other_section, third)
    extra = await SectionCategory.get(section=scene.section, name="Extra")

    await SectionCategory.filter(id=extra.id).update(section_id=third.id)

    assert await _moved(scene.section, before)
    assert await _moved(third, before)
    assert not await _moved(scene.other_section, before)


async def test_deleting_a_section_composite_takes_its_parts_and_bumps_the_revision(
    db: str,
) -> None:
    scene = await _scene()
    before = await _revisions(scene.section, scene.other_section)
    composite = await SectionComposite.get(section=scene.section)

    await composite.delete()

    assert not await SectionCompositePart.filter(composite_id=composite.id).exists()
    assert await _moved(scene.section, before)
    assert not await _moved(scene.other_section, before)


async def _bulk_create(sections: list[Section]) -> None:
    await SectionCategory.bulk_create(
        [
            SectionCategory(section=section, name=name, name_key=name_key(name))
            for section in sections
            for name in ("Labs", "Quizzes")
        ]
    )


async def _bulk_update(sections: list[Section]) -> None:
    await SectionCategory.filter(section_id__in=[s.id for s in sections]).update(
        hidden=True
    )


async def _bulk_delete(sections: list[Section]) -> None:
    await SectionCategory.filter(
        section_id__in=[s.id for s in sections], name="Extra"
    ).delete()


BulkWrite = Callable[[list[Section]], Awaitable[None]]
BULK_WRITES: dict[str, BulkWrite] = {
    "bulk_create": _bulk_create,
    "update": _bulk_update,
    "delete": _bulk_delete,
}


@pytest.mark.parametrize("write", BULK_WRITES)
async def test_a_bulk_write_bumps_the_revision_of_every_section_it_touches(
    db: str, write: str
) -> None:
    scene = await _scene()
    third = await add_section(scene.course, "03", [scene.district.q1])
    before = await _revisions(scene.section, scene.other_section, third)

    await BULK_WRITES[write]([scene.section, scene.other_section])

    assert await _moved(scene.section, before)
    assert await _moved(scene.other_section, before)
    assert not await _moved(third, before)


async def test_a_push_transaction_counts_its_own_writes_once(db: str) -> None:
    # given a transaction that takes over counting its writes, as a push does
    scene = await _scene()
    before = await _revisions(scene.section, scene.other_section)
    async with in_transaction(), counting_own_writes():
        await add_teacher_category(scene.section, "Labs")
        await SectionCategory.filter(section=scene.section).update(hidden=True)
        await bump([scene.section.id])

    # then the section moved by one, and writes outside such a transaction
    # are counted as ever
    assert (await _revisions(scene.section))[scene.section] == before[scene.section] + 1
    await add_teacher_category(scene.other_section, "Labs")
    assert await _moved(scene.other_section, before)
