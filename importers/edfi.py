"""Importing a district from Ed-Fi XML interchange files (Ed-Fi Data Standard 5.2).

Every file of the directory is read and every reference checked before the
first write; then the whole district is written in one transaction. Files that
are absent are treated as empty, so a reference into one is reported as
unknown.
"""

import logging
from collections import defaultdict
from pathlib import Path

from importers.common import ImportFileError, ImportSummary
from importers.edfi_calendar import add_calendars, add_schools
from importers.edfi_gradebook import add_assignments, add_scores, add_students
from importers.edfi_schedule import add_courses, add_sections, add_teachers
from importers.edfi_xml import Record, read_interchange
from importers.roster_plan import RosterPlan
from importers.roster_writer import write_plan

logger = logging.getLogger(__name__)

INTERCHANGES = (
    "EducationOrganization.xml",
    "EducationOrgCalendar.xml",
    "MasterSchedule.xml",
    "StaffAssociation.xml",
    "Student.xml",
    "StudentGradebook.xml",
)


async def import_edfi(directory: Path) -> ImportSummary:
    """Import (or re-import) the Ed-Fi files of a directory; all or nothing."""
    plan = plan_edfi(directory)
    summary = ImportSummary(source=f"Ed-Fi {directory}")
    await write_plan(plan, summary, directory)
    return summary


def plan_edfi(directory: Path) -> RosterPlan:
    """Read and check every file: the plan of what the import writes."""
    records = _read(directory)
    plan = RosterPlan()
    schools = add_schools(records["School"], plan)
    sessions = add_calendars(
        records["Session"], records["GradingPeriod"], schools, plan
    )
    course_of = add_courses(
        records["Course"], records["CourseOffering"], sessions, plan
    )
    sections = add_sections(records["Section"], course_of, sessions, plan)
    add_teachers(records["Staff"], records["StaffSectionAssociation"], sections, plan)

    students = add_students(records["Student"], plan)
    section_of = add_assignments(records["GradebookEntry"], sections, plan)
    add_scores(records["StudentGradebookEntry"], section_of, students, plan)
    return plan


def _read(directory: Path) -> dict[str, list[Record]]:
    """Top-level records of every interchange present, by element name."""
    present = [
        directory / name for name in INTERCHANGES if (directory / name).is_file()
    ]
    if not present:
        raise ImportFileError(directory, None, "holds no Ed-Fi interchange files")
    records: dict[str, list[Record]] = defaultdict(list)
    for path in present:
        for record in read_interchange(path):
            records[record.tag].append(record)
        logger.debug("read %s", path)
    return records
