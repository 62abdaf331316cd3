"""Ed-Fi course catalogue, offerings, sections, staff and staff-section links.

A gradepush course is a catalogue course offered in one calendar; it gets one
row however many sessions offer it. Only staff linked to a section become
teachers: the rest of the staff have no sections to grade.
"""

from importers.edfi_calendar import source_id_of
from importers.edfi_refs import (
    OfferingKey,
    SectionKey,
    SessionKey,
    index,
    own_offering_key,
    own_section_key,
    section_key,
    source_id,
)
from importers.edfi_xml import Record, descriptor_value
from importers.roster_plan import CourseRow, RosterPlan, SectionRow, TeacherRow

_COURSE = "CourseReference/CourseIdentity/"
_ORGANIZATION = "EducationOrganizationReference/EducationOrganizationIdentity/"


def add_courses(
    catalogue: list[Record],
    offerings: list[Record],
    sessions: dict[SessionKey, tuple[str, ...]],
    plan: RosterPlan,
) -> dict[OfferingKey, str]:
    """Courses offered in each calendar; returns each offering's course source id."""
    courses = index(catalogue, _catalogue_key, "course")
    by_offering = index(offerings, own_offering_key, "course offering")

    course_of: dict[OfferingKey, str] = {}
    rows: dict[str, CourseRow] = {}
    for key, offering in by_offering.items():
        _, school, session, year = key
        if (school, year, session) not in sessions:
            raise offering.fail(f"refers to unknown session {session!r} of {school}")
        course = _catalogue_course(offering, courses)
        row = _course_row(course, source_id_of(school, year))
        rows.setdefault(row.source_id, row)
        course_of[key] = row.source_id
    plan.courses.extend(rows.values())
    return course_of


def _catalogue_key(record: Record, base: str = "") -> tuple[str, str]:
    return (
        record.required(f"{base}CourseCode"),
        record.required(f"{base}{_ORGANIZATION}EducationOrganizationId"),
    )


def _catalogue_course(
    offering: Record, courses: dict[tuple[str, str], Record]
) -> Record:
    key = _catalogue_key(offering, _COURSE)
    if key not in courses:
        raise offering.fail(f"refers to unknown course {key[0]} of {key[1]}")
    return courses[key]


def _course_row(course: Record, calendar: str) -> CourseRow:
    code, organization = _catalogue_key(course)
    return CourseRow(
        source_id=source_id(calendar, organization, code),
        calendar=calendar,
        number=code,
        name=course.required("CourseTitle"),
        subject=descriptor_value(course.optional("AcademicSubject")),
        origin=course.origin(),
    )


def add_sections(
    records: list[Record],
    course_of: dict[OfferingKey, str],
    sessions: dict[SessionKey, tuple[str, ...]],
    plan: RosterPlan,
) -> set[SectionKey]:
    """Sections of known offerings, meeting in their session's terms."""
    sections = index(records, own_section_key, "section")
    for key, record in sections.items():
        offering = key[:4]
        if offering not in course_of:
            raise record.fail(f"refers to unknown course offering {offering}")
        _, school, session, year = offering
        plan.sections.append(
            SectionRow(
                source_id=source_id(*key),
                course=course_of[offering],
                number=key[4],
                terms=sessions[(school, year, session)],
                origin=record.origin(),
            )
        )
    return set(sections)


def add_teachers(
    staff: list[Record],
    links: list[Record],
    sections: set[SectionKey],
    plan: RosterPlan,
) -> None:
    """Staff linked to sections, as teachers of those sections."""
    people = index(staff, lambda r: r.required("StaffUniqueId"), "staff")
    for link in links:
        person = link.required("StaffReference/StaffIdentity/StaffUniqueId")
        section = section_key(link)
        if person not in people:
            raise link.fail(f"refers to unknown staff {person}")
        if section not in sections:
            raise link.fail(f"refers to unknown section {section}")
        plan.section_teachers.add((source_id(*section), person))

    teaching = {person for _, person in plan.section_teachers}
    plan.teachers.extend(_teacher(people[p]) for p in sorted(teaching))
    _check_usernames(people, plan.teachers)


def _teacher(record: Record) -> TeacherRow:
    unique_id = record.required("StaffUniqueId")
    names = (record.optional("Name/FirstName"), record.required("Name/LastSurname"))
    return TeacherRow(
        source_id=unique_id,
        username=record.optional("LoginId") or unique_id,
        display_name=" ".join(name for name in names if name),
        email=record.optional("ElectronicMail/ElectronicMailAddress"),
        origin=record.origin(),
    )


def _check_usernames(people: dict[str, Record], teachers: list[TeacherRow]) -> None:
    owners: dict[str, str] = {}
    for teacher in teachers:
        owner = owners.setdefault(teacher.username, teacher.source_id)
        if owner != teacher.source_id:
            record = people[teacher.source_id]
            raise record.fail(f"LoginId {teacher.username!r} is also staff {owner}'s")
