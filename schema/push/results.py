"""Per-section results of a push request and the changes each one made.

The changes come from the JSON records push/changes.py stores with each
result; they are typed here so a front end never parses free-form JSON.
"""

import json
from typing import Any, Self

import strawberry

import models
from schema.context import ApiInfo
from schema.fields import foreign_key, resolver
from schema.push.enums import SectionChangeKind, SectionOutcome, TermValueAction
from schema.relay import global_id
from schema.types.course import Course
from schema.types.district import GradingTask, Term
from schema.types.section import Section


@strawberry.type(description="One field of a section's setup, before and after.")
class FieldChange:
    component_task_pk: strawberry.Private[int | None]
    field: str = strawberry.field(description="The field, such as weight or name.")
    before: str | None = strawberry.field(
        description="The value before the push, as text; null when there was none."
    )
    after: str | None = strawberry.field(
        description="The value after the push, as text; null when removed."
    )

    @resolver(
        "For a composite grade: the component task whose weight this is;"
        " null for other changes."
    )
    async def component_task(self, info: ApiInfo) -> GradingTask | None:
        if self.component_task_pk is None:
            return None
        task = await info.context.loaders.grading_task.load(self.component_task_pk)
        return GradingTask.from_model(task) if task else None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Self:
        return cls(
            component_task_pk=record.get("grading_task_id"),
            field=str(record["field"]),
            before=_as_text(record.get("before")),
            after=_as_text(record.get("after")),
        )


def _as_text(value: object) -> str | None:
    """Strings as they are; numbers, flags and lists in their JSON spelling."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


@strawberry.type(description="One change a push made to a section's grading setup.")
class SectionChange:
    term_pk: strawberry.Private[int | None]
    grading_task_pk: strawberry.Private[int | None]
    kind: SectionChangeKind = strawberry.field(description="What kind of change.")
    category: str | None = strawberry.field(
        description="The category's name, for category changes (the old name of"
        " a renamed teacher category)."
    )
    action: TermValueAction | None = strawberry.field(
        description="For calc options and composites: set or removed."
    )
    reason: str | None = strawberry.field(
        description="Why a category was deleted or kept in use."
    )
    detached: bool | None = strawberry.field(
        description="For a category kept in use: true when it was unlinked from"
        " its deleted course category and is now the teacher's."
    )
    fields: list[FieldChange] = strawberry.field(
        description="The fields that changed, each before and after."
    )

    @resolver("The term of a calc option or composite change.")
    async def term(self, info: ApiInfo) -> Term | None:
        if self.term_pk is None:
            return None
        term = await info.context.loaders.term.load(self.term_pk)
        return Term.from_model(term) if term else None

    @resolver("The grading task of a calc option or composite change.")
    async def grading_task(self, info: ApiInfo) -> GradingTask | None:
        if self.grading_task_pk is None:
            return None
        task = await info.context.loaders.grading_task.load(self.grading_task_pk)
        return GradingTask.from_model(task) if task else None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Self:
        action = record.get("action")
        return cls(
            term_pk=record.get("term_id"),
            grading_task_pk=record.get("grading_task_id"),
            kind=SectionChangeKind(record["kind"]),
            category=record.get("category"),
            action=TermValueAction(action) if action else None,
            reason=record.get("reason"),
            detached=record.get("detached"),
            fields=[FieldChange.from_record(c) for c in record.get("changes", [])],
        )


@strawberry.type(description="What a push request did to one section, and why.")
class SectionResult:
    pk: strawberry.Private[int]
    section_pk: strawberry.Private[int]
    course_pk: strawberry.Private[int]
    outcome: SectionOutcome = strawberry.field(
        description="Changed, unchanged (already in line), failed or skipped."
    )
    changes: list[SectionChange] = strawberry.field(
        description="What changed in the section; empty when nothing did."
    )
    error: str | None = strawberry.field(
        description="Why the section failed or was skipped; null otherwise."
    )

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("PushSectionResult", self.pk)

    @resolver("The section.")
    async def section(self, info: ApiInfo) -> Section:
        section = await info.context.loaders.section.load(self.section_pk)
        assert section is not None, "a result always has its section"
        return Section.from_model(section)

    @resolver("The course the section belongs to.")
    async def course(self, info: ApiInfo) -> Course:
        course = await info.context.loaders.course.load(self.course_pk)
        assert course is not None, "a result always has its course"
        return Course.from_model(course)

    @classmethod
    def from_model(cls, result: models.PushSectionResult) -> Self:
        return cls(
            pk=result.pk,
            section_pk=foreign_key(result, "section"),
            course_pk=foreign_key(result, "course"),
            outcome=result.outcome,
            changes=[SectionChange.from_record(r) for r in result.changes],
            error=result.error,
        )
