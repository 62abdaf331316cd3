"""Writes a checked RosterPlan to the database in one transaction.

Models are written parents first; each step returns the database ids of its
rows by source id so the next step can link to them.
"""

import logging
from pathlib import Path
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from importers.common import ImportFileError, ImportSummary, Progress
from importers.roster_plan import RosterPlan
from importers.upsert import Defaults, Key, Table, upsert
from models import (
    Assignment,
    Calendar,
    Course,
    Enrollment,
    GradingTask,
    Role,
    School,
    Score,
    Section,
    SectionCategory,
    SectionTeacher,
    SectionTerm,
    Student,
    Term,
    User,
)
from models.section import CategoryOrigin

logger = logging.getLogger(__name__)

Ids = dict[str, int]


async def write_plan(plan: RosterPlan, summary: ImportSummary, source: Path) -> None:
    """Bring the database in line with the plan; all of it or, on error, none.

    A clash with rows the plan does not know (a username taken by another
    user) is only found by the database; it is reported like a bad row.
    """
    plan.check_lengths(source)
    progress = Progress(f"Importing {summary.source}", plan.size())
    try:
        async with in_transaction():
            writer = _PlanWriter(plan, summary, progress)
            await writer.write_district()
            await writer.write_rosters()
            await writer.write_gradebook()
    except IntegrityError as error:
        reason = f"the database refused it: {error}"
        raise ImportFileError(source, None, reason) from error
    finally:
        progress.finish()
    logger.info("import of %s written", summary.source)


class _PlanWriter:
    def __init__(
        self, plan: RosterPlan, summary: ImportSummary, progress: Progress
    ) -> None:
        self.plan = plan
        self.summary = summary
        self.progress = progress
        self.calendars: Ids = {}
        self.terms: Ids = {}
        self.sections: Ids = {}
        self.students: Ids = {}
        self._section_source_ids: dict[int, str] = {}

    async def _upsert(
        self,
        table: Table,
        rows: list[dict[str, Any]],
        defaults: Defaults | None = None,
    ) -> dict[Key, int]:
        ids = await upsert(table, rows, self.summary, defaults)
        self.progress.advance(len(rows))
        return ids

    async def _by_source_id(
        self,
        table: Table,
        rows: list[dict[str, Any]],
        defaults: Defaults | None = None,
    ) -> Ids:
        ids = await self._upsert(table, rows, defaults)
        return {key[0]: pk for key, pk in ids.items()}

    async def write_district(self) -> None:
        plan = self.plan
        schools = await self._by_source_id(
            Table(School, ("source_id",), "schools"),
            [{"source_id": s.source_id, "name": s.name} for s in plan.schools],
        )
        self.calendars = await self._by_source_id(
            Table(Calendar, ("source_id",), "calendars"),
            [
                {
                    "source_id": c.source_id,
                    "school_id": schools[c.school],
                    "name": c.name,
                    "start_date": c.start_date,
                    "end_date": c.end_date,
                }
                for c in plan.calendars
            ],
        )
        await self._write_terms_and_tasks()

    async def _write_terms_and_tasks(self) -> None:
        self.terms = await self._by_source_id(
            Table(Term, ("source_id",), "terms"),
            [
                {
                    "source_id": t.source_id,
                    "calendar_id": self.calendars[t.calendar],
                    "name": t.name,
                    "sequence": t.sequence,
                    "start_date": t.start_date,
                    "end_date": t.end_date,
                }
                for t in self.plan.terms
            ],
        )
        await self._upsert(
            Table(GradingTask, ("calendar_id", "name"), "grading tasks"),
            [
                {
                    "calendar_id": self.calendars[t.calendar],
                    "name": t.name,
                    "sequence": t.sequence,
                    "composite": t.composite,
                }
                for t in self.plan.grading_tasks
            ],
        )

    async def write_rosters(self) -> None:
        await self._write_courses_and_sections()
        teachers = await self._by_source_id(
            Table(User, ("source_id",), "teachers"),
            [
                {
                    "source_id": t.source_id,
                    "username": t.username,
                    "display_name": t.display_name,
                    "email": t.email,
                }
                for t in self.plan.teachers
            ],
            lambda _: {"role": Role.TEACHER},
        )
        await self._upsert(
            Table(SectionTeacher, ("section_id", "teacher_id"), "section teachers"),
            [
                {"section_id": self.sections[section], "teacher_id": teachers[user]}
                for section, user in sorted(self.plan.section_teachers)
            ],
        )
        await self._write_students()

    async def _write_courses_and_sections(self) -> None:
        courses = await self._by_source_id(
            Table(Course, ("source_id",), "courses"),
            [
                {
                    "source_id": c.source_id,
                    "calendar_id": self.calendars[c.calendar],
                    "number": c.number,
                    "name": c.name,
                    "subject": c.subject,
                }
                for c in self.plan.courses
            ],
        )
        self.sections = await self._by_source_id(
            Table(Section, ("source_id",), "sections"),
            [
                {
                    "source_id": s.source_id,
                    "course_id": courses[s.course],
                    "number": s.number,
                }
                for s in self.plan.sections
            ],
        )
        self._section_source_ids = {pk: key for key, pk in self.sections.items()}
        await self._upsert(
            Table(SectionTerm, ("section_id", "term_id"), "section terms"),
            [
                {"section_id": self.sections[s.source_id], "term_id": self.terms[term]}
                for s in self.plan.sections
                for term in s.terms
            ],
        )

    async def _write_students(self) -> None:
        self.students = await self._by_source_id(
            Table(Student, ("source_id",), "students"),
            [
                {
                    "source_id": s.source_id,
                    "first_name": s.first_name,
                    "last_name": s.last_name,
                }
                for s in self.plan.students
            ],
        )
        await self._upsert(
            Table(Enrollment, ("section_id", "student_id"), "enrollments"),
            [
                {"section_id": self.sections[section], "student_id": self.students[s]}
                for section, s in sorted(self.plan.enrollments)
            ],
        )

    async def write_gradebook(self) -> None:
        categories = await self._upsert(
            Table(SectionCategory, ("section_id", "name_key"), "categories"),
            [
                {"section_id": self.sections[section], "name_key": key, "name": name}
                for (section, key), (name, _) in self.plan.categories.items()
            ],
            self._new_category,
        )
        assignments = await self._write_assignments(categories)
        await self._upsert(
            Table(Score, ("assignment_id", "student_id"), "scores"),
            [
                {
                    "assignment_id": assignments[s.assignment],
                    "student_id": self.students[s.student],
                    "points": s.points,
                }
                for s in self.plan.scores
            ],
        )

    def _new_category(self, key: Key) -> dict[str, Any]:
        """A new category is teacher-made, weighted like its siblings, in order."""
        section = self._section_source_ids[key[0]]
        _, sequence = self.plan.categories[(section, key[1])]
        return {"origin": CategoryOrigin.TEACHER, "weight": 100, "sequence": sequence}

    async def _write_assignments(self, categories: dict[Key, int]) -> Ids:
        return await self._by_source_id(
            Table(Assignment, ("source_id",), "assignments"),
            [
                {
                    "source_id": a.source_id,
                    "section_id": self.sections[a.section],
                    "category_id": categories[(self.sections[a.section], a.category)],
                    "term_id": self.terms[a.term] if a.term else None,
                    "name": a.name,
                    "points_possible": a.points_possible,
                    "due_date": a.due_date,
                }
                for a in self.plan.assignments
            ],
        )
