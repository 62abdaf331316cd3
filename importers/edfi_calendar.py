"""Ed-Fi schools, sessions and grading periods as calendars, terms and tasks.

A calendar is one school's school year. Its terms are the sessions (semesters
become S1, S2) and the grading periods, numbered by date; its grading tasks
suit its periods ("Six Weeks Grade"), plus composite semester and final tasks.
"""

from collections import defaultdict
from dataclasses import dataclass

from importers.edfi_refs import SessionKey, index, own_session_key, school_of
from importers.edfi_xml import Record, descriptor_value
from importers.roster_plan import (
    CalendarRow,
    GradingTaskRow,
    Origin,
    RosterPlan,
    SchoolRow,
    TermRow,
)

_ORDINALS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
    ]
)

CalendarKey = tuple[str, str]


@dataclass
class _CalendarTerms:
    """The terms of one calendar before they are named and numbered."""

    sessions: list[Record]
    periods: list[Record]


def add_schools(records: list[Record], plan: RosterPlan) -> dict[str, str]:
    """School names by SchoolId."""
    schools = index(records, lambda r: r.required("SchoolId"), "school")
    names = {key: r.required("NameOfInstitution") for key, r in schools.items()}
    plan.schools.extend(
        SchoolRow(key, names[key], r.origin()) for key, r in schools.items()
    )
    return names


def add_calendars(
    sessions: list[Record],
    periods: list[Record],
    schools: dict[str, str],
    plan: RosterPlan,
) -> dict[SessionKey, tuple[str, ...]]:
    """Calendars, terms and tasks; returns each session's term source ids."""
    by_session = index(sessions, own_session_key, "session")
    with_id = [r for r in periods if "id" in r.element.attrib]
    by_id = index(with_id, lambda r: r.element.attrib["id"], "grading period id")
    calendars = _group(by_session, periods, schools)

    session_terms: dict[SessionKey, tuple[str, ...]] = {}
    for (school, year), terms in calendars.items():
        calendar = source_id_of(school, year)
        rows = _terms(calendar, terms)
        plan.calendars.append(_calendar(calendar, school, year, schools, rows))
        plan.terms.extend(rows)
        plan.grading_tasks.extend(_tasks(calendar, terms))
        session_terms.update(_session_terms(calendar, terms, by_id))
    return session_terms


def source_id_of(school: str, year: str) -> str:
    return f"{school}|{year}"


def _group(
    sessions: dict[SessionKey, Record], periods: list[Record], schools: dict[str, str]
) -> dict[CalendarKey, _CalendarTerms]:
    calendars: dict[CalendarKey, _CalendarTerms] = defaultdict(
        lambda: _CalendarTerms([], [])
    )
    for (school, year, _), record in sessions.items():
        _check_school(record, school, schools)
        calendars[(school, year)].sessions.append(record)
    for record in periods:
        school = school_of(record)
        _check_school(record, school, schools)
        calendars[(school, record.required("SchoolYear"))].periods.append(record)
    return calendars


def _check_school(record: Record, school: str, schools: dict[str, str]) -> None:
    if school not in schools:
        raise record.fail(f"refers to unknown school {school}")


def _calendar(
    calendar: str, school: str, year: str, schools: dict[str, str], terms: list[TermRow]
) -> CalendarRow:
    start = min(term.start_date for term in terms)
    end = max(term.end_date for term in terms)
    name = f"{year} {schools[school]}"
    return CalendarRow(calendar, school, name, start, end, terms[0].origin)


def _terms(calendar: str, terms: _CalendarTerms) -> list[TermRow]:
    """Named terms of one calendar, numbered by end date, shorter terms first."""
    named = _named(terms)
    dated = [
        (name, record, record.date("BeginDate"), record.date("EndDate"))
        for name, record in named
    ]
    for name, record, start, end in dated:
        if end < start:
            raise record.fail(f"term {name} ends before it begins")
    dated.sort(key=lambda item: (item[3], -item[2].toordinal()))
    return [
        TermRow(
            _term_id(calendar, record),
            calendar,
            name,
            sequence,
            start,
            end,
            record.origin(),
        )
        for sequence, (name, record, start, end) in enumerate(dated, start=1)
    ]


def _named(terms: _CalendarTerms) -> list[tuple[str, Record]]:
    semesters = sorted(
        (r for r in terms.sessions if "Semester" in (_kind(r) or "")),
        key=lambda r: r.date("BeginDate"),
    )
    named = [(f"S{number}", r) for number, r in enumerate(semesters, start=1)]
    named += [
        (_kind(r) or r.required("SessionName"), r)
        for r in terms.sessions
        if r not in semesters
    ]
    named += [(_period_name(r), r) for r in terms.periods]
    _check_unique_names(named)
    return named


def _check_unique_names(named: list[tuple[str, Record]]) -> None:
    seen: dict[str, Record] = {}
    for name, record in named:
        if name in seen:
            first = seen[name].line
            raise record.fail(f"a second term named {name!r} (first on line {first})")
        seen[name] = record


def _kind(session: Record) -> str | None:
    return descriptor_value(session.optional("Term"))


def _period_name(period: Record) -> str:
    """The descriptor ("First Six Weeks"): the sample's own names contradict it."""
    named = descriptor_value(period.optional("GradingPeriod"))
    return named or period.required("GradingPeriodName")


def _term_id(calendar: str, record: Record) -> str:
    if record.tag == "Session":
        return f"{calendar}|session|{record.required('SessionName')}"
    return f"{calendar}|period|{record.required('GradingPeriodName')}"


def _tasks(calendar: str, terms: _CalendarTerms) -> list[GradingTaskRow]:
    """A task per kind of grading period, then composite semester and final."""
    tasks: dict[str, tuple[bool, Origin | None]] = {
        f"{_period_kind(r)} Grade": (False, r.origin()) for r in terms.periods
    }
    if any("Semester" in (_kind(r) or "") for r in terms.sessions):
        tasks.setdefault("Semester Grade", (True, None))
    tasks.setdefault("Final Grade", (True, None))
    return [
        GradingTaskRow(calendar, name, sequence, composite, origin)
        for sequence, (name, (composite, origin)) in enumerate(tasks.items(), 1)
    ]


def _period_kind(period: Record) -> str:
    """ "First Six Weeks" -> "Six Weeks": the kind without its ordinal."""
    words = (descriptor_value(period.optional("GradingPeriod")) or "Period").split()
    if len(words) > 1 and words[0].casefold() in _ORDINALS:
        words = words[1:]
    return " ".join(words)


def _session_terms(
    calendar: str, terms: _CalendarTerms, periods: dict[str, Record]
) -> dict[SessionKey, tuple[str, ...]]:
    """Each session's own term and the terms of its grading periods."""
    found: dict[SessionKey, tuple[str, ...]] = {}
    for session in terms.sessions:
        ids = [_term_id(calendar, session)]
        for ref in session.all_attributes("GradingPeriodReference", "ref"):
            if ref not in periods:
                raise session.fail(f"refers to unknown grading period {ref}")
            ids.append(_term_id(calendar, periods[ref]))
        found[own_session_key(session)] = tuple(ids)
    return found
