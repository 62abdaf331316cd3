"""The Course Awaiting Push Report: the plans a push would carry out, unapplied.

It calls the same loader and planner as the push itself, so the report and the
push can never disagree; there is no cache, so it is current after every edit.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from tortoise.functions import Max

from models import Course, CourseSetupChange, Section
from push.changes import Record, plan_records, record_kinds
from push.loading import load_course_setup, load_section_states
from push.options import PushOptions
from push.plan import SectionPlan, plan_section, plan_sections
from push.setup import SectionState
from push.stamps import load_for_planning

# Courses planned together by the calendar report: a few queries per batch.
COURSES_PER_LOAD = 100


@dataclass(frozen=True)
class SectionReport:
    """What a push would change in one section, and the setup it starts from.

    ``state`` is the section as planned, so the grade impact of the report is
    calculated from exactly the setup its changes were planned against.
    """

    section_id: int
    label: str
    never_pushed: bool
    plan: SectionPlan
    state: SectionState

    @cached_property
    def records(self) -> list[Record]:
        """The plan as records, made when asked: a page shows a few sections."""
        return plan_records(self.plan)


@dataclass(frozen=True)
class SetupChange:
    """The latest change to a course's setup: who and when."""

    changed_by_id: int | None
    source: str
    summary: str
    changed_at: datetime.datetime


@dataclass(frozen=True)
class CourseReport:
    course_id: int
    label: str
    sections: list[SectionReport]
    last_change: SetupChange | None = None


@dataclass
class ReportTotals:
    courses: int = 0
    sections: int = 0
    changes: Counter[str] = field(default_factory=Counter)

    def add(self, course: CourseReport) -> None:
        self.courses += 1
        self.sections += len(course.sections)
        for section in course.sections:
            self.changes.update(record_kinds(section.plan))


async def course_report(course_id: int, options: PushOptions) -> CourseReport | None:
    """The pending changes of one course's sections, or None when all are in line."""
    report = await _plan_course(course_id, options)
    if report is None:
        return None
    (report,) = await with_last_changes([report])
    return report


async def section_report(section_id: int, options: PushOptions) -> SectionReport:
    """What a push would change in one section, even when that is nothing."""
    section = await Section.get(id=section_id).values("course_id")
    course = await load_course_setup(section["course_id"])
    (state,) = await load_section_states(section["course_id"], [section_id])
    return _section_report(state, plan_section(course, state, options))


async def _plan_course(course_id: int, options: PushOptions) -> CourseReport | None:
    (report,) = await _plan_courses([course_id], options)
    return report


async def _plan_courses(
    course_ids: list[int], options: PushOptions
) -> list[CourseReport | None]:
    """The sections the push would write to, per course, loaded together.

    A section whose only item is a teacher category kept in use is left
    untouched by the push (counted unchanged), so it is not pending either.
    Sections in line by their push stamp are not even loaded.
    """
    planning = await load_for_planning(course_ids, options)

    reports: list[CourseReport | None] = []
    for course_id in course_ids:
        course = planning.setups.get(course_id)
        if course is None:
            reports.append(None)
            continue
        states = planning.sections[course_id]
        planned = [
            _section_report(section, plan)
            for section, plan in zip(
                states, plan_sections(course, states, options), strict=True
            )
        ]
        pending = [s for s in planned if s.plan.has_writes]
        reports.append(
            CourseReport(course_id, course.label, pending) if pending else None
        )
    return reports


async def calendar_report(
    calendar_id: int, options: PushOptions
) -> tuple[list[CourseReport], ReportTotals]:
    """Every course of the calendar with something pending, by course number.

    Courses are planned a batch at a time, the way the push loads them.
    """
    courses = (
        await Course.filter(calendar_id=calendar_id)
        .order_by("number", "id")
        .values("id")
    )
    course_ids = [course["id"] for course in courses]
    reports = [
        report
        for start in range(0, len(course_ids), COURSES_PER_LOAD)
        for report in await _plan_courses(
            course_ids[start : start + COURSES_PER_LOAD], options
        )
        if report is not None
    ]
    reports = await with_last_changes(reports)

    totals = ReportTotals()
    for report in reports:
        totals.add(report)
    return reports, totals


async def with_last_changes(reports: list[CourseReport]) -> list[CourseReport]:
    """The reports with each course's latest setup change attached.

    Only the newest row of each course is read: the change log grows with
    every edit and import. Rows are stamped when inserted, so the highest id
    of a course is its latest change.
    """
    course_ids = [report.course_id for report in reports]
    newest = (
        await CourseSetupChange.filter(course_id__in=course_ids)
        .annotate(newest_id=Max("id"))
        .group_by("course_id")
        .values("newest_id")
    )
    rows = await CourseSetupChange.filter(
        id__in=[row["newest_id"] for row in newest]
    ).values("course_id", "changed_by_id", "source", "summary", "changed_at")

    latest = {
        row["course_id"]: SetupChange(
            row["changed_by_id"], row["source"], row["summary"], row["changed_at"]
        )
        for row in rows
    }
    return [
        CourseReport(r.course_id, r.label, r.sections, latest.get(r.course_id))
        for r in reports
    ]


def _section_report(section: SectionState, plan: SectionPlan) -> SectionReport:
    never_pushed = not (
        any(c.pushed for c in section.categories)
        or section.calc_options
        or section.composites
    )
    return SectionReport(section.section_id, section.label, never_pushed, plan, section)
