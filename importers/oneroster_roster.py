"""OneRoster orgs, courses, classes, users and enrollments as gradepush rows.

A gradepush course lives in one calendar, a OneRoster course does not: a
course gets a row per school and year its classes meet in. A class without a
course (1.1 exports have them) or without a school year cannot be a section;
it is skipped unchecked and counted, and so are its enrollments.
"""

from dataclasses import dataclass, field

from importers.common import ImportSummary
from importers.oneroster_csv import CsvRow
from importers.oneroster_sessions import Calendars, Sessions, term_id
from importers.roster_plan import (
    CourseRow,
    RosterPlan,
    SchoolRow,
    SectionRow,
    StudentRow,
    TeacherRow,
)

SCHOOL_COLUMNS = ("schoolSourcedId", "orgSourcedId")


@dataclass
class Roster:
    """What later files refer to: sections by class id, people by role."""

    sections: dict[str, CsvRow] = field(default_factory=dict)
    skipped_classes: set[str] = field(default_factory=set)
    teachers: set[str] = field(default_factory=set)
    students: set[str] = field(default_factory=set)
    calendar_of: dict[str, tuple[str, str]] = field(default_factory=dict)


def unique(rows: list[CsvRow], what: str) -> dict[str, CsvRow]:
    """Rows by sourcedId; a sourcedId seen twice is an error at its second row."""
    found: dict[str, CsvRow] = {}
    for row in rows:
        key = row.required("sourcedId")
        if key in found:
            first = found[key].line
            raise row.fail(f"duplicate {what} {key} (first on line {first})")
        found[key] = row
    return found


def add_schools(
    orgs: list[CsvRow], plan: RosterPlan, summary: ImportSummary
) -> dict[str, str]:
    """Orgs of type school (or of no type); districts and others are skipped."""
    schools: dict[str, str] = {}
    for key, row in unique(orgs, "org").items():
        if (row.get("type") or "school").casefold() != "school":
            summary.skipped["orgs that are not schools"] += 1
            continue
        schools[key] = row.required("name")
        plan.schools.append(SchoolRow(key, schools[key], row.origin()))
    return schools


def add_classes(
    courses: list[CsvRow],
    classes: list[CsvRow],
    calendars: Calendars,
    plan: RosterPlan,
    summary: ImportSummary,
) -> Roster:
    """Sections for classes, and a course row per calendar the course meets in."""
    by_id = unique(courses, "course")
    roster = Roster()
    rows: dict[str, CourseRow] = {}
    for key, row in unique(classes, "class").items():
        course = _course_of(row, by_id)
        calendar = _calendar_of(row, course, calendars) if course else None
        if course is None or calendar is None:
            summary.skipped["classes without a course or school year"] += 1
            roster.skipped_classes.add(key)
            continue
        course_row = _course_row(course, calendar)
        rows.setdefault(course_row.source_id, course_row)
        plan.sections.append(_section(row, course_row, calendars))
        roster.sections[key] = row
        roster.calendar_of[key] = calendars.used[calendar]
    plan.courses.extend(rows.values())
    return roster


def _course_of(row: CsvRow, courses: dict[str, CsvRow]) -> CsvRow | None:
    key = row.get("courseSourcedId")
    if key is not None and key not in courses:
        raise row.fail(f"courseSourcedId {key} is not a known course")
    return courses[key] if key else None


def _calendar_of(row: CsvRow, course: CsvRow, calendars: Calendars) -> str | None:
    """The class's school and the school year of its course or its first term."""
    sessions = calendars.sessions
    school = row.required(*SCHOOL_COLUMNS)
    if school not in calendars.schools:
        raise row.fail(f"schoolSourcedId {school} is not a known school")
    terms = row.ids("termSourcedIds", "termSourcedId")
    for term in terms:
        if not sessions.known(term):
            raise row.fail(f"termSourcedIds names unknown session {term}")
    years = [sessions.year_keys[t] for t in terms]
    year = _course_year(course, sessions)
    if year is None and not years:
        return None
    return calendars.calendar_for(school, year or years[0])


def _course_year(course: CsvRow, sessions: Sessions) -> str | None:
    year = course.get("schoolYearSourcedId", "schoolYearId")
    if year is not None and not sessions.known(year):
        raise course.fail(f"schoolYearSourcedId {year} is not a known session")
    return sessions.year_keys[year] if year else None


def _course_row(course: CsvRow, calendar: str) -> CourseRow:
    key = course.required("sourcedId")
    return CourseRow(
        source_id=f"{calendar}|{key}",
        calendar=calendar,
        number=course.get("courseCode") or key,
        name=course.required("title"),
        subject=course.get("subjects"),
        origin=course.origin(),
    )


def _section(row: CsvRow, course: CourseRow, calendars: Calendars) -> SectionRow:
    """A section meets in its terms and in the sessions inside them."""
    school, year = calendars.used[course.calendar]
    sessions = calendars.sessions
    meets = sessions.with_descendants(row.ids("termSourcedIds", "termSourcedId"))
    return SectionRow(
        source_id=row.required("sourcedId"),
        course=course.source_id,
        number=row.get("classCode") or row.required("title"),
        terms=tuple(term_id(school, s) for s in meets if sessions.year_keys[s] == year),
        origin=row.origin(),
    )


def add_people(
    users: list[CsvRow], roles: dict[str, str], plan: RosterPlan, roster: Roster
) -> None:
    """Teachers as users, students as students; other roles are not imported."""
    usernames: dict[str, CsvRow] = {}
    for key, row in unique(users, "user").items():
        role = (row.get("role") or roles.get(key) or "").casefold()
        if role == "teacher":
            plan.teachers.append(_teacher(key, row, usernames))
            roster.teachers.add(key)
        elif role == "student":
            name = (row.get("givenName") or "", row.required("familyName"))
            plan.students.append(StudentRow(key, *name, row.origin()))
            roster.students.add(key)


def _teacher(key: str, row: CsvRow, usernames: dict[str, CsvRow]) -> TeacherRow:
    username = row.get("username") or key
    if username in usernames:
        first = usernames[username].line
        raise row.fail(f"username {username!r} is taken on line {first}")
    usernames[username] = row
    names = (row.get("givenName"), row.get("familyName"))
    return TeacherRow(
        source_id=key,
        username=username,
        display_name=" ".join(n for n in names if n) or username,
        email=row.get("email"),
        origin=row.origin(),
    )


def add_enrollments(
    rows: list[CsvRow], roster: Roster, plan: RosterPlan, summary: ImportSummary
) -> None:
    """Teachers of classes and students on their rosters."""
    for row in unique(rows, "enrollment").values():
        section, user = row.required("classSourcedId"), row.required("userSourcedId")
        if section in roster.skipped_classes:
            summary.skipped["enrollments in skipped classes"] += 1
            continue
        if section not in roster.sections:
            raise row.fail(f"classSourcedId {section} is not a known class")
        role = row.required("role").casefold()
        if role in ("teacher", "student"):
            _check_person(row, user, role, roster)
        if role == "teacher":
            plan.section_teachers.add((section, user))
        elif role == "student":
            plan.enrollments.add((section, user))
        else:
            summary.skipped[f"enrollments of role {role}"] += 1


def _check_person(row: CsvRow, user: str, role: str, roster: Roster) -> None:
    people = roster.teachers if role == "teacher" else roster.students
    if user not in people:
        raise row.fail(f"userSourcedId {user} is not a known {role}")
