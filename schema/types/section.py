"""Sections and their own copy of the grading setup."""

from collections.abc import Sequence
from typing import ClassVar, Self

import strawberry

import models
from schema.context import ApiInfo
from schema.enums import CategoryOrigin
from schema.fields import foreign_key, optional_foreign_key, resolver
from schema.relay import global_id
from schema.types.course import Course, CourseCategory
from schema.types.district import Term
from schema.types.setup import (
    CalcOptions,
    Category,
    Composite,
    CompositePart,
    calc_option_values,
    category_values,
    composite_values,
)
from schema.types.user import User


@strawberry.type(description="A section category: a pushed copy or teacher-made.")
class SectionCategory(Category):
    global_type: ClassVar[str] = "SectionCategory"
    course_category_pk: strawberry.Private[int | None]
    origin: CategoryOrigin = strawberry.field(
        description="PUSHED: a copy of a course category; TEACHER: teacher-made."
    )
    locked: bool = strawberry.field(
        description="True when teachers may not edit or delete it."
    )

    @resolver("The course category this is a copy of; null when teacher-made.")
    async def course_category(self, info: ApiInfo) -> CourseCategory | None:
        if self.course_category_pk is None:
            return None
        loaded = await info.context.loaders.course_category.load(
            self.course_category_pk
        )
        return CourseCategory.from_model(loaded) if loaded else None

    @classmethod
    def from_model(cls, category: models.SectionCategory) -> Self:
        return cls(
            **category_values(category),
            course_category_pk=optional_foreign_key(category, "course_category"),
            origin=category.origin,
            locked=category.locked,
        )


@strawberry.type(description="Section-level calc options for one term and task.")
class SectionCalcOptions(CalcOptions):
    global_type: ClassVar[str] = "SectionCalcOptions"
    locked: bool = strawberry.field(description="True when pushed from the course.")

    @classmethod
    def from_model(cls, option: models.SectionCalcOption) -> Self:
        return cls(**calc_option_values(option), locked=option.locked)


@strawberry.type(description="A section-level composite grade for one term.")
class SectionComposite(Composite):
    global_type: ClassVar[str] = "SectionComposite"
    locked: bool = strawberry.field(description="True when pushed from the course.")

    async def load_parts(self, info: ApiInfo) -> Sequence[CompositePart]:
        return await info.context.loaders.parts_of_section_composite.load(self.pk)

    @classmethod
    def from_model(cls, composite: models.SectionComposite) -> Self:
        return cls(**composite_values(composite), locked=composite.locked)


@strawberry.type(description="One class of a course, taught by its teachers.")
class Section:
    pk: strawberry.Private[int]
    course_pk: strawberry.Private[int]
    source_id: str = strawberry.field(description="The id in the roster source.")
    number: str = strawberry.field(description="Section number within the course.")
    advisory: bool = strawberry.field(description="True for an advisory class.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("Section", self.pk)

    @resolver("The course the section belongs to.")
    async def course(self, info: ApiInfo) -> Course:
        course = await info.context.loaders.course.load(self.course_pk)
        assert course is not None, "a section always has its course"
        return Course.from_model(course)

    @resolver("The teachers of the section; may be empty.")
    async def teachers(self, info: ApiInfo) -> list[User]:
        teachers = await info.context.loaders.teachers_of_section.load(self.pk)
        return [User.from_model(teacher) for teacher in teachers]

    @resolver("The terms the section meets in, in order.")
    async def terms(self, info: ApiInfo) -> list[Term]:
        terms = await info.context.loaders.terms_of_section.load(self.pk)
        return [Term.from_model(term) for term in terms]

    @resolver("The section's categories, pushed and teacher-made, in order.")
    async def categories(self, info: ApiInfo) -> list[SectionCategory]:
        rows = await info.context.loaders.categories_of_section.load(self.pk)
        return [SectionCategory.from_model(row) for row in rows]

    @resolver("The section's grade calculation options.")
    async def calc_options(self, info: ApiInfo) -> list[SectionCalcOptions]:
        rows = await info.context.loaders.calc_options_of_section.load(self.pk)
        return [SectionCalcOptions.from_model(row) for row in rows]

    @resolver("The section's composite grades.")
    async def composites(self, info: ApiInfo) -> list[SectionComposite]:
        rows = await info.context.loaders.composites_of_section.load(self.pk)
        return [SectionComposite.from_model(row) for row in rows]

    @classmethod
    def from_model(cls, section: models.Section) -> Self:
        return cls(
            pk=section.pk,
            course_pk=foreign_key(section, "course"),
            source_id=section.source_id,
            number=section.number,
            advisory=section.advisory,
        )
