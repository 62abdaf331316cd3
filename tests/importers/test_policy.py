"""Applying a policy gives the selected courses their setup, and only once."""

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from demo.generator import generate_district
from demo.spec import DistrictSpec
from importers.edfi import import_edfi
from importers.policy import apply_policy, import_policy_file, load_policy
from models import (
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    CourseSetupChange,
    GradingTask,
    Term,
    User,
)

TINY = DistrictSpec(
    seed=3,
    schools=1,
    courses_per_calendar=4,
    sections_per_course=1,
    students_per_section=2,
    today=datetime.date(2026, 10, 1),
)

MATH_POLICY = """
[[rules]]
name = "Mathematics"
school = "North High"
courses = ["MATH-*", "alg-*"]
advisory = true

[[rules.categories]]
name = "Homework"
weight = 33.33
drop_lowest = 1

[[rules.categories]]
name = "Tests"
weight = "66.67"
tasks = ["quarter  grade"]

[[rules.calc_options]]
terms = "all"
task = "Quarter Grade"
rounding_decimals = 2
rounding_mode = "truncate"

[[rules.composites]]
term = "S1"
task = "Semester Grade"
components = [
    { task = "Quarter Grade", weight = 70 },
    { task = "Semester Exam", weight = 30 },
]
"""


async def tiny_district() -> None:
    """North High with the courses MATH-1, ALG-1, ENG-1 and ADV-1."""
    await generate_district(TINY)


def write_policy(folder: Path, text: str) -> Path:
    path = folder / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def _task(course: Course, name: str) -> GradingTask:
    return await GradingTask.get(calendar__courses__id=course.id, name=name)


async def _category_names(course: Course) -> list[str]:
    names = CourseCategory.filter(course=course).order_by("sequence")
    return [str(name) for name in await names.values_list("name", flat=True)]


async def setup_snapshot() -> list[list[tuple[Any, ...]]]:
    """Every course setup row with its id: equal snapshots mean nothing changed."""
    return [
        await CourseCategory.all()
        .order_by("id")
        .values_list("id", "course_id", "name", "weight", "task_ids"),
        await CourseCalcOption.all()
        .order_by("id")
        .values_list("id", "term_id", "grading_task_id", "rounding_decimals"),
        await CourseComposite.all().order_by("id").values_list("id", "term_id"),
        await CourseCompositePart.all().order_by("id").values_list("id", "weight"),
        await Course.all().order_by("id").values_list("id", "advisory"),
        await CourseSetupChange.all().order_by("id").values_list("id", "summary"),
    ]


async def test_policy_gives_selected_courses_their_setup(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    admin = await User.get(username="district.admin")

    await import_policy_file(write_policy(tmp_path, MATH_POLICY), changed_by=admin)

    math = await Course.get(number="MATH-1")
    categories = await CourseCategory.filter(course=math).order_by("sequence")
    quarter = await _task(math, "Quarter Grade")
    options = await CourseCalcOption.filter(course=math).values_list(
        "grading_task_id", "rounding_decimals"
    )
    change = await CourseSetupChange.get(course=math).prefetch_related("changed_by")
    assert [(c.name, c.weight) for c in categories] == [
        ("Homework", Decimal("33.33")),
        ("Tests", Decimal("66.67")),
    ]
    assert categories[1].task_ids == [quarter.id]
    assert len(options) == 6
    assert set(options) == {(quarter.id, 2)}
    assert math.advisory
    assert change.source == "policy"
    assert change.changed_by == admin


async def test_courses_the_policy_does_not_select_are_untouched(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    english = await Course.get(number="ENG-1")
    before = await CourseCategory.filter(course=english).values_list("id", "name")

    await import_policy_file(write_policy(tmp_path, MATH_POLICY))

    after = await CourseCategory.filter(course=english).values_list("id", "name")
    assert after == before
    assert not await CourseSetupChange.exists(course=english)


async def test_reapplying_an_unchanged_policy_changes_nothing(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    path = write_policy(tmp_path, MATH_POLICY)
    await import_policy_file(path)
    before = await setup_snapshot()

    summary = await import_policy_file(path)

    assert await setup_snapshot() == before
    assert summary.updated["course setup"] == 0
    assert summary.unchanged["course setup"] == 2


async def test_reapplying_a_changed_policy_keeps_category_ids(
    db: str, tmp_path: Path
) -> None:
    # given a policy applied once
    await tiny_district()
    await import_policy_file(write_policy(tmp_path, MATH_POLICY))
    math = await Course.get(number="MATH-1")
    homework = await CourseCategory.get(course=math, name="Homework")

    # when the policy changes a weight, renames by case and drops a category
    changed = MATH_POLICY.replace('weight = "66.67"', "weight = 50").replace(
        'name = "Homework"', 'name = "HOMEWORK"'
    )
    changed = changed.replace(
        '[[rules.categories]]\nname = "Tests"', '[[rules.categories]]\nname = "Exams"'
    )
    await import_policy_file(write_policy(tmp_path, changed))

    # then the kept category has its id, the dropped one is gone
    categories = await CourseCategory.filter(course=math).order_by("sequence")
    assert (categories[0].id, categories[0].name) == (homework.id, "HOMEWORK")
    assert [c.name for c in categories] == ["HOMEWORK", "Exams"]
    assert await CourseSetupChange.filter(course=math).count() == 2


async def test_later_rules_override_earlier_ones(db: str, tmp_path: Path) -> None:
    await tiny_district()
    text = """
[[rules]]
name = "everyone"
categories = [{ name = "Work", weight = 100 }]
calc_options = [{ terms = "all", tasks = "all", rounding_decimals = 1 }]

[[rules]]
name = "math"
subject = "Mathematics"
categories = [{ name = "Tests", weight = 10 }, { name = "Work", weight = 90 }]
calc_options = [{ term = "Q1", task = "Quarter Grade", rounding_decimals = 3 }]
"""

    await import_policy_file(write_policy(tmp_path, text))

    math = await Course.get(number="MATH-1")
    english = await Course.get(number="ENG-1")
    q1 = await Term.get(calendar__courses__id=math.id, name="Q1")
    quarter = await _task(math, "Quarter Grade")
    math_q1 = await CourseCalcOption.get(course=math, term=q1, grading_task=quarter)
    math_q2 = (
        await CourseCalcOption.filter(course=math, grading_task=quarter)
        .exclude(term=q1)
        .first()
    )
    assert await _category_names(math) == ["Tests", "Work"]
    assert await _category_names(english) == ["Work"]
    assert math_q1.rounding_decimals == 3
    assert math_q2 is not None
    assert math_q2.rounding_decimals == 1
    assert await CourseCalcOption.filter(course=math).count() == 6 * 4


async def test_empty_lists_clear_a_part_and_advisory_can_be_set(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    text = """
[[rules]]
courses = "ADV-*"
advisory = false
categories = []
composites = []
"""

    summary = await apply_policy(
        load_policy(write_policy(tmp_path, text)), changed_by=None
    )

    advisory = await Course.get(number="ADV-1")
    assert not advisory.advisory
    assert not await CourseCategory.exists(course=advisory)
    assert not await CourseComposite.exists(course=advisory)
    assert await CourseCalcOption.filter(course=advisory).count() == 8
    assert summary.updated["course setup"] == 1


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "district-policy.toml"


async def test_example_policy_applies_to_the_demo_district_once(db: str) -> None:
    await tiny_district()

    first = await import_policy_file(EXAMPLE)
    second = await import_policy_file(EXAMPLE)

    assert first.updated["course setup"] == 4
    assert second.unchanged["course setup"] == 4
    assert second.updated["course setup"] == 0


async def test_example_policy_applies_to_grand_bend(db: str, shared_data: Path) -> None:
    await import_edfi(shared_data / "edfi-grand-bend")

    await import_policy_file(EXAMPLE)

    algebra = await Course.filter(
        number="ALG-1", calendar__school__name="Grand Bend High School"
    ).first()
    assert algebra is not None
    assert await _category_names(algebra) == ["Assignments", "Quizzes", "Tests"]
    assert await CourseComposite.filter(course=algebra).count() == 2


async def test_a_rule_that_selects_no_course_is_warned_about(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    text = """
[[rules]]
name = "Misspelt school"
school = "Nonexistent High"
categories = [{ name = "Homework", weight = 10 }]
"""
    before = await setup_snapshot()

    summary = await import_policy_file(write_policy(tmp_path, text))

    assert summary.warnings == ["line 2: rule 1 (Misspelt school) selects no course"]
    assert "  warning: line 2: rule 1 (Misspelt school) selects no course" in (
        summary.render().splitlines()
    )
    assert await setup_snapshot() == before
