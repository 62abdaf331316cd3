"""The Course Awaiting Push Report as the API shows it: courses, then sections.

Every node wraps the plain report of `push.report`; the changes are typed with
the same `SectionChange` a push result shows, so a front end renders what is
pending and what was pushed alike.
"""

import datetime
from decimal import Decimal
from typing import Self

import strawberry

from grades.impact import SectionImpact
from push.report import CourseReport, ReportTotals, SectionReport, SetupChange
from schema.context import ApiInfo
from schema.fields import resolver
from schema.push.enums import SectionChangeKind
from schema.push.results import SectionChange
from schema.relay import (
    After,
    Connection,
    First,
    connection_from_list,
)
from schema.report.impact import CourseGradeImpact, grades_gained_and_lost
from schema.types.course import Course
from schema.types.section import Section
from schema.types.user import User


@strawberry.type(description="How many changes of one kind the report lists.")
class ChangeCount:
    kind: SectionChangeKind = strawberry.field(description="The kind of change.")
    count: int = strawberry.field(description="How many, over the whole report.")


@strawberry.type(description="Totals of the whole report, whatever page is read.")
class AwaitingPushTotals:
    courses: int = strawberry.field(description="Courses with something pending.")
    sections: int = strawberry.field(description="Sections the push would change.")
    sections_never_pushed: int = strawberry.field(
        description="Of those, sections that no push has reached yet."
    )
    changes: list[ChangeCount] = strawberry.field(
        description="Planned changes by kind: every kind, in a fixed order."
    )

    @classmethod
    def from_reports(cls, reports: list[CourseReport]) -> Self:
        totals = ReportTotals()
        for report in reports:
            totals.add(report)
        return cls(
            courses=totals.courses,
            sections=totals.sections,
            sections_never_pushed=sum(
                section.never_pushed
                for report in reports
                for section in report.sections
            ),
            changes=[
                ChangeCount(kind=kind, count=totals.changes[kind.value])
                for kind in SectionChangeKind
            ],
        )


@strawberry.type(description="The latest change to a course's setup: who and when.")
class CourseSetupChange:
    changed_by_pk: strawberry.Private[int | None]
    source: str = strawberry.field(
        description="Where the change came from, such as api or policy."
    )
    summary: str = strawberry.field(description="What changed, in a few words.")
    changed_at: datetime.datetime = strawberry.field(description="When it changed.")

    @resolver("Who changed it; null for an import or a removed user.")
    async def changed_by(self, info: ApiInfo) -> User | None:
        if self.changed_by_pk is None:
            return None
        user = await info.context.loaders.user.load(self.changed_by_pk)
        return User.from_model(user) if user else None

    @classmethod
    def from_change(cls, change: SetupChange) -> Self:
        return cls(
            changed_by_pk=change.changed_by_id,
            source=change.source,
            summary=change.summary,
            changed_at=change.changed_at,
        )


@strawberry.type(description="What a push would do to one section's grades.")
class GradeImpactSummary:
    students_graded: int = strawberry.field(
        description="Students with scores in the section."
    )
    students_changed: int = strawberry.field(
        description="Students with at least one term grade that would change."
    )
    largest_change: Decimal = strawberry.field(
        description="The largest change of any one grade, in grade points; grades"
        " gained or lost are counted apart."
    )
    grades_gained: int = strawberry.field(
        description="Grades the push would calculate where there is none now."
    )
    grades_lost: int = strawberry.field(
        description="Grades there are now that the push would take away."
    )

    @classmethod
    def from_impact(cls, impact: SectionImpact) -> Self:
        gained, lost = grades_gained_and_lost(impact)
        return cls(
            students_graded=len(impact.students),
            students_changed=impact.students_changed,
            largest_change=impact.largest_change,
            grades_gained=gained,
            grades_lost=lost,
        )


@strawberry.type(description="A section the push would change, and how.")
class PendingSection:
    report: strawberry.Private[SectionReport]
    impact: strawberry.Private[CourseGradeImpact]
    never_pushed: bool = strawberry.field(
        description="True when no push has reached the section yet."
    )
    changes: list[SectionChange] = strawberry.field(
        description="Every change the push would make, in the order it reports"
        " them once done: categories created, updated, renamed, deleted, kept in"
        " use, then calc options, composites and the advisory flag."
    )

    @resolver("The section.")
    async def section(self, info: ApiInfo) -> Section:
        section = await info.context.loaders.section.load(self.report.section_id)
        assert section is not None, "a pending section was read in this request"
        return Section.from_model(section)

    @resolver(
        "How the push would change the grades of the section's students: see"
        " sectionGradeImpact for each student."
    )
    async def grade_impact(self) -> GradeImpactSummary:
        impact = await self.impact.of_section(self.report.section_id)
        return GradeImpactSummary.from_impact(impact)

    @classmethod
    def from_report(cls, report: SectionReport, impact: CourseGradeImpact) -> Self:
        return cls(
            report=report,
            impact=impact,
            never_pushed=report.never_pushed,
            changes=[SectionChange.from_record(r) for r in report.records],
        )


@strawberry.type(description="A course with something pending in its sections.")
class PendingCourse:
    report: strawberry.Private[CourseReport]
    last_change: CourseSetupChange | None = strawberry.field(
        description="Who last changed the course's setup and when; null when no"
        " change was recorded."
    )

    @resolver("The course.")
    async def course(self, info: ApiInfo) -> Course:
        course = await info.context.loaders.course.load(self.report.course_id)
        assert course is not None, "a pending course was read in this request"
        return Course.from_model(course)

    @resolver("The sections the push would change, by id.")
    def sections(
        self, first: First = None, after: After = None
    ) -> Connection[PendingSection]:
        impact = CourseGradeImpact(self.report)
        nodes = [PendingSection.from_report(s, impact) for s in self.report.sections]
        return connection_from_list(nodes, first, after)

    @classmethod
    def from_report(cls, report: CourseReport) -> Self:
        change = report.last_change
        return cls(
            report=report,
            last_change=CourseSetupChange.from_change(change) if change else None,
        )


@strawberry.type(
    description="What a push with the given options would change, computed from"
    " the same plan the push carries out, as of this request."
)
class AwaitingPushReport:
    reports: strawberry.Private[list[CourseReport]]
    totals: AwaitingPushTotals = strawberry.field(
        description="Totals over every course of the report."
    )

    @resolver("The courses with something pending, by course number.")
    def courses(
        self, first: First = None, after: After = None
    ) -> Connection[PendingCourse]:
        nodes = [PendingCourse.from_report(report) for report in self.reports]
        return connection_from_list(nodes, first, after)

    @classmethod
    def from_reports(cls, reports: list[CourseReport]) -> Self:
        return cls(reports=reports, totals=AwaitingPushTotals.from_reports(reports))
