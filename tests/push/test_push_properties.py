"""SPEC section 3 as properties: whatever the setups, a push keeps its promises.

After a push no section has failed, every section's pushed categories equal
the course's, no assignment or score is lost or moved, names stay unique per
section ignoring case and spacing, teacher categories go only when
overwritten and empty, and a second push changes nothing at all.

The examples share the test's database and each starts from empty tables;
they are derandomized, so a run is repeatable and a failure reproducible.
"""

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from tortoise.queryset import QuerySet

from models import (
    Assignment,
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    Notification,
    PushRequest,
    School,
    Score,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    SectionTerm,
    Student,
    User,
)
from models.base import NAME_MAX_LENGTH, name_key
from models.section import CategoryOrigin
from push.options import PushOptions
from push.setup import CALC_FIELDS, CATEGORY_FIELDS
from tests.push.builders import District
from tests.push.scenarios import Scenario, build, push, scenarios

Row = dict[str, Any]
# A calc option or composite per (term, task): (locked, its values).
TermValues = dict[tuple[int, int], tuple[bool, tuple[Any, ...]]]


@dataclass(frozen=True)
class Snapshot:
    """Everything a push may change, and the work it must never touch."""

    categories: dict[int, dict[int, Row]]
    calc_options: dict[int, TermValues]
    composites: dict[int, TermValues]
    advisory: dict[int, bool]
    assignments: dict[int, tuple[int, int]]
    scores: dict[int, tuple[int, Any]]


@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios())
async def test_a_push_keeps_every_promise_whatever_the_setups(
    db: str, scenario: Scenario
) -> None:
    # given a district drawn by Hypothesis
    await _clear_tables()
    district = await build(scenario)
    before = await _snapshot()

    # when it is pushed
    request = await push(district, scenario.options)
    after = await _snapshot()

    # then every promise holds
    assert request.sections_failed == 0
    assert after.assignments == before.assignments
    assert after.scores == before.scores
    _assert_names_unique(after)
    options = scenario.options
    await _assert_categories_follow_the_course(district, options, before, after)
    await _assert_setup_follows_the_course(district, options, before, after)

    # and a second push changes nothing
    again = await push(district, options)
    assert again.sections_changed == 0
    assert again.sections_unchanged == len(scenario.sections)
    assert await _snapshot() == after


async def _clear_tables() -> None:
    for model in (Score, Assignment, Student, Notification, PushRequest, School, User):
        await model.all().delete()


async def _snapshot() -> Snapshot:
    categories = await SectionCategory.all().values(
        "id",
        "section_id",
        "course_category_id",
        "origin",
        "locked",
        "name_key",
        *CATEGORY_FIELDS,
    )
    calc_options = await SectionCalcOption.all().values(
        "section_id", "term_id", "grading_task_id", "locked", *CALC_FIELDS
    )
    assignments = await Assignment.all().values("id", "section_id", "category_id")
    scores = await Score.all().values("id", "assignment_id", "points")
    return Snapshot(
        categories=_by_section(categories),
        calc_options=_term_values(calc_options),
        composites=await _composites(),
        advisory=dict(await Section.all().values_list("id", "advisory")),
        assignments={
            row["id"]: (row["section_id"], row["category_id"]) for row in assignments
        },
        scores={row["id"]: (row["assignment_id"], row["points"]) for row in scores},
    )


def _by_section(rows: list[Row]) -> dict[int, dict[int, Row]]:
    grouped: dict[int, dict[int, Row]] = {}
    for row in rows:
        row["origin"] = str(row["origin"])
        grouped.setdefault(row.pop("section_id"), {})[row["id"]] = row
    return grouped


def _term_values(rows: list[Row]) -> dict[int, TermValues]:
    grouped: dict[int, TermValues] = {}
    for row in rows:
        values = tuple(str(row[name]) for name in CALC_FIELDS)
        grouped.setdefault(row["section_id"], {})[_term_task(row)] = (
            bool(row["locked"]),
            values,
        )
    return grouped


def _term_task(row: Row) -> tuple[int, int]:
    return (row["term_id"], row["grading_task_id"])


async def _composites() -> dict[int, TermValues]:
    composites = await SectionComposite.all().values(
        "id", "section_id", "term_id", "grading_task_id", "locked"
    )
    parts = await _parts(SectionCompositePart.all())
    grouped: dict[int, TermValues] = {}
    for composite in composites:
        grouped.setdefault(composite["section_id"], {})[_term_task(composite)] = (
            bool(composite["locked"]),
            parts.get(composite["id"], ()),
        )
    return grouped


async def _parts(
    query: QuerySet[SectionCompositePart] | QuerySet[CourseCompositePart],
) -> dict[int, tuple[Any, ...]]:
    """Composite parts as sorted (task, weight) pairs, by composite id."""
    rows = await query.values("composite_id", "component_task_id", "weight")
    by_composite: dict[int, list[tuple[int, str]]] = {}
    for row in rows:
        by_composite.setdefault(row["composite_id"], []).append(
            (row["component_task_id"], str(row["weight"]))
        )
    return {key: tuple(sorted(pairs)) for key, pairs in by_composite.items()}


def _assert_names_unique(after: Snapshot) -> None:
    for rows in after.categories.values():
        keys = [name_key(row["name"]) for row in rows.values()]
        assert len(keys) == len(set(keys)), keys
        for row in rows.values():
            assert row["name_key"] == name_key(row["name"])
            assert len(row["name"]) <= NAME_MAX_LENGTH


async def _assert_categories_follow_the_course(
    district: District, options: PushOptions, before: Snapshot, after: Snapshot
) -> None:
    if not options.categories:
        assert after.categories == before.categories
        return

    course = {
        row["id"]: _spec(row)
        for row in await CourseCategory.filter(course=district.course).values(
            "id", *CATEGORY_FIELDS
        )
    }
    course_keys = {name_key(spec["name"]) for spec in course.values()}
    with_work = {category for _, category in before.assignments.values()}
    for section_id in await _section_ids(district.course):
        rows = after.categories.get(section_id, {})
        pushed = [
            row for row in rows.values() if row["origin"] == CategoryOrigin.PUSHED
        ]
        assert {row["course_category_id"]: _spec(row) for row in pushed} == course
        assert all(row["locked"] for row in pushed)
        for old in before.categories.get(section_id, {}).values():
            _assert_fate(
                old, rows.get(old["id"]), options, course, course_keys, with_work
            )


def _assert_fate(
    old: Row,
    new: Row | None,
    options: PushOptions,
    course: dict[int, Row],
    course_keys: set[str],
    with_work: set[int],
) -> None:
    """What a push does to one category the section had before."""
    linked = old["origin"] == CategoryOrigin.PUSHED and old["course_category_id"]
    if linked in course:
        assert new is not None
        assert new["course_category_id"] == linked
    elif old["origin"] == CategoryOrigin.PUSHED:
        if old["id"] in with_work:
            assert new is not None
            assert new["origin"] == CategoryOrigin.TEACHER
            assert not new["locked"]
            assert new["course_category_id"] is None
        else:
            assert new is None
    elif options.overwrite_categories and old["id"] not in with_work:
        assert new is None
    else:
        assert new is not None
        assert new["origin"] == CategoryOrigin.TEACHER
        clashed = name_key(old["name"]) in course_keys
        assert (new["name"] != old["name"]) == clashed, (old["name"], new["name"])


def _spec(row: Row) -> Row:
    return {name: row[name] for name in CATEGORY_FIELDS}


async def _section_ids(course: Course) -> list[int]:
    rows = await Section.filter(course=course).values("id")
    return [row["id"] for row in rows]


async def _assert_setup_follows_the_course(
    district: District, options: PushOptions, before: Snapshot, after: Snapshot
) -> None:
    """Calc options and composites of the terms a section meets in, advisory."""
    course = district.course
    calc_options = _term_values(
        [
            {**row, "section_id": course.id, "locked": True}
            for row in await CourseCalcOption.filter(course=course).values(
                "term_id", "grading_task_id", *CALC_FIELDS
            )
        ]
    ).get(course.id, {})
    composites = await _course_composites(course)
    await course.refresh_from_db(fields=["advisory"])

    for section_id in await _section_ids(course):
        links = await SectionTerm.filter(section_id=section_id).values("term_id")
        terms = {link["term_id"] for link in links}
        _assert_term_values(
            options.grade_calc_options,
            calc_options,
            before.calc_options.get(section_id, {}),
            after.calc_options.get(section_id, {}),
            terms,
        )
        _assert_term_values(
            options.composite_grades,
            composites,
            before.composites.get(section_id, {}),
            after.composites.get(section_id, {}),
            terms,
        )
        advisory = course.advisory if options.advisory else before.advisory[section_id]
        assert after.advisory[section_id] == advisory


async def _course_composites(course: Course) -> TermValues:
    composites = await CourseComposite.filter(course=course).values(
        "id", "term_id", "grading_task_id"
    )
    parts = await _parts(CourseCompositePart.filter(composite__course=course))
    return {_term_task(row): (True, parts.get(row["id"], ())) for row in composites}


def _assert_term_values(
    pushed: bool,
    course: TermValues,
    before: TermValues,
    after: TermValues,
    terms: set[int],
) -> None:
    """Pushed: the section's values for its terms are the course's, locked;
    its values for other terms stay. Not pushed: nothing changes."""
    if not pushed:
        assert after == before
        return
    assert {k: v for k, v in after.items() if k[0] in terms} == {
        k: v for k, v in course.items() if k[0] in terms
    }
    assert {k: v for k, v in after.items() if k[0] not in terms} == {
        k: v for k, v in before.items() if k[0] not in terms
    }
