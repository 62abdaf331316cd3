"""OneRoster gradebook files: categories, lineItems and results.

OneRoster categories are shared by the whole export; gradepush categories
belong to a section, so each class gets a teacher-made copy of every category
its line items use. A line item without a category goes into "Assignments".
"""

from decimal import Decimal

from importers.common import ImportSummary
from importers.oneroster_csv import CsvRow
from importers.oneroster_roster import Roster, unique
from importers.oneroster_sessions import Sessions, term_id
from importers.roster_plan import AssignmentRow, RosterPlan, ScoreRow
from models.base import normalize_name

DEFAULT_CATEGORY = "Assignments"
DEFAULT_POINTS = Decimal(100)


def add_line_items(
    categories: list[CsvRow],
    line_items: list[CsvRow],
    roster: Roster,
    sessions: Sessions,
    plan: RosterPlan,
    summary: ImportSummary,
) -> dict[str, str | None]:
    """Assignments; returns each line item's class (None when it was skipped)."""
    titles = {
        key: _category_title_of(row)
        for key, row in unique(categories, "category").items()
    }
    class_of: dict[str, str | None] = {}
    for key, row in unique(line_items, "line item").items():
        section = row.required("classSourcedId")
        if section in roster.skipped_classes:
            summary.skipped["line items of skipped classes"] += 1
            class_of[key] = None
            continue
        if section not in roster.sections:
            raise row.fail(f"classSourcedId {section} is not a known class")
        category = _category_title(row, titles)
        plan.assignments.append(
            AssignmentRow(
                source_id=key,
                section=section,
                category=plan.add_category(section, category),
                term=_term(row, roster.calendar_of[section], sessions),
                name=row.required("title"),
                points_possible=_points_possible(row),
                due_date=row.date("dueDate") or row.date("assignDate"),
                origin=row.origin(),
            )
        )
        class_of[key] = section
    return class_of


def _category_title_of(row: CsvRow) -> str:
    """A category's title; one of invisible characters only would name nothing."""
    title = row.required("title")
    if not normalize_name(title):
        raise row.fail(f"title {title!r} has no visible characters")
    return title


def _points_possible(row: CsvRow) -> Decimal:
    """The line item's resultValueMax; 100 when the export leaves it out."""
    points = row.points("resultValueMax", positive=True)
    return DEFAULT_POINTS if points is None else points


def _category_title(row: CsvRow, titles: dict[str, str]) -> str:
    key = row.get("categorySourcedId")
    if key is not None and key not in titles:
        raise row.fail(f"categorySourcedId {key} is not a known category")
    return titles[key] if key else DEFAULT_CATEGORY


def _term(row: CsvRow, calendar: tuple[str, str], sessions: Sessions) -> str | None:
    """The line item's grading period, when it is a term of the class's year."""
    key = row.get("gradingPeriodSourcedId", "academicSessionSourcedId")
    if key is None:
        return None
    if not sessions.known(key):
        raise row.fail(f"gradingPeriodSourcedId {key} is not a known session")
    school, year = calendar
    in_year = sessions.year_keys[key] == year and key != year
    return term_id(school, key) if in_year else None


def add_results(
    results: list[CsvRow],
    class_of: dict[str, str | None],
    roster: Roster,
    plan: RosterPlan,
    summary: ImportSummary,
) -> None:
    """Scores, and the enrollment of every student who has one."""
    scored: dict[tuple[str, str], CsvRow] = {}
    for row in unique(results, "result").values():
        line_item = row.required("lineItemSourcedId")
        student = row.required("studentSourcedId", "userSourcedId")
        if line_item not in class_of:
            raise row.fail(f"lineItemSourcedId {line_item} is not a known line item")
        section = class_of[line_item]
        if section is None:
            summary.skipped["results of skipped classes"] += 1
            continue
        if student not in roster.students:
            raise row.fail(f"studentSourcedId {student} is not a known student")
        _check_once(scored, (line_item, student), row)
        plan.scores.append(ScoreRow(line_item, student, row.points("score")))
        plan.enrollments.add((section, student))


def _check_once(
    scored: dict[tuple[str, str], CsvRow], key: tuple[str, str], row: CsvRow
) -> None:
    if key in scored:
        first = scored[key].line
        raise row.fail(f"a second result for {key} (first on line {first})")
    scored[key] = row
