"""What an import wants the database to hold, keyed by the source's own ids.

Each importer turns its files into a RosterPlan after checking every row; the
writer then brings the database in line with the plan in one transaction. Rows
refer to each other by source ids, never by database ids, so a plan can be
built and checked before anything is written.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from models.base import NAME_MAX_LENGTH, name_key, normalize_name


@dataclass(frozen=True)
class SchoolRow:
    source_id: str
    name: str


@dataclass(frozen=True)
class CalendarRow:
    source_id: str
    school: str
    name: str
    start_date: datetime.date
    end_date: datetime.date


@dataclass(frozen=True)
class TermRow:
    source_id: str
    calendar: str
    name: str
    sequence: int
    start_date: datetime.date
    end_date: datetime.date


@dataclass(frozen=True)
class GradingTaskRow:
    calendar: str
    name: str
    sequence: int
    composite: bool


@dataclass(frozen=True)
class CourseRow:
    source_id: str
    calendar: str
    number: str
    name: str
    subject: str | None


@dataclass(frozen=True)
class SectionRow:
    """A section with the source ids of the terms it meets in."""

    source_id: str
    course: str
    number: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class TeacherRow:
    source_id: str
    username: str
    display_name: str
    email: str | None


@dataclass(frozen=True)
class StudentRow:
    source_id: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class AssignmentRow:
    """Graded work; `category` is the name key of a teacher-made section category."""

    source_id: str
    section: str
    category: str
    term: str | None
    name: str
    points_possible: Decimal
    due_date: datetime.date | None


@dataclass(frozen=True)
class ScoreRow:
    assignment: str
    student: str
    points: Decimal | None


@dataclass
class RosterPlan:
    """Everything one import writes; links are pairs of source ids."""

    schools: list[SchoolRow] = field(default_factory=list)
    calendars: list[CalendarRow] = field(default_factory=list)
    terms: list[TermRow] = field(default_factory=list)
    grading_tasks: list[GradingTaskRow] = field(default_factory=list)
    courses: list[CourseRow] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    teachers: list[TeacherRow] = field(default_factory=list)
    section_teachers: set[tuple[str, str]] = field(default_factory=set)
    students: list[StudentRow] = field(default_factory=list)
    enrollments: set[tuple[str, str]] = field(default_factory=set)
    # (section, name key) -> (name, sequence within the section)
    categories: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    assignments: list[AssignmentRow] = field(default_factory=list)
    scores: list[ScoreRow] = field(default_factory=list)

    def add_category(self, section: str, name: str) -> str:
        """Record a teacher-made category of a section; returns its name key.

        Sources know no name rules, so names are normalized and cut to length
        here; categories are numbered in order of first use in their section.
        """
        name = normalize_name(name)[:NAME_MAX_LENGTH]
        key = (section, name_key(name))
        if key not in self.categories:
            in_section = sum(1 for other, _ in self.categories if other == section)
            self.categories[key] = (name, in_section + 1)
        return key[1]

    def size(self) -> int:
        """How many rows the plan holds: the length of the progress bar."""
        links = sum(len(section.terms) for section in self.sections)
        parts = (
            self.schools,
            self.calendars,
            self.terms,
            self.grading_tasks,
            self.courses,
            self.sections,
            self.teachers,
            self.section_teachers,
            self.students,
            self.enrollments,
            self.categories,
            self.assignments,
            self.scores,
        )
        return links + sum(len(part) for part in parts)
