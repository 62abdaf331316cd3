"""Administrators edit a course's setup over HTTP; every edit is checked, logged
and written whole, or refused with errors that say what and where."""

from typing import Any

import pytest

from models import CourseCategory, CourseComposite, CourseSetupChange, Role
from push.options import PushOptions
from push.report import course_report
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.editing import (
    ERRORS,
    EditingDistrict,
    build_editing_district,
    codes_and_fields,
    mutate,
    weight_by_category,
)

CATEGORY = "id name weight sequence hidden excludeFromCalculation dropLowest"
CATEGORY += " dropHighest gradingTasks { name }"
CREATE = f"""
mutation ($input: CreateCourseCategoryInput!) {{
  createCourseCategory(input: $input) {{ category {{ {CATEGORY} }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateCategoryInput!) {{
  updateCourseCategory(input: $input) {{ category {{ {CATEGORY} }} {ERRORS} }}
}}
"""
DELETE = f"""
mutation ($id: ID!) {{
  deleteCourseCategory(id: $id) {{
    deletedId course {{ categories {{ name }} }} {ERRORS}
  }}
}}
"""
SET_CALC_OPTIONS = f"""
mutation ($input: SetCourseCalcOptionsInput!) {{
  setCourseCalcOptions(input: $input) {{
    calcOptions {{
      term {{ name }} gradingTask {{ name }} calcType weighted useScorePercent
      lastNAssignments roundingDecimals roundingMode gradingScale
    }}
    {ERRORS}
  }}
}}
"""
SET_COMPOSITES = f"""
mutation ($input: SetCourseCompositesInput!) {{
  setCourseComposites(input: $input) {{
    course {{
      composites {{
        term {{ name }} gradingTask {{ name }}
        components {{ gradingTask {{ name }} weight }}
      }}
    }}
    {ERRORS}
  }}
}}
"""
SET_ADVISORY = f"""
mutation ($input: SetCourseAdvisoryInput!) {{
  setCourseAdvisory(input: $input) {{ course {{ advisory }} {ERRORS} }}
}}
"""


@pytest.fixture
async def district(api: Api) -> EditingDistrict:
    return await build_editing_district()


async def _create(
    api: Api, district: EditingDistrict, token: str | None = None, **fields: Any
) -> dict[str, Any]:
    variables = {"courseId": district.course_id, "name": "Homework", "weight": "25"}
    return await mutate(
        api,
        CREATE,
        token or district.admin_token,
        {"input": variables | fields},
        "createCourseCategory",
    )


async def _log(district: EditingDistrict) -> list[tuple[int | None, str, str]]:
    rows = CourseSetupChange.filter(course=district.course).order_by("id")
    return [
        (row["changed_by_id"], row["source"], row["summary"])
        for row in await rows.values("changed_by_id", "source", "summary")
    ]


async def test_administrator_creates_a_course_category_and_the_change_is_logged(
    api: Api, district: EditingDistrict
) -> None:
    created = await _create(
        api,
        district,
        name="  Lab   reports ",
        weight="12.5",
        dropLowest=1,
        gradingTaskIds=[district.task_id(district.quarter_grade)],
    )

    assert created["errors"] == []
    category = created["category"]
    assert category["name"] == "Lab reports"
    assert category["weight"] == "12.50"
    assert (category["dropLowest"], category["sequence"]) == (1, 1)
    assert category["gradingTasks"] == [{"name": "Quarter Grade"}]
    assert await _log(district) == [
        (district.admin.pk, "api", "created category Lab reports (weight 12.50)")
    ]


async def test_new_categories_come_after_the_last_one_unless_placed(
    api: Api, district: EditingDistrict
) -> None:
    await _create(api, district, name="Homework")
    second = await _create(api, district, name="Tests")
    placed = await _create(api, district, name="Quizzes", sequence=0)

    assert second["category"]["sequence"] == 2
    assert placed["category"]["sequence"] == 0


async def test_administrator_renames_and_reweights_a_course_category(
    api: Api, district: EditingDistrict
) -> None:
    category = (await _create(api, district))["category"]

    updated = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": category["id"], "name": "Home work", "weight": "30.25"}},
        "updateCourseCategory",
    )

    assert updated["errors"] == []
    assert (updated["category"]["name"], updated["category"]["weight"]) == (
        "Home work",
        "30.25",
    )
    assert updated["category"]["hidden"] is False, "an omitted field keeps its value"
    assert (await _log(district))[-1] == (
        district.admin.pk,
        "api",
        "changed category Home work: name Homework -> Home work, weight 25.00 -> 30.25",
    )


async def test_an_update_that_changes_nothing_is_not_logged(
    api: Api, district: EditingDistrict
) -> None:
    category = (await _create(api, district))["category"]

    same = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": category["id"], "name": "Homework", "weight": "25.00"}},
        "updateCourseCategory",
    )

    assert same["errors"] == []
    assert len(await _log(district)) == 1


async def test_administrator_deletes_a_course_category(
    api: Api, district: EditingDistrict
) -> None:
    category = (await _create(api, district))["category"]
    await _create(api, district, name="Tests")

    deleted = await mutate(
        api,
        DELETE,
        district.admin_token,
        {"id": category["id"]},
        "deleteCourseCategory",
    )

    assert deleted["errors"] == []
    assert deleted["deletedId"] == category["id"]
    assert deleted["course"]["categories"] == [{"name": "Tests"}]
    assert (await _log(district))[-1][2] == "deleted category Homework"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "NAME_REQUIRED"),
        ("   ", "NAME_REQUIRED"),
        ("x" * 51, "NAME_TOO_LONG"),
        ("  HOME   work ", "DUPLICATE_NAME"),
    ],
)
async def test_a_category_name_must_be_given_short_and_free_in_the_course(
    api: Api, district: EditingDistrict, name: str, code: str
) -> None:
    await _create(api, district, name="Home Work")

    refused = await _create(api, district, name=name)

    assert codes_and_fields(refused) == [(code, ["input", "name"])]
    assert refused["category"] is None
    assert await CourseCategory.filter(course=district.course).count() == 1


@pytest.mark.parametrize(
    "look_alike",
    [
        "Cafe\u0301",
        "Caf\u00e9\u200b",
        "C\u200baf\u00e9",
        "\uff23\uff41\uff46\u00e9",
        "\u202eCAF\u00c9",
    ],
    ids=["decomposed", "zero-width-end", "zero-width-inside", "fullwidth", "rtl"],
)
async def test_a_name_that_only_looks_different_is_a_duplicate(
    api: Api, district: EditingDistrict, look_alike: str
) -> None:
    await _create(api, district, name="Caf\u00e9")

    refused = await _create(api, district, name=look_alike)

    assert codes_and_fields(refused) == [("DUPLICATE_NAME", ["input", "name"])]
    assert await CourseCategory.filter(course=district.course).count() == 1


async def test_invisible_characters_are_dropped_from_a_name_and_cannot_make_one(
    api: Api, district: EditingDistrict
) -> None:
    empty = await _create(api, district, name="\u200b\x00\u202e")
    created = await _create(api, district, name="Quiz\u200bzes\x00")

    assert codes_and_fields(empty) == [("NAME_REQUIRED", ["input", "name"])]
    assert created["category"]["name"] == "Quizzes"


async def test_a_name_of_fifty_characters_is_accepted(
    api: Api, district: EditingDistrict
) -> None:
    created = await _create(api, district, name="y" * 50)

    assert created["errors"] == []


@pytest.mark.parametrize(
    "weight", ["-1", "abc", "", "12.345", "1e3x", "NaN", "Infinity", "100000000"]
)
async def test_a_weight_must_be_a_number_of_zero_or_more_with_two_decimals(
    api: Api, district: EditingDistrict, weight: str
) -> None:
    refused = await _create(api, district, weight=weight)

    assert codes_and_fields(refused) == [("INVALID_WEIGHT", ["input", "weight"])]
    assert repr(weight) in refused["errors"][0]["message"]
    assert not await CourseCategory.exists(course=district.course)


@pytest.mark.parametrize(
    "weight",
    ["1e3", "1_000", "+5", "\u0661\u0662", "\uff12\uff15", "1.500", "1.2.3", "."],
    ids=[
        "exponent",
        "separator",
        "plus",
        "arabic-digits",
        "fullwidth-digits",
        "third-decimal",
        "two-points",
        "point-alone",
    ],
)
async def test_a_weight_is_plain_ascii_decimals_and_the_refusal_says_so(
    api: Api, district: EditingDistrict, weight: str
) -> None:
    refused = await _create(api, district, weight=weight)

    assert codes_and_fields(refused) == [("INVALID_WEIGHT", ["input", "weight"])]
    message = refused["errors"][0]["message"]
    assert "plain decimals" in message or "more than 2 decimals" in message
    assert not await CourseCategory.exists(course=district.course)


@pytest.mark.parametrize("weight", ["-0", " -0.00 ", "0"])
async def test_a_minus_zero_weight_is_stored_as_zero(
    api: Api, district: EditingDistrict, weight: str
) -> None:
    created = await _create(api, district, weight=weight)

    assert created["errors"] == []
    assert created["category"]["weight"] == "0.00"
    stored = await CourseCategory.get(course=district.course)
    assert str(stored.weight) == "0.00"


@pytest.mark.parametrize("field", ["dropLowest", "dropHighest", "sequence"])
async def test_counts_must_not_be_negative(
    api: Api, district: EditingDistrict, field: str
) -> None:
    refused = await _create(api, district, None, **{field: -1})

    assert codes_and_fields(refused) == [("INVALID_COUNT", ["input", field])]


async def test_every_mistake_is_reported_at_once_and_nothing_is_written(
    api: Api, district: EditingDistrict
) -> None:
    refused = await _create(api, district, name=" ", weight="-5", dropHighest=-1)

    assert codes_and_fields(refused) == [
        ("NAME_REQUIRED", ["input", "name"]),
        ("INVALID_WEIGHT", ["input", "weight"]),
        ("INVALID_COUNT", ["input", "dropHighest"]),
    ]
    assert not await CourseCategory.exists(course=district.course)
    assert await _log(district) == []


async def test_weights_may_all_be_zero_only_while_grades_are_not_weighted(
    api: Api, district: EditingDistrict
) -> None:
    unweighted = await _create(api, district, name="Participation", weight="0")
    await weight_by_category(district)

    refused = await _create(api, district, name="Effort", weight="0")
    created = await _create(api, district, name="Tests", weight="50")
    zeroed = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": created["category"]["id"], "weight": "0"}},
        "updateCourseCategory",
    )
    emptied = await mutate(
        api,
        DELETE,
        district.admin_token,
        {"id": created["category"]["id"]},
        "deleteCourseCategory",
    )

    assert unweighted["errors"] == []
    assert codes_and_fields(refused) == [("ALL_WEIGHTS_ZERO", ["input", "weight"])]
    assert codes_and_fields(zeroed) == [("ALL_WEIGHTS_ZERO", ["input", "weight"])]
    assert codes_and_fields(emptied) == [("ALL_WEIGHTS_ZERO", ["id"])]
    assert "weighted by category" in refused["errors"][0]["message"]


async def test_a_category_excluded_from_calculation_weighs_nothing(
    api: Api, district: EditingDistrict
) -> None:
    await weight_by_category(district)
    created = await _create(api, district, name="Tests", weight="50")
    await _create(api, district, name="Participation", weight="0")

    excluded = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": created["category"]["id"], "excludeFromCalculation": True}},
        "updateCourseCategory",
    )

    assert codes_and_fields(excluded) == [
        ("ALL_WEIGHTS_ZERO", ["input", "excludeFromCalculation"])
    ]


async def test_ids_of_the_wrong_type_or_unknown_ones_are_located(
    api: Api, district: EditingDistrict
) -> None:
    other_calendar = await builders.calendar(await builders.school(), "Elsewhere")
    foreign_task = await other_calendar.grading_tasks.all().first()
    assert foreign_task is not None

    wrong_types = await _create(
        api,
        district,
        courseId=district.section_id,
        gradingTaskIds=[district.task_id(district.quarter_grade), "not-an-id"],
    )
    unknown = await _create(
        api,
        district,
        courseId=global_id("Course", 999_999),
        gradingTaskIds=[district.task_id(foreign_task)],
    )
    foreign = await _create(
        api,
        district,
        gradingTaskIds=[
            district.task_id(district.quarter_grade),
            district.task_id(foreign_task),
        ],
    )

    assert codes_and_fields(wrong_types) == [
        ("INVALID_ID", ["input", "courseId"]),
        ("INVALID_ID", ["input", "gradingTaskIds", "1"]),
    ]
    assert codes_and_fields(unknown) == [("NOT_FOUND", ["input", "courseId"])]
    assert codes_and_fields(foreign) == [
        ("NOT_FOUND", ["input", "gradingTaskIds", "1"])
    ]
    assert not await CourseCategory.exists(course=district.course)


async def test_a_section_category_id_is_not_a_course_category_id(
    api: Api, district: EditingDistrict
) -> None:
    wrong = global_id("SectionCategory", 1)

    updated = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": wrong, "name": "X"}},
        "updateCourseCategory",
    )
    deleted = await mutate(
        api, DELETE, district.admin_token, {"id": wrong}, "deleteCourseCategory"
    )

    assert codes_and_fields(updated) == [("INVALID_ID", ["input", "id"])]
    assert codes_and_fields(deleted) == [("INVALID_ID", ["id"])]


async def test_a_teacher_cannot_edit_the_course_setup(
    api: Api, district: EditingDistrict
) -> None:
    category = (await _create(api, district))["category"]

    created = await _create(api, district, district.teacher_token, name="Mine")
    updated = await mutate(
        api,
        UPDATE,
        district.teacher_token,
        {"input": {"id": category["id"], "weight": "99"}},
        "updateCourseCategory",
    )
    advisory = await mutate(
        api,
        SET_ADVISORY,
        district.teacher_token,
        {"input": {"courseId": district.course_id, "advisory": True}},
        "setCourseAdvisory",
    )

    assert codes_and_fields(created) == [("FORBIDDEN", ["input", "courseId"])]
    assert codes_and_fields(updated) == [("FORBIDDEN", ["input", "id"])]
    assert codes_and_fields(advisory) == [("FORBIDDEN", ["input", "courseId"])]
    assert [c.name for c in await CourseCategory.filter(course=district.course)] == [
        "Homework"
    ]
    assert len(await _log(district)) == 1


async def test_another_schools_administrator_finds_no_such_course(
    api: Api, district: EditingDistrict
) -> None:
    category = (await _create(api, district))["category"]

    created = await _create(api, district, district.outsider_token, name="Mine")
    deleted = await mutate(
        api,
        DELETE,
        district.outsider_token,
        {"id": category["id"]},
        "deleteCourseCategory",
    )

    assert codes_and_fields(created) == [("NOT_FOUND", ["input", "courseId"])]
    assert codes_and_fields(deleted) == [("NOT_FOUND", ["id"])]
    assert deleted["errors"][0]["message"] == "No course category with that id."


async def test_a_district_administrator_edits_any_course(
    api: Api, district: EditingDistrict
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    created = await _create(api, district, token)

    assert created["errors"] == []


def _calc_options(district: EditingDistrict, **fields: Any) -> dict[str, Any]:
    return {
        "input": {
            "courseId": district.course_id,
            "termId": district.term_id(district.q1),
            "gradingTaskId": district.task_id(district.quarter_grade),
        }
        | fields
    }


async def test_administrator_sets_the_calc_options_of_a_term_and_task(
    api: Api, district: EditingDistrict
) -> None:
    await _create(api, district)

    first = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(district, lastNAssignments=10, gradingScale=" Letter A-F "),
        "setCourseCalcOptions",
    )
    second = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(district, weighted=False, roundingDecimals=2),
        "setCourseCalcOptions",
    )

    assert first["errors"] == []
    assert first["calcOptions"] == {
        "term": {"name": "Q1"},
        "gradingTask": {"name": "Quarter Grade"},
        "calcType": "IN_PROGRESS",
        "weighted": True,
        "useScorePercent": False,
        "lastNAssignments": 10,
        "roundingDecimals": 0,
        "roundingMode": "HALF_UP",
        "gradingScale": "Letter A-F",
    }
    options = second["calcOptions"]
    assert (options["weighted"], options["roundingDecimals"]) == (False, 2)
    assert (options["lastNAssignments"], options["gradingScale"]) == (None, None)
    log = [summary for _, _, summary in await _log(district)]
    assert log[1:] == [
        "calc options Q1 Quarter Grade: created",
        "calc options Q1 Quarter Grade: weighted true -> false,"
        " last n assignments 10 -> None, rounding decimals 0 -> 2,"
        " grading scale Letter A-F -> None",
    ]


async def test_calc_option_mistakes_are_located(
    api: Api, district: EditingDistrict
) -> None:
    other_calendar = await builders.calendar(await builders.school(), "Elsewhere")
    foreign_term = await other_calendar.terms.all().first()
    assert foreign_term is not None

    refused = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(
            district,
            termId=district.term_id(foreign_term),
            lastNAssignments=0,
            roundingDecimals=9,
            gradingScale="s" * 101,
        ),
        "setCourseCalcOptions",
    )

    assert codes_and_fields(refused) == [
        ("NOT_FOUND", ["input", "termId"]),
        ("INVALID_COUNT", ["input", "lastNAssignments"]),
        ("INVALID_COUNT", ["input", "roundingDecimals"]),
        ("INVALID_VALUE", ["input", "gradingScale"]),
    ]
    assert await _log(district) == []


async def test_weighting_by_category_needs_a_category_above_zero(
    api: Api, district: EditingDistrict
) -> None:
    await _create(api, district, weight="0")

    refused = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(district, weighted=True),
        "setCourseCalcOptions",
    )
    by_points = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(district, weighted=False),
        "setCourseCalcOptions",
    )

    assert codes_and_fields(refused) == [("ALL_WEIGHTS_ZERO", ["input", "weighted"])]
    assert by_points["errors"] == []


def _composite(
    district: EditingDistrict, *components: tuple[str, str]
) -> dict[str, Any]:
    return {
        "termId": district.term_id(district.q2),
        "gradingTaskId": district.task_id(district.semester_grade),
        "components": [
            {"gradingTaskId": task, "weight": weight} for task, weight in components
        ],
    }


async def _set_composites(
    api: Api, district: EditingDistrict, *composites: dict[str, Any]
) -> dict[str, Any]:
    variables = {"courseId": district.course_id, "composites": list(composites)}
    return await mutate(
        api,
        SET_COMPOSITES,
        district.admin_token,
        {"input": variables},
        "setCourseComposites",
    )


async def test_administrator_sets_and_removes_a_composite_grade(
    api: Api, district: EditingDistrict
) -> None:
    quarter = district.task_id(district.quarter_grade)
    exam = district.task_id(district.exam_grade)

    made = await _set_composites(
        api, district, _composite(district, (quarter, "80"), (exam, "20"))
    )
    again = await _set_composites(
        api, district, _composite(district, (exam, "20.00"), (quarter, "80"))
    )
    removed = await _set_composites(api, district, _composite(district))

    assert made["errors"] == []
    assert made["course"]["composites"] == [
        {
            "term": {"name": "Q2"},
            "gradingTask": {"name": "Semester Grade"},
            "components": [
                {"gradingTask": {"name": "Quarter Grade"}, "weight": "80.00"},
                {"gradingTask": {"name": "Exam Grade"}, "weight": "20.00"},
            ],
        }
    ]
    assert again["errors"] == []
    assert removed["course"]["composites"] == []
    assert [summary for _, _, summary in await _log(district)] == [
        "composite Q2 Semester Grade: Quarter Grade 80.00, Exam Grade 20.00",
        "removed composite Q2 Semester Grade",
    ]


async def test_composite_mistakes_are_located_and_nothing_is_written(
    api: Api, district: EditingDistrict
) -> None:
    quarter = district.task_id(district.quarter_grade)
    semester = district.task_id(district.semester_grade)
    exam = district.task_id(district.exam_grade)

    refused = await _set_composites(
        api,
        district,
        _composite(district, (quarter, "50")),
        _composite(
            district,
            (quarter, "0"),
            (semester, "10"),
            (quarter, "-2"),
            (exam, "ten"),
            ("bad", "1"),
        ),
    )

    path = ["input", "composites", "1"]
    assert codes_and_fields(refused) == [
        ("INVALID_ID", [*path, "components", "4", "gradingTaskId"]),
    ], "ids are read before anything else"

    refused = await _set_composites(
        api,
        district,
        _composite(district, (quarter, "50")),
        _composite(
            district, (quarter, "0"), (semester, "10"), (quarter, "-2"), (exam, "ten")
        ),
    )

    assert codes_and_fields(refused) == [
        ("INVALID_COMPOSITE", path),
        ("INVALID_WEIGHT", [*path, "components", "0", "weight"]),
        ("INVALID_COMPOSITE", [*path, "components", "1", "gradingTaskId"]),
        ("INVALID_WEIGHT", [*path, "components", "2", "weight"]),
        ("INVALID_COMPOSITE", [*path, "components", "2", "gradingTaskId"]),
        ("INVALID_WEIGHT", [*path, "components", "3", "weight"]),
    ]
    assert not await CourseComposite.exists(course=district.course)
    assert await _log(district) == []


async def test_composite_weights_follow_the_plain_decimal_rule(
    api: Api, district: EditingDistrict
) -> None:
    quarter = district.task_id(district.quarter_grade)
    exam = district.task_id(district.exam_grade)

    refused = await _set_composites(
        api, district, _composite(district, (quarter, "8e1"), (exam, "-0"))
    )

    path = ["input", "composites", "0", "components"]
    assert codes_and_fields(refused) == [
        ("INVALID_WEIGHT", [*path, "0", "weight"]),
        ("INVALID_WEIGHT", [*path, "1", "weight"]),
    ]
    assert "plain decimals" in refused["errors"][0]["message"]
    assert "greater than 0" in refused["errors"][1]["message"]
    assert not await CourseComposite.exists(course=district.course)


async def test_advisory_is_logged_only_when_it_changes(
    api: Api, district: EditingDistrict
) -> None:
    variables = {"input": {"courseId": district.course_id, "advisory": True}}

    first = await mutate(
        api, SET_ADVISORY, district.admin_token, variables, "setCourseAdvisory"
    )
    second = await mutate(
        api, SET_ADVISORY, district.admin_token, variables, "setCourseAdvisory"
    )

    assert first == second == {"course": {"advisory": True}, "errors": []}
    assert [summary for _, _, summary in await _log(district)] == [
        "advisory false -> true"
    ]


async def test_the_awaiting_push_report_names_who_last_changed_the_course(
    api: Api, district: EditingDistrict
) -> None:
    await _create(api, district, name="Homework")
    await _create(api, district, name="Tests")

    report = await course_report(district.course.pk, PushOptions())

    assert report is not None
    assert report.last_change is not None
    assert report.last_change.changed_by_id == district.admin.pk
    assert report.last_change.summary == "created category Tests (weight 25.00)"


async def test_edits_that_leave_weights_alone_pass_even_if_all_are_zero(
    api: Api, district: EditingDistrict
) -> None:
    # given a weighted course whose only category an import left at zero
    await weight_by_category(district)
    imported = await builders.course_category(district.course, "Imported", "0")

    renamed = await mutate(
        api,
        UPDATE,
        district.admin_token,
        {"input": {"id": global_id("CourseCategory", imported.pk), "name": "Kept"}},
        "updateCourseCategory",
    )
    rounded = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.admin_token,
        _calc_options(district, roundingDecimals=1),
        "setCourseCalcOptions",
    )

    assert renamed["errors"] == []
    assert rounded["errors"] == []
