"""The report queries: what a push would change, and what it does to grades.

Only administrators who may push a calendar or course read its report; for
anyone else, teachers included, the answer is null exactly as for a missing id.
"""

from typing import Annotated

import strawberry

from auth.rights import can_manage_calendar, can_manage_course
from models import Section, User
from push.options import PushOptions
from push.report import (
    CourseReport,
    calendar_report,
    course_report,
    section_report,
)
from schema.context import ApiInfo
from schema.errors import ApiError
from schema.fields import resolver
from schema.push.arguments import Options
from schema.push_options import PushOptionsInput
from schema.relay import decode_global_id
from schema.report.grade_impact import SectionGradeImpact
from schema.report.impact import one_section_impact
from schema.report.pending import AwaitingPushReport

CalendarId = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="The global id of a Calendar: all its courses."),
]
CourseId = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="The global id of a Course: its sections only."),
]
SectionId = Annotated[
    strawberry.ID, strawberry.argument(description="The global id of a Section.")
]


class ReportScopeError(ApiError):
    """Neither or both of calendarId and courseId: the report needs exactly one."""

    def __init__(self) -> None:
        super().__init__("Give exactly one of calendarId and courseId.")


def _options(options: PushOptionsInput | None) -> PushOptions:
    return options.to_options() if options is not None else PushOptions()


async def _calendar_reports(
    viewer: User, calendar_id: str, options: PushOptions
) -> list[CourseReport] | None:
    pk = decode_global_id(calendar_id, "Calendar")
    if not await can_manage_calendar(viewer, pk):
        return None
    reports, _ = await calendar_report(pk, options)
    return reports


async def _course_reports(
    viewer: User, course_id: str, options: PushOptions
) -> list[CourseReport] | None:
    pk = decode_global_id(course_id, "Course")
    if not await can_manage_course(viewer, pk):
        return None
    report = await course_report(pk, options)
    return [report] if report is not None else []


@strawberry.type(description="The Course Awaiting Push Report and grade impact.")
class ReportQueries:
    @resolver(
        "What a push of a calendar or of one course would change with these"
        " options, computed from the plan the push itself carries out; courses"
        " and sections with nothing pending are left out. Null when the calendar"
        " or course is missing or the caller may not push it."
    )
    async def awaiting_push(
        self,
        info: ApiInfo,
        calendar_id: CalendarId = None,
        course_id: CourseId = None,
        options: Options = None,
    ) -> AwaitingPushReport | None:
        viewer = info.context.viewer
        if calendar_id is not None and course_id is None:
            reports = await _calendar_reports(viewer, calendar_id, _options(options))
        elif course_id is not None and calendar_id is None:
            reports = await _course_reports(viewer, course_id, _options(options))
        else:
            raise ReportScopeError()
        return None if reports is None else AwaitingPushReport.from_reports(reports)

    @resolver(
        "What a push with these options would do to the grades of one section's"
        " students, each grade before and after. Null when the section is missing"
        " or the caller may not push its course."
    )
    async def section_grade_impact(
        self, info: ApiInfo, section_id: SectionId, options: Options = None
    ) -> SectionGradeImpact | None:
        pk = decode_global_id(section_id, "Section")
        section = await Section.get_or_none(id=pk).values("course_id")
        if section is None or not await can_manage_course(
            info.context.viewer, section["course_id"]
        ):
            return None

        report = await section_report(pk, _options(options))
        impact = await one_section_impact(section["course_id"], report)
        return SectionGradeImpact.from_impact(impact)
