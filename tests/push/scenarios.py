"""Random push scenarios for property tests: drawn by Hypothesis, built by ORM.

A scenario is a course setup, sections with setups of their own, an optional
earlier push followed by course changes, and the options of the push under
test. Category names come from a small pool spelled in different case and
spacing, so pushed names clash with teacher names often.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from hypothesis import strategies as st

from models import (
    Assignment,
    CourseCategory,
    PushRequest,
    Score,
    SectionCalcOption,
    SectionCategory,
    Student,
    Term,
)
from models.base import name_key, normalize_name
from push.options import PushOptions
from tests.push.builders import (
    District,
    add_calc_option,
    add_composite,
    add_course_category,
    add_section,
    add_teacher,
    add_teacher_category,
    build_district,
)
from tests.push.inline import run_inline, submit_calendar_push

NAMES = (
    "Homework",
    "HOMEWORK (1)",
    "Tests",
    "Labs and projects",
    "Große Projekte, Präsentationen, Laborhefte, Tests",
    "Research projects, presentations and lab notebooks",
)
WEIGHTS = ("0", "12.5", "25", "40")


def _spellings(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (name, name.upper(), name.lower(), f"  {name} ", name.replace(" ", "   "))
    )


NAME = st.sampled_from(NAMES).flatmap(_spellings)
TERMS = st.frozensets(st.sampled_from((0, 1)))
OPTIONS = st.builds(
    PushOptions,
    categories=st.booleans(),
    grade_calc_options=st.booleans(),
    composite_grades=st.booleans(),
    advisory=st.booleans(),
    overwrite_categories=st.booleans(),
).map(
    lambda options: replace(options, categories=True) if options.is_empty else options
)


@dataclass(frozen=True)
class SectionDraw:
    """One section; positions refer to the course categories as first built."""

    terms: frozenset[int]
    advisory: bool
    teacher_categories: tuple[tuple[str, int], ...]
    own_calc_terms: frozenset[int]
    work_in_copies: frozenset[int]


@dataclass(frozen=True)
class Scenario:
    course_categories: tuple[tuple[str, str], ...]
    course_calc_terms: frozenset[int]
    course_composite: bool
    course_advisory: bool
    sections: tuple[SectionDraw, ...]
    earlier_push: PushOptions | None
    deleted: frozenset[int]
    edited: tuple[int, str, str] | None
    swapped: bool
    added: tuple[str, ...]
    options: PushOptions


def _unique_names(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(NAME, max_size=max_size, unique_by=name_key)


SECTION = st.builds(
    SectionDraw,
    terms=TERMS,
    advisory=st.booleans(),
    teacher_categories=_unique_names(3).flatmap(
        lambda names: st.tuples(
            *(st.tuples(st.just(name), st.integers(0, 2)) for name in names)
        )
    ),
    own_calc_terms=TERMS,
    work_in_copies=st.frozensets(st.integers(0, 2)),
)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    names = draw(_unique_names(3))
    weights = draw(st.lists(st.sampled_from(WEIGHTS), min_size=len(names)))
    positions = st.integers(0, max(len(names) - 1, 0))
    return Scenario(
        course_categories=tuple(zip(names, weights, strict=False)),
        course_calc_terms=draw(TERMS),
        course_composite=draw(st.booleans()),
        course_advisory=draw(st.booleans()),
        sections=tuple(draw(st.lists(SECTION, min_size=1, max_size=3))),
        earlier_push=draw(OPTIONS | st.none()),
        deleted=draw(st.frozensets(positions, max_size=1)),
        edited=draw(st.tuples(positions, NAME, st.sampled_from(WEIGHTS)) | st.none()),
        swapped=draw(st.booleans()),
        added=tuple(draw(_unique_names(2))),
        options=draw(OPTIONS),
    )


async def push(district: District, options: PushOptions) -> PushRequest:
    request = await submit_calendar_push(district.admin, district.calendar, options)
    return await run_inline(request)


async def build(scenario: Scenario) -> District:
    """The district of the scenario, as it stands before the push under test."""
    district = await build_district()
    await _build_course(district, scenario)
    for number, section in enumerate(scenario.sections, start=1):
        await _build_section(district, number, section)

    if scenario.earlier_push is not None:
        await push(district, scenario.earlier_push)
        await _add_work_in_copies(district, scenario)
    await _change_course(district, scenario)
    await _score_every_assignment()
    return district


async def _build_course(district: District, scenario: Scenario) -> None:
    course = district.course
    for sequence, (name, weight) in enumerate(scenario.course_categories):
        await add_course_category(course, name, weight, sequence)
    for term in _terms(district, scenario.course_calc_terms):
        await add_calc_option(course, term, district.quarter)
    if scenario.course_composite:
        parts = {district.quarter: "100"}
        await add_composite(course, district.q1, district.semester, parts)
    course.advisory = scenario.course_advisory
    await course.save(update_fields=["advisory"])


async def _build_section(district: District, number: int, draw: SectionDraw) -> None:
    teacher = await add_teacher(f"teacher.{number}")
    terms = _terms(district, draw.terms)
    section = await add_section(district.course, f"{number:02}", terms, teacher)
    section.advisory = draw.advisory
    await section.save(update_fields=["advisory"])

    for name, assignments in draw.teacher_categories:
        await add_teacher_category(section, name, assignments)
    for term in _terms(district, draw.own_calc_terms):
        await SectionCalcOption.create(
            section=section,
            term=term,
            grading_task=district.quarter,
            weighted=False,
            locked=False,
        )


async def _add_work_in_copies(district: District, scenario: Scenario) -> None:
    """Assignments in pushed copies, so deleting their course category keeps them."""
    course_categories = await district.course.categories.all().order_by("sequence")
    sections = await district.course.sections.all().order_by("number")
    for section, draw in zip(sections, scenario.sections, strict=True):
        for position in sorted(draw.work_in_copies):
            if position >= len(course_categories):
                continue
            copy = await SectionCategory.get_or_none(
                section=section, course_category=course_categories[position]
            )
            if copy is not None:
                await Assignment.create(
                    source_id=f"copy-work-{copy.id}",
                    section=section,
                    category=copy,
                    name="Copy work",
                    points_possible=Decimal(10),
                )


async def _change_course(district: District, scenario: Scenario) -> None:
    """Delete, edit, swap and add course categories, keeping names unique."""
    categories = list(await district.course.categories.all().order_by("sequence"))
    for position in scenario.deleted:
        if position < len(categories):
            await categories[position].delete()
    kept = [c for i, c in enumerate(categories) if i not in scenario.deleted]

    if scenario.edited is not None and scenario.edited[0] < len(categories):
        await _edit(categories[scenario.edited[0]], kept, *scenario.edited[1:])
    if scenario.swapped and len(kept) >= 2:
        await _swap_names(kept[0], kept[1])

    taken = {c.name_key for c in kept}
    for sequence, name in enumerate(scenario.added, start=len(categories)):
        if name_key(name) not in taken:
            taken.add(name_key(name))
            await add_course_category(district.course, name, "30", sequence)


async def _edit(
    category: CourseCategory, kept: list[CourseCategory], name: str, weight: str
) -> None:
    """A new weight, and the new name unless another category holds it."""
    if category not in kept:
        return
    category.weight = Decimal(weight)
    others = {c.name_key for c in kept if c is not category}
    if name_key(name) not in others:
        category.name, category.name_key = normalize_name(name), name_key(name)
    await category.save(update_fields=["name", "name_key", "weight"])


async def _swap_names(first: CourseCategory, second: CourseCategory) -> None:
    names = (first.name, second.name)
    first.name, first.name_key = "#swap", "#swap"
    await first.save(update_fields=["name", "name_key"])
    for category, name in ((second, names[0]), (first, names[1])):
        category.name, category.name_key = name, name_key(name)
        await category.save(update_fields=["name", "name_key"])


async def _score_every_assignment() -> None:
    student = await Student.create(source_id="student-1", first_name="A", last_name="B")
    for assignment in await Assignment.all():
        await Score.create(assignment=assignment, student=student, points=Decimal(7))


def _terms(district: District, positions: frozenset[int]) -> list[Term]:
    return [(district.q1, district.q2)[position] for position in sorted(positions)]
