"""The course-level grading setup of demo courses: what a push sends to sections."""

import random
from decimal import ROUND_DOWN, Decimal

from demo.bulk import insert_all
from demo.courses import DemoCourse
from demo.district import FINAL_GRADE, QUARTER_GRADE, SEMESTER_EXAM, SEMESTER_GRADE
from demo.names import COURSE_CATEGORY_NAMES, EXAM_CATEGORY
from demo.school_year import QUARTERS
from models import (
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
)
from models.base import name_key
from models.setup import RoundingMode

CATEGORIES_PER_COURSE = 6
CENT = Decimal("0.01")
SEMESTER_SPLITS = ((80, 20), (75, 25), (90, 10))


def split_weights(rng: random.Random, count: int) -> list[Decimal]:
    """Relative weights with two decimals that add up to exactly 100."""
    shares = [rng.randint(1, 6) for _ in range(count)]
    total = sum(shares)
    weights = [(Decimal(100 * s) / total).quantize(CENT, ROUND_DOWN) for s in shares]
    weights[-1] += Decimal(100) - sum(weights)
    return weights


async def create_course_setups(rng: random.Random, courses: list[DemoCourse]) -> int:
    """Categories, calc options and two composites for each course; rows written."""
    categories = [row for c in courses for row in _categories(rng, c)]
    calc_options = [row for c in courses for row in _calc_options(rng, c)]
    composites = [row for c in courses for row in _composites(c)]
    written = await insert_all(CourseCategory, categories)
    written += await insert_all(CourseCalcOption, calc_options)
    written += await insert_all(CourseComposite, composites)

    parts = await _composite_parts(rng, courses)
    return written + await insert_all(CourseCompositePart, parts)


def _categories(rng: random.Random, course: DemoCourse) -> list[CourseCategory]:
    pool = range(len(COURSE_CATEGORY_NAMES))
    picked = sorted(rng.sample(pool, CATEGORIES_PER_COURSE))
    names = [COURSE_CATEGORY_NAMES[i] for i in picked]
    weights = split_weights(rng, len(names))
    tasks = course.calendar.task_ids
    return [
        CourseCategory(
            course_id=course.course_id,
            name=name,
            name_key=name_key(name),
            weight=weight,
            sequence=sequence,
            hidden=rng.random() < 0.05,
            exclude_from_calc=rng.random() < 0.05,
            drop_lowest=rng.choice((0, 0, 1)) if name == "Homework" else 0,
            task_ids=[tasks[SEMESTER_EXAM if name == EXAM_CATEGORY else QUARTER_GRADE]],
        )
        for sequence, (name, weight) in enumerate(zip(names, weights, strict=True), 1)
    ]


def _calc_options(rng: random.Random, course: DemoCourse) -> list[CourseCalcOption]:
    decimals = rng.choice((0, 1, 2))
    mode = RoundingMode.TRUNCATE if rng.random() < 0.1 else RoundingMode.HALF_UP
    weighted = rng.random() < 0.85
    calendar = course.calendar
    return [
        CourseCalcOption(
            course_id=course.course_id,
            term_id=calendar.term_ids[term],
            grading_task_id=calendar.task_ids[task],
            weighted=weighted,
            rounding_decimals=decimals,
            rounding_mode=mode,
            grading_scale="Standard A-F",
        )
        for term in QUARTERS
        for task in (QUARTER_GRADE, SEMESTER_GRADE)
    ]


def _composites(course: DemoCourse) -> list[CourseComposite]:
    calendar = course.calendar
    return [
        CourseComposite(
            course_id=course.course_id,
            term_id=calendar.term_ids[term],
            grading_task_id=calendar.task_ids[task],
        )
        for term, task in (("S1", SEMESTER_GRADE), ("S2", FINAL_GRADE))
    ]


async def _composite_parts(
    rng: random.Random, courses: list[DemoCourse]
) -> list[CourseCompositePart]:
    calendar_ids = {course.calendar.calendar_id for course in courses}
    pairs = await CourseComposite.filter(
        course__calendar_id__in=calendar_ids
    ).values_list("course_id", "grading_task_id", "id")
    composite_ids = {(int(c), int(t)): int(pk) for c, t, pk in pairs}
    return [part for c in courses for part in _parts(rng, c, composite_ids)]


def _parts(
    rng: random.Random, course: DemoCourse, composite_ids: dict[tuple[int, int], int]
) -> list[CourseCompositePart]:
    tasks = course.calendar.task_ids
    term_share, exam_share = rng.choice(SEMESTER_SPLITS)
    semester = composite_ids[(course.course_id, tasks[SEMESTER_GRADE])]
    final = composite_ids[(course.course_id, tasks[FINAL_GRADE])]
    weights = (
        (semester, QUARTER_GRADE, term_share),
        (semester, SEMESTER_EXAM, exam_share),
        (final, SEMESTER_GRADE, 50),
        (final, QUARTER_GRADE, term_share // 2),
        (final, SEMESTER_EXAM, exam_share // 2),
    )
    return [
        CourseCompositePart(
            composite_id=composite_id,
            component_task_id=tasks[task],
            weight=Decimal(weight).quantize(CENT),
        )
        for composite_id, task, weight in weights
    ]
