"""Schools, calendars, terms and grading tasks."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

import models
from auth.rights import visible_courses
from schema.context import ApiInfo
from schema.fields import foreign_key, resolver
from schema.relay import (
    After,
    Connection,
    First,
    connection_of_queryset,
    global_id,
)

if TYPE_CHECKING:
    from schema.types.course import Course

_CourseType = Annotated["Course", strawberry.lazy("schema.types.course")]


@strawberry.type(description="A building of the district.")
class School:
    pk: strawberry.Private[int]
    source_id: str = strawberry.field(description="The id in the roster source.")
    name: str = strawberry.field(description="The school's name.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("School", self.pk)

    @classmethod
    def from_model(cls, school: models.School) -> Self:
        return cls(pk=school.pk, source_id=school.source_id, name=school.name)


@strawberry.type(description="A grading period of a calendar (Q1..Q4, S1, S2).")
class Term:
    pk: strawberry.Private[int]
    name: str = strawberry.field(description="Short name, such as Q1.")
    sequence: int = strawberry.field(description="Order within the calendar.")
    start_date: date = strawberry.field(description="First day of the term.")
    end_date: date = strawberry.field(description="Last day of the term.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("Term", self.pk)

    @classmethod
    def from_model(cls, term: models.Term) -> Self:
        return cls(
            pk=term.pk,
            name=term.name,
            sequence=term.sequence,
            start_date=term.start_date,
            end_date=term.end_date,
        )


@strawberry.type(description="A reportable grade column, such as Quarter Grade.")
class GradingTask:
    pk: strawberry.Private[int]
    name: str = strawberry.field(description="The column's name.")
    sequence: int = strawberry.field(description="Display order.")
    composite: bool = strawberry.field(
        description="True when the grade is composed of other tasks' grades."
    )

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("GradingTask", self.pk)

    @classmethod
    def from_model(cls, task: models.GradingTask) -> Self:
        return cls(
            pk=task.pk, name=task.name, sequence=task.sequence, composite=task.composite
        )


async def term_of(info: ApiInfo, pk: int) -> Term:
    """The term a setup row or a grade points to; the database keeps it."""
    term = await info.context.loaders.term.load(pk)
    assert term is not None, f"term {pk} is referenced, so it exists"
    return Term.from_model(term)


async def grading_task_of(info: ApiInfo, pk: int) -> GradingTask:
    """The grading task a setup row or a grade points to; the database keeps it."""
    task = await info.context.loaders.grading_task.load(pk)
    assert task is not None, f"grading task {pk} is referenced, so it exists"
    return GradingTask.from_model(task)


@strawberry.type(description="One school's school year; every push targets one.")
class Calendar:
    pk: strawberry.Private[int]
    school_pk: strawberry.Private[int]
    source_id: str = strawberry.field(description="The id in the roster source.")
    name: str = strawberry.field(description="Name, such as 2025-26 North High.")
    start_date: date = strawberry.field(description="First day of the school year.")
    end_date: date = strawberry.field(description="Last day of the school year.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("Calendar", self.pk)

    @resolver("The school the calendar belongs to.")
    async def school(self, info: ApiInfo) -> School:
        school = await info.context.loaders.school.load(self.school_pk)
        assert school is not None, "a calendar always has its school"
        return School.from_model(school)

    @resolver("The grading periods, in order.")
    async def terms(self, info: ApiInfo) -> list[Term]:
        terms = await info.context.loaders.terms_of_calendar.load(self.pk)
        return [Term.from_model(term) for term in terms]

    @resolver("The grading tasks, in display order.")
    async def grading_tasks(self, info: ApiInfo) -> list[GradingTask]:
        tasks = await info.context.loaders.grading_tasks_of_calendar.load(self.pk)
        return [GradingTask.from_model(task) for task in tasks]

    @resolver("The courses the caller may see, by number.")
    async def courses(
        self,
        info: ApiInfo,
        first: First = None,
        after: After = None,
    ) -> Connection[_CourseType]:
        from schema.types.course import Course

        courses = visible_courses(info.context.viewer).filter(calendar_id=self.pk)
        ordered = courses.order_by("number", "id")
        return await connection_of_queryset(ordered, first, after, Course.from_model)

    @classmethod
    def from_model(cls, calendar: models.Calendar) -> Self:
        return cls(
            pk=calendar.pk,
            school_pk=foreign_key(calendar, "school"),
            source_id=calendar.source_id,
            name=calendar.name,
            start_date=calendar.start_date,
            end_date=calendar.end_date,
        )
