"""Ed-Fi students, gradebook entries and student scores.

Ed-Fi has no gradebook categories, so each entry goes into a teacher-made
section category named after its entry type, or "Assignments" without one.
A student with a score is enrolled in the entry's section: the sample holds no
other roster.
"""

import datetime
from decimal import Decimal

from importers.edfi_refs import SectionKey, index, section_key, source_id
from importers.edfi_xml import Record, descriptor_value
from importers.roster_plan import (
    AssignmentRow,
    RosterPlan,
    ScoreRow,
    StudentRow,
    TermRow,
)
from models.base import normalize_name

DEFAULT_CATEGORY = "Assignments"
DEFAULT_POINTS = Decimal(100)

EntryKey = tuple[str, str]


def add_students(records: list[Record], plan: RosterPlan) -> set[str]:
    students = index(records, lambda r: r.required("StudentUniqueId"), "student")
    plan.students.extend(
        StudentRow(
            source_id=key,
            first_name=record.required("Name/FirstName"),
            last_name=record.required("Name/LastSurname"),
            origin=record.origin(),
        )
        for key, record in students.items()
    )
    return set(students)


def add_assignments(
    entries: list[Record], sections: set[SectionKey], plan: RosterPlan
) -> dict[EntryKey, SectionKey]:
    """Assignments of known sections; returns each entry's section."""
    by_key = index(entries, _entry_key, "gradebook entry")
    terms = {term.source_id: term for term in plan.terms}
    section_terms = {row.source_id: row.terms for row in plan.sections}

    section_of: dict[EntryKey, SectionKey] = {}
    for key, entry in by_key.items():
        section = section_key(entry)
        if section not in sections:
            raise entry.fail(f"refers to unknown section {section}")
        section_id = source_id(*section)
        category = _category_of(entry)
        due = entry.optional_date("DueDate") or entry.optional_date("DateAssigned")
        candidates = [terms[term] for term in section_terms[section_id]]
        plan.assignments.append(
            AssignmentRow(
                source_id=source_id(*key),
                section=section_id,
                category=plan.add_category(section_id, category or DEFAULT_CATEGORY),
                term=_term_holding(due, candidates),
                name=entry.required("Title"),
                points_possible=_points_possible(entry),
                due_date=due,
                origin=entry.origin(),
            )
        )
        section_of[key] = section
    return section_of


def _category_of(entry: Record) -> str | None:
    """The entry's type as a category name, if it has visible characters."""
    category = descriptor_value(entry.optional("GradebookEntryType"))
    if category is not None and not normalize_name(category):
        raise entry.fail(f"GradebookEntryType {category!r} has no visible characters")
    return category


def _points_possible(entry: Record) -> Decimal:
    """The entry's MaxPoints; 100 when the file leaves it out."""
    points = entry.points("MaxPoints", positive=True)
    return DEFAULT_POINTS if points is None else points


def _entry_key(record: Record, base: str = "") -> EntryKey:
    return (
        record.required(f"{base}Namespace"),
        record.required(f"{base}GradebookEntryIdentifier"),
    )


def _term_holding(day: datetime.date | None, terms: list[TermRow]) -> str | None:
    """The shortest of the section's terms that holds the day, if any."""
    holding = [t for t in terms if day and t.start_date <= day <= t.end_date]
    holding.sort(key=lambda t: t.end_date - t.start_date)
    return holding[0].source_id if holding else None


def add_scores(
    records: list[Record],
    section_of: dict[EntryKey, SectionKey],
    students: set[str],
    plan: RosterPlan,
) -> None:
    """Scores of known students on known entries, and the enrolments they imply."""
    reference = "GradebookEntryReference/GradebookEntryIdentity/"
    student_path = "StudentReference/StudentIdentity/StudentUniqueId"
    scores = index(
        records,
        lambda r: (_entry_key(r, reference), r.required(student_path)),
        "student gradebook entry",
    )
    for (entry, student), record in scores.items():
        if entry not in section_of:
            raise record.fail(f"refers to unknown gradebook entry {entry}")
        if student not in students:
            raise record.fail(f"refers to unknown student {student}")
        points = record.points("NumericGradeEarned")
        plan.scores.append(ScoreRow(source_id(*entry), student, points))
        plan.enrollments.add((source_id(*section_of[entry]), student))
