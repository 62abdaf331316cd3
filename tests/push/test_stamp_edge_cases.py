"""Push stamps under pressure: the push and the report never skip a section
that is not in line, record a wrong result, or fail where a push without
stamps would not (a review tried each of these; the ones that broke are fixed).

The oracle: planning every section from scratch (`load_course_setup`,
`load_section_states`, `plan_section`) says which sections have writes; the
report must list exactly those, and a push must change exactly those.
"""

import asyncio
from pathlib import Path

import asyncpg
import pytest

from importers.oneroster import import_oneroster
from models import (
    Assignment,
    Calendar,
    Course,
    CourseCalcOption,
    CourseCategory,
    GradingTask,
    PushRequest,
    PushSectionResult,
    Section,
    SectionCategory,
    SectionTerm,
    Term,
    User,
)
from models.push_request import PushStatus, SectionOutcome
from models.user import Role
from push import course_push, loading, lock_waits, stamps
from push.course_push import push_courses
from push.loading import load_course_setup, load_section_states
from push.options import PushOptions
from push.plan import plan_section
from push.report import calendar_report
from push.requests import begin_push
from push.rows import fetch
from tests.conftest import BACKEND
from tests.importers import oneroster_files
from tests.push.builders import (
    District,
    add_calc_option,
    add_composite,
    add_course_category,
    add_section,
    add_teacher_category,
    build_district,
)
from tests.push.faults import allow_categories_for, refuse_categories_for
from tests.push.inline import run_inline, submit_calendar_push

ALL = PushOptions()
postgres_only = pytest.mark.skipif(
    BACKEND != "postgres", reason="row locks and concurrent sessions: PostgreSQL"
)


# --- the oracle ------------------------------------------------------------


async def _course_ids(district: District) -> list[int]:
    rows = await Course.filter(calendar_id=district.calendar.id).values("id")
    return sorted(row["id"] for row in rows)


async def _pending_from_scratch(district: District, options: PushOptions) -> set[int]:
    """Sections whose plan, made from nothing cached, has writes."""
    pending: set[int] = set()
    for course_id in await _course_ids(district):
        setup = await load_course_setup(course_id)
        for state in await load_section_states(course_id):
            if plan_section(setup, state, options).has_writes:
                pending.add(state.section_id)
    return pending


async def _reported(district: District, options: PushOptions) -> set[int]:
    reports, _ = await calendar_report(district.calendar.id, options)
    return {section.section_id for report in reports for section in report.sections}


async def _push(
    district: District, options: PushOptions = ALL
) -> tuple[PushRequest, dict[int, SectionOutcome]]:
    request = await submit_calendar_push(
        district.admin, district.calendar, options, acknowledge=True
    )
    ended = await run_inline(request)
    rows = await PushSectionResult.filter(push_request_id=ended.id).values(
        "section_id", "outcome"
    )
    return ended, {row["section_id"]: SectionOutcome(row["outcome"]) for row in rows}


async def _assert_report_and_push_match_scratch(
    district: District, options: PushOptions = ALL
) -> set[int]:
    """The report lists, and a push changes, exactly what planning from scratch
    finds; afterwards nothing is pending."""
    pending = await _pending_from_scratch(district, options)
    reported = await _reported(district, options)
    ended, outcomes = await _push(district, options)
    changed = {s for s, o in outcomes.items() if o == SectionOutcome.CHANGED}
    left = await _pending_from_scratch(district, options)
    seen = {
        "reported": reported,
        "pushed": changed,
        "counted": ended.sections_changed,
        "left": left,
    }
    assert seen == {
        "reported": pending,
        "pushed": pending,
        "counted": len(pending),
        "left": set(),
    }
    return pending


async def _stamped_district() -> tuple[District, Section, Section]:
    """A course with a category, a calc option and a composite in both quarters,
    two sections meeting in Q1, pushed once so that both are stamped."""
    district = await build_district()
    course = district.course
    await add_course_category(course, "Homework")
    for term in (district.q1, district.q2):
        await add_calc_option(course, term, district.quarter)
    await add_composite(
        course, district.q1, district.semester, {district.quarter: "100"}
    )
    first = await add_section(course, "01", [district.q1])
    second = await add_section(course, "02", [district.q1])
    ended, _ = await _push(district)
    assert ended.status == PushStatus.COMPLETED
    stamped = dict(await Section.all().values_list("id", "push_stamp"))
    assert stamped[first.id]
    assert stamped[second.id]
    assert await _pending_from_scratch(district, ALL) == set()
    return district, first, second


# --- what a review found broken, now fixed ---------------------------------


async def test_a_stale_course_object_saved_after_a_setup_edit_hides_nothing(
    db: str,
) -> None:
    # given a stamped course whose object was read before an admin edited its
    # setup (any code that loads a Course and later saves it whole: a rename,
    # a number change), saved after the edit
    district, first, second = await _stamped_district()
    course = await Course.get(id=district.course.id)
    await add_course_category(district.course, "Quizzes", sequence=2)
    course.name = "Algebra One"
    await course.save()

    # then the new category is pending in both sections, and the report and a
    # push must see it (the save wrote the old setup_revision back)
    assert await _pending_from_scratch(district, ALL) == {first.id, second.id}
    await _assert_report_and_push_match_scratch(district)


async def test_a_stale_section_object_saved_after_a_new_term_hides_nothing(
    db: str,
) -> None:
    # given a stamped section, read as an object; the roster then adds Q2 to it
    # (the course has a calc option for Q2) and the object is saved whole
    district, first, _ = await _stamped_district()
    section = await Section.get(id=first.id)
    await SectionTerm.create(section_id=first.id, term=district.q2)
    section.number = "01A"
    await section.save()

    # then the Q2 calc option is pending for that section
    assert await _pending_from_scratch(district, ALL) == {first.id}
    await _assert_report_and_push_match_scratch(district)


async def test_a_course_object_kept_from_creation_and_saved_later_hides_nothing(
    db: str,
) -> None:
    # given a course with no setup yet, pushed (its sections are stamped in
    # line at course revision 0); the admin then gives it a category, and the
    # Course object kept since creation is saved whole (setup_revision 0)
    district = await build_district()
    course = district.course  # created by build_district, setup_revision 0
    first = await add_section(course, "01", [district.q1])
    await _push(district)
    await add_course_category(course, "Homework")
    course.advisory = False  # unchanged flag; any whole-object save does it
    await course.save()

    assert await _pending_from_scratch(district, ALL) == {first.id}
    await _assert_report_and_push_match_scratch(district)


@postgres_only
async def test_a_session_holding_a_sections_row_fails_that_section_alone(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two sections to push, and a gradebook import (another session)
    # that has added an assignment to the first and not committed yet: the
    # trigger bumped that section's revision, so the import holds its row
    monkeypatch.setattr(lock_waits, "SECTION_LOCK_SECONDS", 1.0)
    district = await build_district()
    await add_course_category(district.course, "Homework")
    first = await add_section(district.course, "01", [district.q1])
    second = await add_section(district.course, "02", [district.q1])
    labs = await add_teacher_category(first, "Labs")

    importer = await asyncpg.connect(db)
    try:
        await importer.execute("BEGIN")
        await importer.execute(
            "INSERT INTO assignment (source_id, section_id, category_id, name,"
            " points_possible) VALUES ('import-1', $1, $2, 'Lab 1', 10)",
            first.id,
            labs.id,
        )

        # when the push runs meanwhile (its writes to the first section need
        # no lock the import holds: a new category copy)
        request = await submit_calendar_push(district.admin, district.calendar)
        for course_ids in await begin_push(request.id):
            await push_courses(request.id, course_ids)
    finally:
        await importer.execute("ROLLBACK")
        await importer.close()

    # then, as before push stamps, the batch goes through: at worst the first
    # section fails, the second is pushed
    ended = await PushRequest.get(id=request.id)
    assert ended.status in (PushStatus.COMPLETED, PushStatus.COMPLETED_WITH_ERRORS)
    outcomes = dict(
        await PushSectionResult.filter(push_request_id=request.id).values_list(
            "section_id", "outcome"
        )
    )
    assert outcomes[second.id] == SectionOutcome.CHANGED


@postgres_only
async def test_an_import_adding_assignments_during_a_push_waits_and_both_go_through(
    db: str,
) -> None:
    # given two sections to push, and a gradebook import (another session,
    # one transaction) that has added an assignment to the first section
    district = await build_district()
    await add_course_category(district.course, "Homework")
    first = await add_section(district.course, "01", [district.q1])
    second = await add_section(district.course, "02", [district.q1])
    first_labs = await add_teacher_category(first, "Labs")
    second_labs = await add_teacher_category(second, "Labs")
    insert = (
        "INSERT INTO assignment (source_id, section_id, category_id, name,"
        " points_possible) VALUES ($1, $2, $3, 'Lab 1', 10)"
    )
    importer = await asyncpg.connect(db)
    await importer.execute("BEGIN")
    await importer.execute(insert, "import-1", first.id, first_labs.id)

    # when the push runs meanwhile, and the import then adds an assignment to
    # the second section and commits
    async def push() -> None:
        request = await submit_calendar_push(district.admin, district.calendar)
        for course_ids in await begin_push(request.id):
            await push_courses(request.id, course_ids)

    pushing = asyncio.create_task(push())
    try:
        await asyncio.sleep(0.5)
        await importer.execute(insert, "import-2", second.id, second_labs.id)
        await importer.execute("COMMIT")
        await asyncio.wait_for(pushing, 30)
    finally:
        await importer.close()

    # then both went through: the push locks sections in id order, so the
    # two never wait for each other at once
    assert await Assignment.filter(source_id__in=["import-1", "import-2"]).count() == 2
    ended = await PushRequest.filter(calendar_id=district.calendar.id).first()
    assert ended is not None
    assert (ended.status, ended.sections_changed) == (PushStatus.COMPLETED, 2)


async def test_a_redelivery_that_read_before_the_first_committed_does_not_raise(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given stamped sections and a push request whose batch message is
    # delivered twice: the second delivery read the request (running) and the
    # sections with results (none) just before the first delivery committed.
    # (asyncio.gather of two push_courses shows the same: every run on SQLite,
    # most runs on PostgreSQL.)
    district, _, _ = await _stamped_district()
    request = await submit_calendar_push(district.admin, district.calendar)
    (batch,) = await begin_push(request.id)
    running = await PushRequest.get(id=request.id)
    await push_courses(request.id, batch)

    async def nothing_done_yet(*_: object) -> set[int]:
        return set()

    monkeypatch.setattr(course_push, "_sections_with_results", nothing_done_yet)

    # when the second delivery goes on: its sections are all in line by stamp
    # and recorded unchanged; before stamps those inserts ignored conflicts
    await course_push._push_sections(running, batch)

    # then it does not raise, and the request counts each section once
    ended = await PushRequest.get(id=request.id)
    assert ended.status == PushStatus.COMPLETED
    assert (ended.sections_unchanged, ended.sections_changed) == (2, 0)


# --- risky cases that hold ---------------------------------------------------


async def _delete_course_category(district: District) -> None:
    await CourseCategory.filter(course=district.course, name="Homework").delete()


async def _delete_term(district: District) -> None:
    await Term.filter(id=district.q1.id).delete()


async def _delete_grading_task(district: District) -> None:
    await GradingTask.filter(id=district.semester.id).delete()


async def _unlock_pushed_copy(district: District) -> None:
    await SectionCategory.filter(name="Homework").update(locked=False)


async def _raw_sql_course_weight(district: District) -> None:
    await fetch(
        "UPDATE course_category SET weight = 40 WHERE course_id = ?",
        district.course.id,
    )


async def _bulk_update_sections_advisory(district: District) -> None:
    sections = await Section.filter(course=district.course)
    for section in sections:
        section.advisory = True
    await Section.bulk_update(sections, ["advisory"])


async def _calc_option_update_fields(district: District) -> None:
    option = await CourseCalcOption.filter(course=district.course).first()
    assert option is not None
    option.weighted = False
    await option.save(update_fields=["weighted"])


CASCADES = {
    "course category deleted (copies set null)": _delete_course_category,
    "term deleted (cascades course and section rows)": _delete_term,
    "grading task deleted (cascades composites)": _delete_grading_task,
    "pushed copy unlocked": _unlock_pushed_copy,
    "raw SQL on a course category": _raw_sql_course_weight,
    "bulk_update of section advisory": _bulk_update_sections_advisory,
    "calc option save(update_fields)": _calc_option_update_fields,
}


@pytest.mark.parametrize("write", CASCADES)
async def test_writes_and_cascades_after_a_push_bring_sections_back(
    db: str, write: str
) -> None:
    district, _, _ = await _stamped_district()
    await CASCADES[write](district)
    await _assert_report_and_push_match_scratch(district)


async def test_a_section_moved_to_another_course_and_back_is_planned_each_time(
    db: str,
) -> None:
    district, first, _ = await _stamped_district()
    other = await Course.create(
        source_id="course-2", calendar=district.calendar, number="GEO", name="Geo"
    )
    await add_course_category(other, "Labs")
    # a second course pushed too, so its own sections are stamped
    await add_section(other, "G1", [district.q1])
    await _assert_report_and_push_match_scratch(district)

    await Section.filter(id=first.id).update(course_id=other.id)
    assert first.id in await _assert_report_and_push_match_scratch(district)
    await Section.filter(id=first.id).update(course_id=district.course.id)
    assert first.id in await _assert_report_and_push_match_scratch(district)


async def test_subset_options_then_all_then_subset_again(db: str) -> None:
    district, first, second = await _stamped_district()
    await add_course_category(district.course, "Quizzes", sequence=2)
    await Course.filter(id=district.course.id).update(advisory=True)
    only_categories = PushOptions(
        grade_calc_options=False, composite_grades=False, advisory=False
    )
    only_advisory = PushOptions(
        categories=False, grade_calc_options=False, composite_grades=False
    )

    assert await _assert_report_and_push_match_scratch(district, only_categories)
    # advisory still pending under all options, though categories are stamped
    assert await _assert_report_and_push_match_scratch(district, ALL) == {
        first.id,
        second.id,
    }
    assert not await _assert_report_and_push_match_scratch(district, only_advisory)


async def test_overwrite_then_default_with_a_teacher_category_added_between(
    db: str,
) -> None:
    district, first, _ = await _stamped_district()
    overwrite = PushOptions(overwrite_categories=True)
    assert not await _assert_report_and_push_match_scratch(district, overwrite)
    # a teacher category that only an overwrite push deletes
    await add_teacher_category(first, "Labs")
    assert await _assert_report_and_push_match_scratch(district, ALL) == set()
    assert await _assert_report_and_push_match_scratch(district, overwrite) == {
        first.id
    }


async def test_a_section_failing_in_the_batch_is_neither_bumped_nor_stamped(
    db: str,
) -> None:
    # given a course edit pending for both sections, one of which refuses it
    district, first, second = await _stamped_district()
    await add_course_category(district.course, "Quizzes", sequence=2)
    await refuse_categories_for(first.id)
    _, outcomes = await _push(district)
    assert outcomes == {
        first.id: SectionOutcome.FAILED,
        second.id: SectionOutcome.CHANGED,
    }

    # then the failed one is still pending, and pushed by the next push
    await allow_categories_for(first.id)
    assert await _assert_report_and_push_match_scratch(district) == {first.id}


async def test_a_teacher_edit_committed_between_load_and_stamp_is_not_hidden(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a pending course edit; while the push plans (after it loaded the
    # sections) a teacher deletes the empty pushed copy of the first section
    district, first, second = await _stamped_district()
    await add_course_category(district.course, "Quizzes", sequence=2)
    original = loading.load_sections_of_courses

    async def load_then_edit(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        states = await original(*args, **kwargs)  # type: ignore[arg-type]
        await SectionCategory.filter(section_id=first.id, name="Homework").delete()
        return states

    monkeypatch.setattr(stamps, "load_sections_of_courses", load_then_edit)
    await _push(district)
    monkeypatch.setattr(stamps, "load_sections_of_courses", original)

    # then the deleted copy is pending again and seen
    assert await _pending_from_scratch(district, ALL) == {first.id}
    await _assert_report_and_push_match_scratch(district)
    del second


@postgres_only
async def test_a_teacher_write_blocked_by_the_push_is_counted_after_it(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a pending course edit; right after the push counted its writes
    # (holding the sections' rows) a teacher, in another session, deletes the
    # first section's pushed copy
    district, first, _ = await _stamped_district()
    await add_course_category(district.course, "Quizzes", sequence=2)
    teacher = await asyncpg.connect(db)
    edits: list[asyncio.Task[str]] = []
    original = stamps.bump

    async def bump_then_edit(section_ids):  # type: ignore[no-untyped-def]
        await original(section_ids)
        edits.append(
            asyncio.create_task(
                teacher.execute(
                    "DELETE FROM section_category WHERE section_id = $1"
                    " AND name = 'Homework'",
                    first.id,
                )
            )
        )
        await asyncio.sleep(0.3)

    monkeypatch.setattr(course_push, "bump", bump_then_edit)
    try:
        await _push(district)
        await asyncio.wait_for(edits[0], 10)
    finally:
        await teacher.close()

    assert await _pending_from_scratch(district, ALL) == {first.id}
    await _assert_report_and_push_match_scratch(district)


async def test_moving_an_assignment_between_sections_categories(db: str) -> None:
    district, first, second = await _stamped_district()
    overwrite = PushOptions(overwrite_categories=True)
    labs = await add_teacher_category(first, "Labs", assignments=1)
    await _assert_report_and_push_match_scratch(district, overwrite)
    # the assignment moves to a category of the second section
    target = await SectionCategory.get(section_id=second.id, name="Homework")
    await fetch(
        "UPDATE assignment SET category_id = ?, section_id = ? WHERE category_id = ?",
        target.id,
        second.id,
        labs.id,
    )
    assert await _assert_report_and_push_match_scratch(district, overwrite) == {
        first.id
    }


async def test_a_roster_reimport_moving_a_class_to_another_course_is_seen(
    db: str, tmp_path: Path
) -> None:
    # given a OneRoster district whose two courses have setups, pushed once
    classes = oneroster_files.FILES["classes"] + 'k3,Geometry P1,c2,GEO-1,s1,"t1",\n'
    courses = dict(
        oneroster_files.FILES,
        courses=oneroster_files.FILES["courses"] + "c2,Geometry,GEO,y1,s1,math\n",
        classes=classes,
    )
    await import_oneroster(oneroster_files.write_export(tmp_path, **courses))
    algebra = await Course.get(source_id__endswith="|c1")
    geometry = await Course.get(source_id__endswith="|c2")
    await add_course_category(algebra, "Labs")
    await add_course_category(geometry, "Projects")
    admin = await User.create(
        username="admin", display_name="Admin", role=Role.DISTRICT_ADMIN
    )
    calendar = await Calendar.get(id=algebra.calendar_id)  # type: ignore[attr-defined]
    district = District(calendar, None, None, None, None, algebra, admin)  # type: ignore[arg-type]
    assert await _assert_report_and_push_match_scratch(district)

    # when a re-import moves the class to the other course
    moved = dict(
        courses,
        classes=classes.replace("k1,Algebra P1,c1", "k1,Algebra P1,c2"),
    )
    summary = await import_oneroster(oneroster_files.write_export(tmp_path, **moved))
    assert summary.updated["sections"] == 1

    # then the section is planned against its new course
    section = await Section.get(source_id="k1")
    assert await _assert_report_and_push_match_scratch(district) == {section.id}
