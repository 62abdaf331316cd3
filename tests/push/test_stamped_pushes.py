"""Push stamps in use: sections left in line are skipped until something moves.

Each test watches which sections the push and the report load for planning:
a stamped section that is still in line is not loaded at all, and anything
that could change its plan makes it planned again.
"""

from collections.abc import Collection
from decimal import Decimal

import pytest

from models import (
    CourseCategory,
    PushRequest,
    PushSectionResult,
    Section,
    SectionCategory,
)
from models.push_request import PushStatus, SectionOutcome
from push import loading, stamps
from push.options import PushOptions
from push.report import calendar_report
from push.setup import SectionState
from tests.push.builders import (
    District,
    add_course_category,
    add_section,
    add_teacher_category,
    build_district,
)
from tests.push.inline import run_inline, submit_calendar_push


class _Loads:
    """The section ids the push and the report asked to load, call by call."""

    def __init__(self) -> None:
        self.section_ids: list[int] = []

    async def load(
        self, course_ids: Collection[int], section_ids: Collection[int] | None = None
    ) -> dict[int, list[SectionState]]:
        states = await loading.load_sections_of_courses(course_ids, section_ids)
        self.section_ids += [s.section_id for group in states.values() for s in group]
        return states


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> _Loads:
    recorded = _Loads()
    monkeypatch.setattr(stamps, "load_sections_of_courses", recorded.load)
    return recorded


async def _district_of_two_sections() -> tuple[District, Section, Section]:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    first = await add_section(district.course, "01", [district.q1])
    second = await add_section(district.course, "02", [district.q1])
    return district, first, second


DEFAULT_OPTIONS = PushOptions()


async def _push(
    district: District, options: PushOptions = DEFAULT_OPTIONS
) -> PushRequest:
    request = await submit_calendar_push(district.admin, district.calendar, options)
    ended = await run_inline(request)
    assert ended.status == PushStatus.COMPLETED
    return ended


async def test_an_unchanged_re_push_loads_no_section_and_records_them_unchanged(
    db: str, loads: _Loads
) -> None:
    district, first, second = await _district_of_two_sections()
    await _push(district)
    loads.section_ids.clear()

    again = await _push(district)

    assert loads.section_ids == []
    assert (again.sections_unchanged, again.sections_changed) == (2, 0)
    results = await PushSectionResult.filter(push_request_id=again.id).values(
        "section_id", "outcome", "changes"
    )
    assert sorted((r["section_id"], r["outcome"], r["changes"]) for r in results) == [
        (first.id, SectionOutcome.UNCHANGED, []),
        (second.id, SectionOutcome.UNCHANGED, []),
    ]


async def test_a_section_edit_brings_back_only_that_section(
    db: str, loads: _Loads
) -> None:
    district, first, _ = await _district_of_two_sections()
    await _push(district)
    loads.section_ids.clear()

    await SectionCategory.filter(section=first).update(weight=Decimal("99"))
    reports, _ = await calendar_report(district.calendar.id, PushOptions())
    again = await _push(district)

    assert [s.section_id for s in reports[0].sections] == [first.id]
    assert loads.section_ids == [first.id, first.id]
    assert (again.sections_changed, again.categories_updated) == (1, 1)


async def test_a_course_edit_brings_back_every_section_of_the_course(
    db: str, loads: _Loads
) -> None:
    district, first, second = await _district_of_two_sections()
    await _push(district)
    loads.section_ids.clear()

    await CourseCategory.filter(course=district.course).update(weight=Decimal("40"))
    again = await _push(district)

    assert sorted(loads.section_ids) == [first.id, second.id]
    assert again.categories_updated == 2


async def test_other_options_plan_the_sections_again(db: str, loads: _Loads) -> None:
    district, first, second = await _district_of_two_sections()
    await _push(district)
    loads.section_ids.clear()

    await _push(district, PushOptions(overwrite_categories=True))

    assert sorted(loads.section_ids) == [first.id, second.id]


async def test_a_section_keeping_a_category_in_use_is_planned_every_time(
    db: str, loads: _Loads
) -> None:
    district, first, _ = await _district_of_two_sections()
    await add_teacher_category(first, "Projects", assignments=2)
    overwrite = PushOptions(overwrite_categories=True)
    await _push(district, overwrite)
    loads.section_ids.clear()

    again = await _push(district, overwrite)

    assert loads.section_ids == [first.id]
    assert (again.sections_unchanged, again.categories_kept_in_use) == (2, 1)


async def test_a_write_between_loading_and_stamping_leaves_the_section_unstamped(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a first push during which a teacher adds a category to a section
    # just after the push loaded it
    district, first, second = await _district_of_two_sections()

    async def load_then_edit(
        course_ids: Collection[int], section_ids: Collection[int] | None = None
    ) -> dict[int, list[SectionState]]:
        states = await loading.load_sections_of_courses(course_ids, section_ids)
        await add_teacher_category(first, "Labs")
        return states

    monkeypatch.setattr(stamps, "load_sections_of_courses", load_then_edit)
    await _push(district)

    # then that section is pushed but not stamped: the next push plans it
    stamped = dict(await Section.all().values_list("id", "push_stamp"))
    assert stamped[first.id] is None
    assert stamped[second.id] is not None
