"""The grading setup shared by courses and sections: categories, calc options
and composite grades. Each level implements these interfaces with its own type.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

import models
from schema.context import ApiInfo
from schema.enums import CalcType, RoundingMode
from schema.fields import foreign_key, resolver
from schema.relay import global_id
from schema.types.district import GradingTask, Term, grading_task_of, term_of


@strawberry.interface(description="An assignment category and how it counts.")
class Category:
    global_type: ClassVar[str]
    pk: strawberry.Private[int]
    task_pks: strawberry.Private[list[int]]
    name: str = strawberry.field(description="1-50 characters, unique per owner.")
    weight: Decimal = strawberry.field(
        description="Relative weight; weights need not add up to 100."
    )
    sequence: int = strawberry.field(description="Display order.")
    hidden: bool = strawberry.field(description="Hidden from students and parents.")
    exclude_from_calculation: bool = strawberry.field(
        description="Its assignments do not count toward the grade."
    )
    drop_lowest: int = strawberry.field(description="Lowest scores dropped.")
    drop_highest: int = strawberry.field(description="Highest scores dropped.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id(self.global_type, self.pk)

    @resolver("The grading tasks the category counts toward.")
    async def grading_tasks(self, info: ApiInfo) -> list[GradingTask]:
        tasks = await info.context.loaders.grading_task.load_many(self.task_pks)
        return [GradingTask.from_model(task) for task in tasks if task is not None]


def category_values(
    category: models.CourseCategory | models.SectionCategory,
) -> dict[str, Any]:
    return {
        "pk": category.pk,
        "task_pks": list(category.task_ids),
        "name": category.name,
        "weight": category.weight,
        "sequence": category.sequence,
        "hidden": category.hidden,
        "exclude_from_calculation": category.exclude_from_calc,
        "drop_lowest": category.drop_lowest,
        "drop_highest": category.drop_highest,
    }


@strawberry.interface(description="How the grade of one term and task is calculated.")
class CalcOptions:
    global_type: ClassVar[str]
    pk: strawberry.Private[int]
    term_pk: strawberry.Private[int]
    grading_task_pk: strawberry.Private[int]
    calc_type: CalcType = strawberry.field(description="Whether a grade is calculated.")
    weighted: bool = strawberry.field(
        description="True: weighted by category; false: by total points."
    )
    use_score_percent: bool = strawberry.field(
        description="Scores count as percentages rather than points."
    )
    last_n_assignments: int | None = strawberry.field(
        description="Only the last N assignments count; null for all of them."
    )
    rounding_decimals: int = strawberry.field(
        description="Decimal places the grade is rounded to."
    )
    rounding_mode: RoundingMode = strawberry.field(description="How it is rounded.")
    grading_scale: str | None = strawberry.field(
        description="The grading scale that turns the grade into a mark."
    )

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id(self.global_type, self.pk)

    @resolver("The term these options apply to.")
    async def term(self, info: ApiInfo) -> Term:
        return await term_of(info, self.term_pk)

    @resolver("The grading task these options apply to.")
    async def grading_task(self, info: ApiInfo) -> GradingTask:
        return await grading_task_of(info, self.grading_task_pk)


def calc_option_values(
    option: models.CourseCalcOption | models.SectionCalcOption,
) -> dict[str, Any]:
    return {
        "pk": option.pk,
        "term_pk": foreign_key(option, "term"),
        "grading_task_pk": foreign_key(option, "grading_task"),
        "calc_type": option.calc_type,
        "weighted": option.weighted,
        "use_score_percent": option.use_score_percent,
        "last_n_assignments": option.last_n_assignments,
        "rounding_decimals": option.rounding_decimals,
        "rounding_mode": option.rounding_mode,
        "grading_scale": option.grading_scale,
    }


CompositePart = models.CourseCompositePart | models.SectionCompositePart


@strawberry.type(description="One component of a composite grade and its weight.")
class CompositeComponent:
    task_pk: strawberry.Private[int]
    weight: Decimal = strawberry.field(description="Relative weight of the component.")

    @resolver("The grading task whose grade is a component.")
    async def grading_task(self, info: ApiInfo) -> GradingTask:
        return await grading_task_of(info, self.task_pk)

    @classmethod
    def from_model(cls, part: CompositePart) -> "CompositeComponent":
        return cls(task_pk=foreign_key(part, "component_task"), weight=part.weight)


@strawberry.interface(description="A grade composed of other tasks' grades, per term.")
class Composite:
    global_type: ClassVar[str]
    pk: strawberry.Private[int]
    term_pk: strawberry.Private[int]
    grading_task_pk: strawberry.Private[int]

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id(self.global_type, self.pk)

    @resolver("The term of the composite grade.")
    async def term(self, info: ApiInfo) -> Term:
        return await term_of(info, self.term_pk)

    @resolver("The composite grading task, such as Semester Grade.")
    async def grading_task(self, info: ApiInfo) -> GradingTask:
        return await grading_task_of(info, self.grading_task_pk)

    @resolver("The component tasks and their weights.")
    async def components(self, info: ApiInfo) -> list[CompositeComponent]:
        parts = await self.load_parts(info)
        return [CompositeComponent.from_model(part) for part in parts]

    async def load_parts(self, info: ApiInfo) -> Sequence[CompositePart]:
        """This composite's parts; each level loads them from its own table."""
        raise NotImplementedError


def composite_values(
    composite: models.CourseComposite | models.SectionComposite,
) -> dict[str, Any]:
    return {
        "pk": composite.pk,
        "term_pk": foreign_key(composite, "term"),
        "grading_task_pk": foreign_key(composite, "grading_task"),
    }
