"""Importing a district from a OneRoster CSV directory (versions 1.1 and 1.2).

Every file is read and every reference checked before the first write; then
the district is written in one transaction. Absent files and files with only
a header read as empty; rows marked `tobedeleted` are skipped.
"""

import logging
from pathlib import Path

from importers.common import ImportFileError, ImportSummary
from importers.oneroster_csv import CsvRow, read_table
from importers.oneroster_gradebook import add_line_items, add_results
from importers.oneroster_roster import (
    SCHOOL_COLUMNS,
    add_classes,
    add_enrollments,
    add_people,
    add_schools,
)
from importers.oneroster_sessions import Calendars, Sessions
from importers.roster_plan import RosterPlan
from importers.roster_writer import write_plan

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "name"),
    "academicSessions": ("sourcedId", "title", "type", "startDate", "endDate"),
    "courses": ("sourcedId", "title"),
    "classes": ("sourcedId", "title", "|".join(SCHOOL_COLUMNS)),
    "users": ("sourcedId", "familyName"),
    "roles": ("userSourcedId", "role"),
    "enrollments": ("sourcedId", "classSourcedId", "userSourcedId", "role"),
    "categories": ("sourcedId", "title"),
    "lineItems": ("sourcedId", "title", "classSourcedId"),
    "results": ("sourcedId", "lineItemSourcedId", "studentSourcedId|userSourcedId"),
}


async def import_oneroster(directory: Path) -> ImportSummary:
    """Import (or re-import) the OneRoster files of a directory; all or nothing."""
    summary = ImportSummary(source=f"OneRoster {directory}")
    plan = plan_oneroster(directory, summary)
    await write_plan(plan, summary, directory)
    return summary


def plan_oneroster(directory: Path, summary: ImportSummary) -> RosterPlan:
    """Read and check every file: the plan of what the import writes."""
    tables = _read(directory, summary)
    plan = RosterPlan()
    schools = add_schools(tables["orgs"], plan, summary)
    sessions = Sessions(tables["academicSessions"])
    calendars = Calendars(sessions, schools)
    roster = add_classes(tables["courses"], tables["classes"], calendars, plan, summary)
    calendars.add_to(plan)

    roles = {
        row.required("userSourcedId"): row.required("role") for row in tables["roles"]
    }
    add_people(tables["users"], roles, plan, roster)
    add_enrollments(tables["enrollments"], roster, plan, summary)
    class_of = add_line_items(
        tables["categories"], tables["lineItems"], roster, sessions, plan, summary
    )
    add_results(tables["results"], class_of, roster, plan, summary)
    return plan


def _read(directory: Path, summary: ImportSummary) -> dict[str, list[CsvRow]]:
    if not (directory / "orgs.csv").is_file():
        raise ImportFileError(directory / "orgs.csv", None, "file not found")
    tables: dict[str, list[CsvRow]] = {}
    for name, required in REQUIRED_COLUMNS.items():
        rows = read_table(directory / f"{name}.csv", required)
        tables[name] = [row for row in rows if not _to_be_deleted(row)]
        if deleted := len(rows) - len(tables[name]):
            summary.skipped[f"{name} rows marked tobedeleted"] += deleted
        logger.debug("read %s rows from %s.csv", len(rows), name)
    return tables


def _to_be_deleted(row: CsvRow) -> bool:
    return (row.get("status") or "").casefold() == "tobedeleted"
