"""A bad policy file is refused with its file and line, and changes nothing."""

from pathlib import Path

import pytest

from importers.common import ImportFileError
from importers.policy import import_policy_file
from models import Course, CourseCategory
from tests.importers.test_policy import setup_snapshot, tiny_district, write_policy

GOOD_START = """\
[[rules]]
courses = "MATH-*"
"""

CASES = [
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = 12.345\n",
        5,
        "more than 2 decimals",
        id="weight-with-three-decimals",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = -1\n",
        5,
        "between 0 and",
        id="negative-weight",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = 'lots'\n",
        5,
        "must be a number",
        id="weight-not-a-number",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = 1e3\n",
        5,
        "weight 1E+3 must be a number written as plain decimals",
        id="weight-with-an-exponent",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = '1_000'\n",
        5,
        "weight '1_000' must be a number written as plain decimals",
        id="weight-text-with-a-separator",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\nweight = '\u0665'\n",
        5,
        "plain decimals",
        id="weight-in-arabic-digits",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'Homework'\n",
        3,
        "weight is required",
        id="missing-weight",
    ),
    pytest.param(
        GOOD_START + f"[[rules.categories]]\nname = '{'x' * 51}'\nweight = 1\n",
        4,
        "1-50 characters",
        id="name-too-long",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = '   '\nweight = 1\n",
        4,
        "1-50 characters",
        id="name-empty-after-normalising",
    ),
    pytest.param(
        GOOD_START
        + "[[rules.categories]]\nname = 'Home Work'\nweight = 1\n"
        + "[[rules.categories]]\nname = ' home   WORK'\nweight = 2\n",
        6,
        "names must differ beyond case and spacing",
        id="names-clash-ignoring-case-and-spacing",
    ),
    pytest.param(
        GOOD_START + "[[rules.calc_options]]\nterm = 'Q9'\ntask = 'Quarter Grade'\n",
        3,
        "no term 'Q9'",
        id="unknown-term",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]]\nname = 'A'\nweight = 1\ntasks = ['Nope']\n",
        3,
        "no grading task 'Nope'",
        id="unknown-grading-task",
    ),
    pytest.param(
        GOOD_START + "colour = 'blue'\n",
        3,
        "unknown key 'colour'",
        id="unknown-key",
    ),
    pytest.param(
        GOOD_START + "[[rules.calc_options]]\nterms = 'all'\n",
        3,
        "give either task or tasks",
        id="calc-option-without-task",
    ),
    pytest.param(
        GOOD_START + "[[rules.calc_options]]\nterms = 'all'\ntasks = 'all'\n"
        "rounding_mode = 'sideways'\n",
        6,
        "rounding_mode must be one of",
        id="unknown-rounding-mode",
    ),
    pytest.param(
        GOOD_START + "[[rules.composites]]\nterm = 'S1'\ntask = 'Semester Grade'\n"
        "components = [{ task = 'Quarter Grade', weight = 1.001 }]\n",
        6,
        "more than 2 decimals",
        id="component-weight-with-three-decimals",
    ),
    pytest.param(
        GOOD_START + "advisory = 'yes'\n",
        3,
        "advisory must be true or false",
        id="advisory-not-a-boolean",
    ),
    pytest.param(
        GOOD_START + "[[rules.categories]\nname = 'A'\n",
        3,
        "Expected ']]'",
        id="bad-toml",
    ),
    pytest.param("description = 'nothing'\n", None, "no [[rules]]", id="no-rules"),
]


@pytest.mark.parametrize(("text", "line", "reason"), CASES)
async def test_bad_policy_is_refused_with_its_line_and_changes_nothing(
    db: str, tmp_path: Path, text: str, line: int | None, reason: str
) -> None:
    await tiny_district()
    before = await setup_snapshot()
    path = write_policy(tmp_path, text)

    with pytest.raises(ImportFileError) as raised:
        await import_policy_file(path)

    assert raised.value.path == path
    assert raised.value.line == line
    assert reason in raised.value.reason
    assert await setup_snapshot() == before


async def test_a_later_bad_rule_stops_the_earlier_good_ones(
    db: str, tmp_path: Path
) -> None:
    await tiny_district()
    before = await setup_snapshot()
    text = """\
[[rules]]
categories = [{ name = "Work", weight = 100 }]

[[rules]]
courses = "ENG-*"
calc_options = [{ term = "Q1", task = "Effort Grade" }]
"""

    with pytest.raises(ImportFileError) as raised:
        await import_policy_file(write_policy(tmp_path, text))

    assert raised.value.line == 6
    assert "rule 2" in raised.value.reason
    assert await setup_snapshot() == before


async def test_a_minus_zero_weight_is_stored_as_zero(db: str, tmp_path: Path) -> None:
    await tiny_district()
    text = GOOD_START + (
        "[[rules.categories]]\nname = 'Extra'\nweight = -0.0\n"
        "[[rules.categories]]\nname = 'Tests'\nweight = '-0.00'\n"
        "[[rules.categories]]\nname = 'Work'\nweight = 10\n"
    )

    await import_policy_file(write_policy(tmp_path, text))

    course = await Course.get(number="MATH-1")
    weights = await CourseCategory.filter(course=course).values_list("name", "weight")
    assert sorted((name, str(weight)) for name, weight in weights) == [
        ("Extra", "0.00"),
        ("Tests", "0.00"),
        ("Work", "10.00"),
    ]
