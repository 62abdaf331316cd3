"""Per-operation DataLoaders: one SQL query per relation and nesting level.

Resolvers never query a relation row by row; they ask a loader, which gathers
the keys of every object on the page and loads them at once. A page of 100
courses with their sections therefore costs the same number of queries as a
page of 10. Loaders live for one operation, so their caches never go stale.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model
from tortoise.queryset import QuerySet

import models
from auth.rights import visible_sections

ModelT = TypeVar("ModelT", bound=Model)
ValueT = TypeVar("ValueT")


def _by_id(model: type[ModelT]) -> DataLoader[int, ModelT | None]:
    async def load(ids: list[int]) -> list[ModelT | None]:
        found = {row.pk: row for row in await model.filter(id__in=ids)}
        return [found.get(pk) for pk in ids]

    return DataLoader(load_fn=load)


def _grouped(
    keys: list[int], rows: Iterable[ValueT], key: Callable[[ValueT], Hashable]
) -> list[list[ValueT]]:
    groups: defaultdict[Hashable, list[ValueT]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return [groups.get(k, []) for k in keys]


def _children(
    query: Callable[[list[int]], QuerySet[ModelT]], parent_field: str
) -> DataLoader[int, list[ModelT]]:
    """Rows grouped by parent id, in the order the query sorts them."""

    async def load(parent_ids: list[int]) -> list[list[ModelT]]:
        rows = await query(parent_ids)
        return _grouped(parent_ids, rows, lambda row: getattr(row, parent_field))

    return DataLoader(load_fn=load)


def _rows_of(
    model: type[ModelT], parent_field: str, *order: str
) -> DataLoader[int, list[ModelT]]:
    """Every row of ``model`` under each parent, sorted by ``order``."""
    return _children(
        lambda ids: model.filter(**{f"{parent_field}__in": ids}).order_by(*order),
        parent_field,
    )


def _linked(
    query: Callable[[list[int]], QuerySet[ModelT]],
    parent_field: str,
    target: Callable[[ModelT], ValueT],
) -> DataLoader[int, list[ValueT]]:
    """Rows reached through a link table (teachers, terms), grouped by parent."""

    async def load(parent_ids: list[int]) -> list[list[ValueT]]:
        links = await query(parent_ids)
        groups = _grouped(parent_ids, links, lambda link: getattr(link, parent_field))
        return [[target(link) for link in group] for group in groups]

    return DataLoader(load_fn=load)


class Loaders:
    """Every loader of one operation; `viewer` limits what section lists hold."""

    def __init__(self, viewer: models.User) -> None:
        self.school = _by_id(models.School)
        self.calendar = _by_id(models.Calendar)
        self.course = _by_id(models.Course)
        self.course_category = _by_id(models.CourseCategory)
        self.term = _by_id(models.Term)
        self.grading_task = _by_id(models.GradingTask)
        self.user = _by_id(models.User)
        self.section = _by_id(models.Section)
        self.push_request = _by_id(models.PushRequest)
        self._init_calendar_children()
        self._init_course_setup()
        self._init_section_children(viewer)
        self._init_section_setup()

    def _init_calendar_children(self) -> None:
        self.terms_of_calendar = _rows_of(models.Term, "calendar_id", "sequence", "id")
        self.grading_tasks_of_calendar = _rows_of(
            models.GradingTask, "calendar_id", "sequence", "id"
        )

    def _init_course_setup(self) -> None:
        self.categories_of_course = _rows_of(
            models.CourseCategory, "course_id", "sequence", "id"
        )
        self.calc_options_of_course = _rows_of(
            models.CourseCalcOption, "course_id", "id"
        )
        self.composites_of_course = _rows_of(models.CourseComposite, "course_id", "id")
        self.parts_of_course_composite = _rows_of(
            models.CourseCompositePart, "composite_id", "id"
        )

    def _init_section_children(self, viewer: models.User) -> None:
        self.sections_of_course = _children(
            lambda ids: (
                visible_sections(viewer)
                .filter(course_id__in=ids)
                .order_by("number", "id")
            ),
            "course_id",
        )
        self.teachers_of_section = _linked(
            lambda ids: (
                models.SectionTeacher.filter(section_id__in=ids)
                .select_related("teacher")
                .order_by("id")
            ),
            "section_id",
            lambda link: link.teacher,
        )
        self.terms_of_section = _linked(
            lambda ids: (
                models.SectionTerm.filter(section_id__in=ids)
                .select_related("term")
                .order_by("term__sequence", "id")
            ),
            "section_id",
            lambda link: link.term,
        )

    def _init_section_setup(self) -> None:
        self.categories_of_section = _rows_of(
            models.SectionCategory, "section_id", "sequence", "id"
        )
        self.calc_options_of_section = _rows_of(
            models.SectionCalcOption, "section_id", "id"
        )
        self.composites_of_section = _rows_of(
            models.SectionComposite, "section_id", "id"
        )
        self.parts_of_section_composite = _rows_of(
            models.SectionCompositePart, "composite_id", "id"
        )
