"""OneRoster academic sessions as calendars and terms.

OneRoster sessions belong to the district, not to a school; gradepush wants a
calendar per school and year. So a calendar is made for each school and school
year that a course or class uses, and it gets every term of that year.
"""

from collections import defaultdict

from importers.oneroster_csv import CsvRow
from importers.roster_plan import CalendarRow, GradingTaskRow, RosterPlan, TermRow

SCHOOL_YEAR = "schoolyear"
TERM_TYPES = frozenset({"term", "semester", "gradingperiod"})


class Sessions:
    """The academic sessions of an export, checked and linked to their years."""

    def __init__(self, rows: list[CsvRow]) -> None:
        self.rows: dict[str, CsvRow] = {}
        for row in rows:
            _add_unique(self.rows, row.required("sourcedId"), row, "session")
        self.children: dict[str, list[str]] = defaultdict(list)
        for key, row in self.rows.items():
            self._check(row)
            parent = row.get("parentSourcedId")
            if parent:
                self.children[parent].append(key)
        self.year_keys = {key: self._year_of(key) for key in self.rows}

    def _check(self, row: CsvRow) -> None:
        kind = row.required("type").casefold()
        if kind != SCHOOL_YEAR and kind not in TERM_TYPES:
            raise row.fail(f"unknown session type {row.get('type')!r}")
        if row.required_date("endDate") < row.required_date("startDate"):
            raise row.fail("the session ends before it starts")
        parent = row.get("parentSourcedId")
        if parent and parent not in self.rows:
            raise row.fail(f"parentSourcedId {parent} is not a known session")

    def _year_of(self, key: str) -> str:
        """The sourcedId of the session's school year, or "year:<schoolYear>"."""
        seen: set[str] = set()
        current: str | None = key
        while current and current not in seen:
            row = self.rows[current]
            if row.required("type").casefold() == SCHOOL_YEAR:
                return current
            seen.add(current)
            current = row.get("parentSourcedId")
        year = self.rows[key].get("schoolYear")
        if year is None:
            raise self.rows[key].fail("the session belongs to no school year")
        return f"year:{year}"

    def known(self, key: str) -> bool:
        return key in self.rows

    def with_descendants(self, keys: list[str]) -> list[str]:
        found: list[str] = []
        pending = list(keys)
        while pending:
            key = pending.pop(0)
            if key not in found:
                found.append(key)
                pending.extend(self.children[key])
        return found

    def terms_of_year(self, year: str) -> list[CsvRow]:
        return [
            row
            for key, row in self.rows.items()
            if self.year_keys[key] == year and key != year
        ]

    def year_title(self, year: str) -> str:
        if year in self.rows:
            return self.rows[year].required("title")
        return year.removeprefix("year:")


class Calendars:
    """The calendars the courses and classes use, with their terms and tasks."""

    def __init__(self, sessions: Sessions, schools: dict[str, str]) -> None:
        self.sessions = sessions
        self.schools = schools
        self.used: dict[str, tuple[str, str]] = {}

    def calendar_for(self, school: str, year: str) -> str:
        key = f"{school}|{year}"
        self.used.setdefault(key, (school, year))
        return key

    def add_to(self, plan: RosterPlan) -> None:
        for key, (school, year) in sorted(self.used.items()):
            terms = _terms(key, school, self.sessions.terms_of_year(year))
            plan.calendars.append(self._calendar(key, school, year, terms))
            plan.terms.extend(terms)
            plan.grading_tasks.extend(_tasks(key, terms))

    def _calendar(
        self, key: str, school: str, year: str, terms: list[TermRow]
    ) -> CalendarRow:
        own = self.sessions.rows.get(year)
        dated = [(t.start_date, t.end_date) for t in terms]
        if own is not None:
            dated.append((own.required_date("startDate"), own.required_date("endDate")))
        start = min(start for start, _ in dated)
        end = max(end for _, end in dated)
        name = f"{self.sessions.year_title(year)} {self.schools[school]}"
        origin = own.origin() if own is not None else None
        return CalendarRow(key, school, name, start, end, origin)


def term_id(school: str, session: str) -> str:
    return f"{school}|{session}"


def _terms(calendar: str, school: str, rows: list[CsvRow]) -> list[TermRow]:
    """Terms numbered by end date, the shorter of two ending together first."""
    rows = sorted(rows, key=_date_order)
    names: dict[str, CsvRow] = {}
    for row in rows:
        _add_unique(names, row.required("title"), row, "term title in a year")
    return [
        TermRow(
            source_id=term_id(school, row.required("sourcedId")),
            calendar=calendar,
            name=row.required("title"),
            sequence=sequence,
            start_date=row.required_date("startDate"),
            end_date=row.required_date("endDate"),
            origin=row.origin(),
        )
        for sequence, row in enumerate(rows, start=1)
    ]


def _date_order(row: CsvRow) -> tuple[int, int]:
    start, end = row.required_date("startDate"), row.required_date("endDate")
    return (end.toordinal(), -start.toordinal())


def _tasks(calendar: str, terms: list[TermRow]) -> list[GradingTaskRow]:
    """A term grade, plus composite semester and final grades."""
    tasks = [
        GradingTaskRow(calendar, "Term Grade", 1, False),
        GradingTaskRow(calendar, "Semester Grade", 2, True),
        GradingTaskRow(calendar, "Final Grade", 3, True),
    ]
    return tasks if terms else tasks[2:]


def _add_unique(found: dict[str, CsvRow], key: str, row: CsvRow, what: str) -> None:
    if key in found:
        raise row.fail(f"duplicate {what} {key} (first on line {found[key].line})")
    found[key] = row
