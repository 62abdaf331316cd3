"""What an import wants the database to hold, keyed by the source's own ids.

Each importer turns its files into a RosterPlan after checking every row; the
writer then brings the database in line with the plan in one transaction. Rows
refer to each other by source ids, never by database ids, so a plan can be
built and checked before anything is written.
"""

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from tortoise import fields
from tortoise.models import Model

from importers.common import ImportFileError
from models import (
    Assignment,
    Calendar,
    Course,
    GradingTask,
    School,
    Section,
    Student,
    Term,
    User,
)
from models.base import NAME_MAX_LENGTH, name_key, normalize_name


@dataclass(frozen=True)
class Origin:
    """The file and line a row was read from, so a check can point at it."""

    path: Path
    line: int | None


class _Located(Protocol):
    @property
    def origin(self) -> Origin | None: ...


@dataclass(frozen=True)
class SchoolRow:
    source_id: str
    name: str
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CalendarRow:
    source_id: str
    school: str
    name: str
    start_date: datetime.date
    end_date: datetime.date
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class TermRow:
    source_id: str
    calendar: str
    name: str
    sequence: int
    start_date: datetime.date
    end_date: datetime.date
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class GradingTaskRow:
    calendar: str
    name: str
    sequence: int
    composite: bool
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CourseRow:
    source_id: str
    calendar: str
    number: str
    name: str
    subject: str | None
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SectionRow:
    """A section with the source ids of the terms it meets in."""

    source_id: str
    course: str
    number: str
    terms: tuple[str, ...]
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class TeacherRow:
    source_id: str
    username: str
    display_name: str
    email: str | None
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class StudentRow:
    source_id: str
    first_name: str
    last_name: str
    origin: Origin | None = field(default=None, compare=False)


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
    origin: Origin | None = field(default=None, compare=False)


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

    def check_lengths(self, source: Path) -> None:
        """Refuse a text longer than its column, at the row it was read from.

        Sources set no limits of their own, and a made-up text (a calendar
        named after its year and school) can outgrow its parts, so each row
        is measured as it will be written. A row that knows no origin is
        reported against the whole source.
        """
        for model, kind, rows in self._tables():
            limits = _text_limits(model)
            for row in rows:
                for name, limit in limits:
                    value = getattr(row, name, None)
                    if isinstance(value, str) and len(value) > limit:
                        where = row.origin or Origin(source, None)
                        reason = (
                            f"{kind} {name} has {len(value)} characters;"
                            f" at most {limit} fit"
                        )
                        raise ImportFileError(where.path, where.line, reason)

    def _tables(self) -> Iterator[tuple[type[Model], str, Sequence[_Located]]]:
        yield School, "school", self.schools
        yield Calendar, "calendar", self.calendars
        yield Term, "term", self.terms
        yield GradingTask, "grading task", self.grading_tasks
        yield Course, "course", self.courses
        yield Section, "section", self.sections
        yield User, "teacher", self.teachers
        yield Student, "student", self.students
        yield Assignment, "assignment", self.assignments

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


def _text_limits(model: type[Model]) -> list[tuple[str, int]]:
    """The text columns of a model and how many characters each holds."""
    return [
        (name, column.max_length)
        for name, column in model._meta.fields_map.items()
        if isinstance(column, fields.CharField)
    ]
