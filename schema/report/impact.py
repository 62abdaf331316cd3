"""The grade impact of a report's sections, calculated at first use.

Loading a course's gradebooks and grading every student twice is the costly
part of the report, so it happens only when a caller asks for it, and then
once per course however many of its sections are on the page.
"""

import asyncio

from grades.gradebook import Gradebook
from grades.impact import SectionImpact, course_impact, section_impact
from grades.loading import load_gradebooks, load_term_dates
from push.report import CourseReport, SectionReport


class CourseGradeImpact:
    """The impact of one pending course, computed once for all its sections."""

    def __init__(self, report: CourseReport) -> None:
        self._report = report
        self._lock = asyncio.Lock()
        self._impacts: dict[int, SectionImpact] | None = None

    async def of_section(self, section_id: int) -> SectionImpact:
        async with self._lock:
            if self._impacts is None:
                self._impacts = await _course_impacts(self._report)
        return self._impacts[section_id]


async def _course_impacts(report: CourseReport) -> dict[int, SectionImpact]:
    gradebooks = await load_gradebooks(report.course_id)
    terms = await load_term_dates(report.course_id)
    return course_impact(
        [section.state for section in report.sections],
        {section.section_id: section.plan for section in report.sections},
        gradebooks,
        terms,
    )


async def one_section_impact(course_id: int, report: SectionReport) -> SectionImpact:
    """The impact in one section of the course, planned on its own."""
    gradebook = (await load_gradebooks(course_id)).get(report.section_id, Gradebook())
    terms = await load_term_dates(course_id)
    return section_impact(report.state, report.plan, gradebook, terms)


def grades_gained_and_lost(impact: SectionImpact) -> tuple[int, int]:
    """Grades the push would bring into being, and grades it would take away.

    They have no difference to measure, so the largest change leaves them out;
    a front end shows them beside it.
    """
    grades = [grade for student in impact.students for grade in student.grades]
    gained = sum(g.before is None and g.after is not None for g in grades)
    lost = sum(g.before is not None and g.after is None for g in grades)
    return gained, lost
