"""Sections of demo courses, the terms they meet in and their teachers.

Sections start with no pushed setup and advisory off, so the first push of a
demo calendar has work to do in every section.
"""

import math
import random
from dataclasses import dataclass

from demo.bulk import insert_all, insert_values
from demo.courses import DemoCourse
from demo.people import create_teachers
from demo.school_year import TERM_ORDER
from models import Section, SectionTeacher, SectionTerm

SEMESTER_TERMS = (("Q1", "Q2", "S1"), ("Q3", "Q4", "S2"))
FULL_YEAR_SHARE = 0.7
CO_TEACHING_SHARE = 0.05


@dataclass(frozen=True)
class DemoSection:
    """A generated section and the names of the terms it meets in."""

    section_id: int
    source_id: str
    course: DemoCourse
    term_names: tuple[str, ...]


async def create_sections(
    rng: random.Random, courses: list[DemoCourse], per_course: int
) -> list[DemoSection]:
    """Insert the sections of the courses and link them to their terms."""
    rows = [_section(course, k) for course in courses for k in range(per_course)]
    await insert_all(Section, rows)
    ids = await _section_ids(courses)

    sections = [
        DemoSection(ids[row.source_id], row.source_id, course, _term_names(rng))
        for row, course in zip(rows, _repeat(courses, per_course), strict=True)
    ]
    links = [link for s in sections for link in _term_links(s)]
    await insert_values(SectionTerm, ("section_id", "term_id"), links)
    return sections


async def assign_teachers(
    rng: random.Random, sections: list[DemoSection], first: int, per_teacher: int
) -> int:
    """Give each teacher a few sections, a few sections a co-teacher; teachers made."""
    count = math.ceil(len(sections) / per_teacher)
    teacher_ids = await create_teachers(rng, first, count)

    order = list(range(len(sections)))
    rng.shuffle(order)
    links: list[tuple[int, int]] = []
    for position, index in enumerate(order):
        teachers = {teacher_ids[position // per_teacher]}
        if rng.random() < CO_TEACHING_SHARE:
            teachers.add(rng.choice(teacher_ids))
        links += [(sections[index].section_id, t) for t in sorted(teachers)]
    await insert_values(SectionTeacher, ("section_id", "teacher_id"), links)
    return count


def _section(course: DemoCourse, index: int) -> Section:
    return Section(
        source_id=f"{course.source_id}-section-{index + 1}",
        course_id=course.course_id,
        number=f"{course.number}-{index + 1:02d}",
    )


def _repeat(courses: list[DemoCourse], times: int) -> list[DemoCourse]:
    return [course for course in courses for _ in range(times)]


def _term_names(rng: random.Random) -> tuple[str, ...]:
    if rng.random() < FULL_YEAR_SHARE:
        return TERM_ORDER
    return rng.choice(SEMESTER_TERMS)


def _term_links(section: DemoSection) -> list[tuple[int, int]]:
    term_ids = section.course.calendar.term_ids
    return [(section.section_id, term_ids[name]) for name in section.term_names]


async def _section_ids(courses: list[DemoCourse]) -> dict[str, int]:
    calendar_ids = {course.calendar.calendar_id for course in courses}
    pairs = await Section.filter(course__calendar_id__in=calendar_ids).values_list(
        "source_id", "id"
    )
    return {str(source_id): int(pk) for source_id, pk in pairs}
