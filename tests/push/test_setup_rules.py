"""SPEC section 3, rules 6-10: calc options, composites, advisory, sessions."""

import datetime

import pytest

from models import (
    Course,
    PushRequest,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
)
from models.push_request import PushStatus
from push.errors import CalendarInSessionError, NothingToPushError
from push.loading import load_course_setup, load_section_states
from push.options import PushOptions
from push.plan import plan_section, plan_sections
from tests.push.builders import (
    District,
    add_calc_option,
    add_composite,
    add_course_category,
    add_section,
    add_teacher_category,
    build_district,
)
from tests.push.inline import run_inline, submit_calendar_push


async def _push(
    district: District, acknowledge: bool = False, **options: bool
) -> PushRequest:
    request = await submit_calendar_push(
        district.admin,
        district.calendar,
        PushOptions(**options),
        acknowledge=acknowledge,
    )
    return await run_inline(request)


async def test_calc_options_and_composites_go_only_to_the_terms_a_section_meets_in(
    db: str,
) -> None:
    # given course options for Q1 and Q2, and a section that meets in Q1 only
    district = await build_district()
    for term in (district.q1, district.q2):
        await add_calc_option(district.course, term, district.quarter)
        await add_composite(
            district.course, term, district.semester, {district.quarter: "100"}
        )
    q1_only = await add_section(district.course, "01", [district.q1])
    both = await add_section(district.course, "02", [district.q1, district.q2])

    # when pushed
    await _push(district)

    # then each section has options for its own terms, locked
    assert await _terms_of(q1_only) == {district.q1.id}
    assert await _terms_of(both) == {district.q1.id, district.q2.id}
    assert await SectionComposite.filter(section=q1_only).count() == 1
    assert all(o.locked for o in await SectionCalcOption.filter(section=both))


async def _terms_of(section: Section) -> set[int]:
    return {o.term_id for o in await SectionCalcOption.filter(section=section)}  # type: ignore[attr-defined]


async def test_composite_weight_change_reaches_the_sections(db: str) -> None:
    district = await build_district()
    await add_composite(
        district.course, district.q1, district.semester, {district.quarter: "50"}
    )
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)

    await SectionComposite.filter(section=section).delete()
    request = await _push(district)

    composite = await SectionComposite.get(section=section).prefetch_related("parts")
    assert [str(p.weight) for p in composite.parts] == ["50.00"]
    assert request.sections_changed == 1


async def test_advisory_flag_follows_the_course_both_ways(db: str) -> None:
    district = await build_district()
    section = await add_section(district.course, "01", [district.q1])
    await Course.filter(id=district.course.id).update(advisory=True)
    await _push(district)
    assert (await Section.get(id=section.id)).advisory

    await Course.filter(id=district.course.id).update(advisory=False)
    await _push(district)

    assert not (await Section.get(id=section.id)).advisory


async def test_unticked_components_are_left_exactly_as_they_are(db: str) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    await add_calc_option(district.course, district.q1, district.quarter)
    await Course.filter(id=district.course.id).update(advisory=True)
    section = await add_section(district.course, "01", [district.q1])

    await _push(district, categories=False, grade_calc_options=False)

    assert await SectionCategory.filter(section=section).count() == 0
    assert await SectionCalcOption.filter(section=section).count() == 0
    assert (await Section.get(id=section.id)).advisory


async def test_a_section_already_in_line_is_not_written(db: str) -> None:
    district = await build_district()
    await add_course_category(district.course, "Homework")
    section = await add_section(district.course, "01", [district.q1])
    await _push(district)
    before = await SectionCategory.get(section=section)

    request = await _push(district)

    after = await SectionCategory.get(section=section)
    assert request.sections_unchanged == 1
    assert (after.id, after.name, after.weight) == (
        before.id,
        before.name,
        before.weight,
    )


async def test_calendar_in_session_needs_acknowledgement(db: str) -> None:
    district = await build_district(start=datetime.date(2020, 8, 20))

    with pytest.raises(CalendarInSessionError) as refused:
        await _push(district)

    assert "acknowledgeInSession" in str(refused.value)
    request = await _push(district, acknowledge=True)
    assert request.status == PushStatus.COMPLETED


async def test_a_request_with_no_component_ticked_is_refused(db: str) -> None:
    district = await build_district()

    with pytest.raises(NothingToPushError):
        await _push(
            district,
            categories=False,
            grade_calc_options=False,
            composite_grades=False,
            advisory=False,
        )


async def test_blank_sections_sharing_terms_share_a_plan_but_not_their_ids(
    db: str,
) -> None:
    # given a course setup and blank sections: two meet in Q1, one in Q1 and Q2,
    # one already has a teacher category
    district = await build_district()
    await add_course_category(district.course, "Homework")
    await add_calc_option(district.course, district.q1, district.quarter)
    await add_calc_option(district.course, district.q2, district.quarter)
    sections = [
        await add_section(district.course, "01", [district.q1]),
        await add_section(district.course, "02", [district.q1]),
        await add_section(district.course, "03", [district.q1, district.q2]),
        await add_section(district.course, "04", [district.q1]),
    ]
    await add_teacher_category(sections[3], "Labs")
    course = await load_course_setup(district.course.id)
    states = await load_section_states(district.course.id)

    # when they are planned together
    plans = plan_sections(course, states, PushOptions(overwrite_categories=True))

    # then each plan is the one planned on its own
    assert plans == [
        plan_section(course, state, PushOptions(overwrite_categories=True))
        for state in states
    ]
    assert [plan.section_id for plan in plans] == [s.id for s in sections]
