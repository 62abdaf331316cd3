"""Teachers keep categories of their own in their sections, over HTTP; what a
push placed there is managed by the course and refused."""

from decimal import Decimal
from typing import Any

import pytest

from models import (
    Assignment,
    CategoryOrigin,
    CourseSetupChange,
    Role,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionTerm,
)
from models.base import name_key
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

CATEGORY = "id name weight origin locked courseCategory { name }"
CREATE = f"""
mutation ($input: CreateSectionCategoryInput!) {{
  createSectionCategory(input: $input) {{ category {{ {CATEGORY} }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateCategoryInput!) {{
  updateSectionCategory(input: $input) {{ category {{ {CATEGORY} }} {ERRORS} }}
}}
"""
DELETE = f"""
mutation ($id: ID!) {{
  deleteSectionCategory(id: $id) {{
    deletedId section {{ categories {{ name }} }} {ERRORS}
  }}
}}
"""
SET_CALC_OPTIONS = f"""
mutation ($input: SetSectionCalcOptionsInput!) {{
  setSectionCalcOptions(input: $input) {{
    calcOptions {{ term {{ name }} weighted locked }} {ERRORS}
  }}
}}
"""
SET_COMPOSITES = f"""
mutation ($input: SetSectionCompositesInput!) {{
  setSectionComposites(input: $input) {{
    section {{ composites {{ locked components {{ weight }} }} }} {ERRORS}
  }}
}}
"""


@pytest.fixture
async def district(api: Api) -> EditingDistrict:
    return await build_editing_district()


async def _create(
    api: Api, district: EditingDistrict, token: str | None = None, **fields: Any
) -> dict[str, Any]:
    variables = {"sectionId": district.section_id, "name": "Projects", "weight": "20"}
    return await mutate(
        api,
        CREATE,
        token or district.teacher_token,
        {"input": variables | fields},
        "createSectionCategory",
    )


async def _update(
    api: Api, district: EditingDistrict, category_id: str, **fields: Any
) -> dict[str, Any]:
    return await mutate(
        api,
        UPDATE,
        district.teacher_token,
        {"input": {"id": category_id} | fields},
        "updateSectionCategory",
    )


async def _delete(
    api: Api, district: EditingDistrict, category_id: str, token: str | None = None
) -> dict[str, Any]:
    return await mutate(
        api,
        DELETE,
        token or district.teacher_token,
        {"id": category_id},
        "deleteSectionCategory",
    )


async def _pushed_copy(district: EditingDistrict, name: str = "Homework") -> str:
    """A locked copy of a course category, as a push leaves it in the section."""
    original = await builders.course_category(district.course, name, "40")
    copy = await SectionCategory.create(
        section=district.section,
        course_category=original,
        name=name,
        name_key=name_key(name),
        weight=Decimal(40),
        origin=CategoryOrigin.PUSHED,
        locked=True,
    )
    return global_id("SectionCategory", copy.pk)


async def _names(district: EditingDistrict) -> list[str]:
    rows = SectionCategory.filter(section=district.section).order_by("id")
    return [row["name"] for row in await rows.values("name")]


async def test_teacher_creates_a_category_of_their_own(
    api: Api, district: EditingDistrict
) -> None:
    created = await _create(api, district, name=" Lab   work", weight="15.5")

    assert created["errors"] == []
    assert created["category"] | {"id": None} == {
        "id": None,
        "name": "Lab work",
        "weight": "15.50",
        "origin": "TEACHER",
        "locked": False,
        "courseCategory": None,
    }


async def test_teacher_changes_and_deletes_a_category_of_their_own(
    api: Api, district: EditingDistrict
) -> None:
    category_id = (await _create(api, district))["category"]["id"]

    updated = await _update(
        api, district, category_id, name="Big projects", weight="30"
    )
    deleted = await _delete(api, district, category_id)

    assert updated["errors"] == []
    assert (updated["category"]["name"], updated["category"]["weight"]) == (
        "Big projects",
        "30.00",
    )
    assert deleted["errors"] == []
    assert deleted["deletedId"] == category_id
    assert deleted["section"]["categories"] == []


async def test_section_edits_are_not_course_setup_changes(
    api: Api, district: EditingDistrict
) -> None:
    category_id = (await _create(api, district))["category"]["id"]
    await _update(api, district, category_id, weight="30")
    await _delete(api, district, category_id)

    assert not await CourseSetupChange.exists(course=district.course)


async def test_a_pushed_category_is_managed_by_the_course(
    api: Api, district: EditingDistrict
) -> None:
    pushed = await _pushed_copy(district)

    updated = await _update(api, district, pushed, weight="99")
    deleted = await _delete(api, district, pushed)

    assert codes_and_fields(updated) == [("MANAGED_BY_COURSE", ["input", "id"])]
    assert codes_and_fields(deleted) == [("MANAGED_BY_COURSE", ["id"])]
    assert "managed by the course" in updated["errors"][0]["message"]
    copy = await SectionCategory.get(section=district.section)
    assert (copy.name, copy.weight) == ("Homework", Decimal(40))


async def test_an_administrator_cannot_edit_a_pushed_category_in_the_section_either(
    api: Api, district: EditingDistrict
) -> None:
    pushed = await _pushed_copy(district)

    deleted = await _delete(api, district, pushed, district.admin_token)

    assert codes_and_fields(deleted) == [("MANAGED_BY_COURSE", ["id"])]


async def test_a_teacher_name_may_not_clash_with_a_pushed_one(
    api: Api, district: EditingDistrict
) -> None:
    await _pushed_copy(district, "Homework")

    refused = await _create(api, district, name="HOMEWORK ")

    assert codes_and_fields(refused) == [("DUPLICATE_NAME", ["input", "name"])]
    assert "already has a category named 'Homework'" in refused["errors"][0]["message"]


async def test_a_fullwidth_or_zero_width_look_alike_clashes_with_a_pushed_name(
    api: Api, district: EditingDistrict
) -> None:
    await _pushed_copy(district, "Homework")
    fullwidth = "\uff28\uff4f\uff4d\uff45\uff57\uff4f\uff52\uff4b"

    refused = [
        await _create(api, district, name=name)
        for name in (fullwidth, "Home\u200bwork", "Homework\u202e")
    ]

    assert [codes_and_fields(answer) for answer in refused] == [
        [("DUPLICATE_NAME", ["input", "name"])]
    ] * 3


async def test_the_same_name_in_another_section_is_fine(
    api: Api, district: EditingDistrict
) -> None:
    await _create(api, district, name="Projects")

    created = await _create(
        api,
        district,
        district.other_teacher_token,
        sectionId=global_id("Section", district.other_section.pk),
        name="Projects",
    )

    assert created["errors"] == []


async def test_a_category_that_holds_assignments_is_never_deleted(
    api: Api, district: EditingDistrict
) -> None:
    category_id = (await _create(api, district))["category"]["id"]
    await Assignment.create(
        source_id="essay-1",
        section=district.section,
        category=await SectionCategory.get(section=district.section),
        name="Essay",
        points_possible=Decimal(10),
    )

    refused = await _delete(api, district, category_id)

    assert codes_and_fields(refused) == [("CATEGORY_IN_USE", ["id"])]
    assert "holds 1 assignment" in refused["errors"][0]["message"]
    assert await _names(district) == ["Projects"]
    assert await Assignment.exists(source_id="essay-1")


async def test_a_teacher_cannot_edit_another_teachers_section(
    api: Api, district: EditingDistrict
) -> None:
    category_id = (await _create(api, district))["category"]["id"]

    created = await _create(api, district, district.other_teacher_token, name="Mine")
    updated = await mutate(
        api,
        UPDATE,
        district.other_teacher_token,
        {"input": {"id": category_id, "name": "Taken"}},
        "updateSectionCategory",
    )
    deleted = await _delete(api, district, category_id, district.other_teacher_token)

    assert codes_and_fields(created) == [("NOT_FOUND", ["input", "sectionId"])]
    assert codes_and_fields(updated) == [("NOT_FOUND", ["input", "id"])]
    assert codes_and_fields(deleted) == [("NOT_FOUND", ["id"])]
    assert await _names(district) == ["Projects"]


async def test_the_sections_administrator_may_edit_its_categories(
    api: Api, district: EditingDistrict
) -> None:
    created = await _create(api, district, district.admin_token)
    outside = await _create(api, district, district.outsider_token)

    assert created["errors"] == []
    assert codes_and_fields(outside) == [("NOT_FOUND", ["input", "sectionId"])]


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"name": "  "}, "NAME_REQUIRED", "name"),
        ({"name": "n" * 51}, "NAME_TOO_LONG", "name"),
        ({"weight": "-0.01"}, "INVALID_WEIGHT", "weight"),
        ({"weight": "twenty"}, "INVALID_WEIGHT", "weight"),
        ({"weight": "0.001"}, "INVALID_WEIGHT", "weight"),
        ({"dropLowest": -1}, "INVALID_COUNT", "dropLowest"),
        ({"dropHighest": -3}, "INVALID_COUNT", "dropHighest"),
    ],
)
async def test_section_category_mistakes_are_located(
    api: Api,
    district: EditingDistrict,
    fields: dict[str, Any],
    code: str,
    field: str,
) -> None:
    category_id = (await _create(api, district))["category"]["id"]

    refused_create = await _create(api, district, None, **{"name": "New"} | fields)
    refused_update = await _update(api, district, category_id, **fields)

    assert codes_and_fields(refused_create) == [(code, ["input", field])]
    assert codes_and_fields(refused_update) == [(code, ["input", field])]
    category = await SectionCategory.get(section=district.section)
    assert (category.name, category.weight, category.drop_lowest) == (
        "Projects",
        Decimal(20),
        0,
    )


async def test_ids_of_the_wrong_type_or_foreign_ones_are_located(
    api: Api, district: EditingDistrict
) -> None:
    course_category = await builders.course_category(district.course, "Tests", "10")
    other_calendar = await builders.calendar(await builders.school(), "Elsewhere")
    foreign_task = await other_calendar.grading_tasks.all().first()
    assert foreign_task is not None

    wrong_section = await _create(api, district, sectionId=district.course_id)
    wrong_category = await _update(
        api, district, global_id("CourseCategory", course_category.pk), name="X"
    )
    foreign = await _create(
        api, district, gradingTaskIds=[district.task_id(foreign_task)]
    )
    unknown = await _delete(api, district, global_id("SectionCategory", 999_999))

    assert codes_and_fields(wrong_section) == [("INVALID_ID", ["input", "sectionId"])]
    assert codes_and_fields(wrong_category) == [("INVALID_ID", ["input", "id"])]
    assert codes_and_fields(foreign) == [
        ("NOT_FOUND", ["input", "gradingTaskIds", "0"])
    ]
    assert codes_and_fields(unknown) == [("NOT_FOUND", ["id"])]
    assert await _names(district) == []


async def test_a_weighted_section_needs_a_category_above_zero(
    api: Api, district: EditingDistrict
) -> None:
    await weight_by_category(district)

    refused = await _create(api, district, weight="0")
    created = await _create(api, district, weight="10")

    assert codes_and_fields(refused) == [("ALL_WEIGHTS_ZERO", ["input", "weight"])]
    assert "Section 1 of course ENG1" in refused["errors"][0]["message"]
    assert created["errors"] == []


def _calc_options(district: EditingDistrict, **fields: Any) -> dict[str, Any]:
    return {
        "input": {
            "sectionId": district.section_id,
            "termId": district.term_id(district.q2),
            "gradingTaskId": district.task_id(district.quarter_grade),
            "weighted": False,
        }
        | fields
    }


async def test_teacher_sets_own_calc_options_but_not_pushed_ones(
    api: Api, district: EditingDistrict
) -> None:
    await weight_by_category(district)

    own = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.teacher_token,
        _calc_options(district),
        "setSectionCalcOptions",
    )
    pushed = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.teacher_token,
        _calc_options(district, termId=district.term_id(district.q1)),
        "setSectionCalcOptions",
    )

    assert own == {
        "calcOptions": {"term": {"name": "Q2"}, "weighted": False, "locked": False},
        "errors": [],
    }
    assert codes_and_fields(pushed) == [("MANAGED_BY_COURSE", ["input", "termId"])]
    locked = await SectionCalcOption.get(section=district.section, term=district.q1)
    assert locked.weighted is True


async def test_section_calc_options_only_for_terms_the_section_meets_in(
    api: Api, district: EditingDistrict
) -> None:
    await SectionTerm.filter(section=district.section, term=district.q2).delete()

    refused = await mutate(
        api,
        SET_CALC_OPTIONS,
        district.teacher_token,
        _calc_options(district),
        "setSectionCalcOptions",
    )

    assert codes_and_fields(refused) == [("NOT_FOUND", ["input", "termId"])]
    assert "does not meet in term Q2" in refused["errors"][0]["message"]


async def test_a_pushed_composite_is_managed_by_the_course(
    api: Api, district: EditingDistrict
) -> None:
    await SectionComposite.create(
        section=district.section,
        term=district.q2,
        grading_task=district.semester_grade,
        locked=True,
    )
    composite = {
        "termId": district.term_id(district.q2),
        "gradingTaskId": district.task_id(district.semester_grade),
        "components": [
            {"gradingTaskId": district.task_id(district.quarter_grade), "weight": "1"}
        ],
    }
    own = composite | {"termId": district.term_id(district.q1)}

    refused = await mutate(
        api,
        SET_COMPOSITES,
        district.teacher_token,
        {"input": {"sectionId": district.section_id, "composites": [own, composite]}},
        "setSectionComposites",
    )
    accepted = await mutate(
        api,
        SET_COMPOSITES,
        district.teacher_token,
        {"input": {"sectionId": district.section_id, "composites": [own]}},
        "setSectionComposites",
    )

    assert codes_and_fields(refused) == [
        ("MANAGED_BY_COURSE", ["input", "composites", "1"])
    ]
    assert accepted["errors"] == []
    assert sorted(
        (c["locked"], c["components"]) for c in accepted["section"]["composites"]
    ) == [(False, [{"weight": "1.00"}]), (True, [])]


async def test_a_district_administrator_edits_any_sections_categories(
    api: Api, district: EditingDistrict
) -> None:
    _, district_admin_token = await builders.user(Role.DISTRICT_ADMIN)

    created = await _create(api, district, district_admin_token)

    assert created["errors"] == []
