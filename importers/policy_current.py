"""The course-level setup that selected courses have now, read in chunks."""

from collections.abc import Iterator, Sequence
from decimal import Decimal

from importers.policy_setup import CurrentSetup, composite_parts
from models import (
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
)
from models.base import name_key

CHUNK = 500

Current = dict[int, CurrentSetup]


def chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    """Id lists short enough for an ``IN (...)`` on every back end."""
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


async def load_current(course_ids: Sequence[int]) -> Current:
    """Categories, calc options, composites and advisory flag of each course."""
    current: Current = {}
    for chunk in chunks(course_ids):
        for course_id, advisory in await Course.filter(id__in=chunk).values_list(
            "id", "advisory"
        ):
            current[course_id] = CurrentSetup(advisory=bool(advisory))
        await _load_categories(chunk, current)
        await _load_calc_options(chunk, current)
        await _load_composites(chunk, current)
    return current


async def _load_categories(chunk: list[int], current: Current) -> None:
    for category in await CourseCategory.filter(course_id__in=chunk).order_by("id"):
        setup = current[category.course_id]  # type: ignore[attr-defined]
        setup.categories[name_key(category.name)] = category


async def _load_calc_options(
    chunk: list[int], current: dict[int, CurrentSetup]
) -> None:
    for option in await CourseCalcOption.filter(course_id__in=chunk).order_by("id"):
        key = (option.term_id, option.grading_task_id)  # type: ignore[attr-defined]
        current[option.course_id].calc_options[key] = option  # type: ignore[attr-defined]


async def _load_composites(chunk: list[int], current: Current) -> None:
    composites = await CourseComposite.filter(course_id__in=chunk).values_list(
        "id", "course_id", "term_id", "grading_task_id"
    )
    parts: dict[int, list[tuple[int, Decimal]]] = {pk: [] for pk, *_ in composites}
    rows = await CourseCompositePart.filter(composite_id__in=list(parts)).values_list(
        "composite_id", "component_task_id", "weight"
    )
    for composite_id, task_id, weight in rows:
        parts[composite_id].append((task_id, Decimal(weight)))
    for pk, course_id, term_id, task_id in composites:
        current[course_id].composites[(term_id, task_id)] = (
            pk,
            composite_parts(parts[pk]),
        )
