"""Courses and their course-level grading setup, the source of every push."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, Self

import strawberry

import models
from schema.context import ApiInfo
from schema.fields import foreign_key, resolver
from schema.relay import (
    After,
    Connection,
    First,
    connection_from_list,
    global_id,
)
from schema.types.district import Calendar
from schema.types.setup import (
    CalcOptions,
    Category,
    Composite,
    CompositePart,
    calc_option_values,
    category_values,
    composite_values,
)

if TYPE_CHECKING:
    from schema.types.section import Section

_SectionType = Annotated["Section", strawberry.lazy("schema.types.section")]


@strawberry.type(description="A category of a course, pushed to its sections.")
class CourseCategory(Category):
    global_type: ClassVar[str] = "CourseCategory"

    @classmethod
    def from_model(cls, category: models.CourseCategory) -> Self:
        return cls(**category_values(category))


@strawberry.type(description="Course-level calc options for one term and task.")
class CourseCalcOptions(CalcOptions):
    global_type: ClassVar[str] = "CourseCalcOptions"

    @classmethod
    def from_model(cls, option: models.CourseCalcOption) -> Self:
        return cls(**calc_option_values(option))


@strawberry.type(description="A course-level composite grade for one term.")
class CourseComposite(Composite):
    global_type: ClassVar[str] = "CourseComposite"

    async def load_parts(self, info: ApiInfo) -> Sequence[CompositePart]:
        return await info.context.loaders.parts_of_course_composite.load(self.pk)

    @classmethod
    def from_model(cls, composite: models.CourseComposite) -> Self:
        return cls(**composite_values(composite))


@strawberry.type(description="An offering in a calendar; it owns the pushed setup.")
class Course:
    pk: strawberry.Private[int]
    calendar_pk: strawberry.Private[int]
    source_id: str = strawberry.field(description="The id in the roster source.")
    number: str = strawberry.field(description="Course number, such as ENG1.")
    name: str = strawberry.field(description="Course name.")
    subject: str | None = strawberry.field(description="Subject area, if known.")
    advisory: bool = strawberry.field(description="True for an advisory class.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("Course", self.pk)

    @resolver("The calendar the course is offered in.")
    async def calendar(self, info: ApiInfo) -> Calendar:
        calendar = await info.context.loaders.calendar.load(self.calendar_pk)
        assert calendar is not None, "a course always has its calendar"
        return Calendar.from_model(calendar)

    @resolver("Assignment categories, in display order.")
    async def categories(self, info: ApiInfo) -> list[CourseCategory]:
        rows = await info.context.loaders.categories_of_course.load(self.pk)
        return [CourseCategory.from_model(row) for row in rows]

    @resolver("Grade calculation options, one per term and grading task.")
    async def calc_options(self, info: ApiInfo) -> list[CourseCalcOptions]:
        rows = await info.context.loaders.calc_options_of_course.load(self.pk)
        return [CourseCalcOptions.from_model(row) for row in rows]

    @resolver("Composite grades, one per term and composite task.")
    async def composites(self, info: ApiInfo) -> list[CourseComposite]:
        rows = await info.context.loaders.composites_of_course.load(self.pk)
        return [CourseComposite.from_model(row) for row in rows]

    @resolver("The sections the caller may see, by number.")
    async def sections(
        self,
        info: ApiInfo,
        first: First = None,
        after: After = None,
    ) -> Connection[_SectionType]:
        from schema.types.section import Section

        rows = await info.context.loaders.sections_of_course.load(self.pk)
        nodes = [Section.from_model(row) for row in rows]
        return connection_from_list(nodes, first, after)

    @classmethod
    def from_model(cls, course: models.Course) -> Self:
        return cls(
            pk=course.pk,
            calendar_pk=foreign_key(course, "calendar"),
            source_id=course.source_id,
            number=course.number,
            name=course.name,
            subject=course.subject,
            advisory=course.advisory,
        )
