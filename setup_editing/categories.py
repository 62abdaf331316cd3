"""Category edits shared by both levels: checking the fields, the owner's
other categories and the grading tasks, then writing the row.

Course and section categories have the same fields (``CategoryFields``); the
owner (a course or a section) decides the sibling names that must not clash
and whether its grades are weighted by category.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from tortoise.exceptions import IntegrityError

from models import GradingTask
from models.base import name_key
from models.setup import CategoryFields
from setup_editing.change_log import describe
from setup_editing.problems import Path, Problem, ProblemCode, raise_if_any, refusal
from setup_editing.values import checked_count, checked_name, checked_weight

CategoryT = TypeVar("CategoryT", bound=CategoryFields)

MAX_SEQUENCE = 100_000


@dataclass(frozen=True)
class CategoryInput:
    """Category fields to set; a field left None keeps its value (or default).

    The weight is the text the caller typed, so that a non-number is a
    located problem rather than a crash.
    """

    name: str | None = None
    weight: str | None = None
    sequence: int | None = None
    hidden: bool | None = None
    exclude_from_calculation: bool | None = None
    drop_lowest: int | None = None
    drop_highest: int | None = None
    grading_task_ids: Sequence[int] | None = None


@dataclass(frozen=True)
class Owner(Generic[CategoryT]):
    """The course or section a category belongs to, as edits need to know it."""

    label: str
    calendar_id: int
    weighted: bool
    categories: Sequence[CategoryT]

    def category(self, category_id: int) -> CategoryT:
        return next(c for c in self.categories if c.pk == category_id)


async def checked_category_values(
    owner: Owner[CategoryT], edited: CategoryT | None, changes: CategoryInput
) -> dict[str, Any]:
    """Model field values of an edit (``edited`` None: a new category).

    Every check runs before anything is refused, so that one answer names
    all the faulty fields.
    """
    problems: list[Problem] = []
    values = category_values(changes, problems, creating=edited is None)
    await check_grading_tasks(changes.grading_task_ids, owner.calendar_id, problems)
    check_against_owner(owner, edited, values, problems)
    raise_if_any(problems)
    return values


def category_values(
    changes: CategoryInput, problems: list[Problem], *, creating: bool
) -> dict[str, Any]:
    """Model field values of the given inputs; a faulty one becomes a problem."""
    values: dict[str, Any] = {}
    if changes.name is not None or creating:
        name = checked_name(changes.name or "", ("name",), problems)
        if name is not None:
            values.update(name=name, name_key=name_key(name))
    if changes.weight is not None:
        values["weight"] = checked_weight(changes.weight, ("weight",), problems)
    if changes.sequence is not None:
        values["sequence"] = checked_count(
            changes.sequence,
            ("sequence",),
            problems,
            what="The sequence",
            maximum=MAX_SEQUENCE,
        )
    for field in ("drop_lowest", "drop_highest"):
        count = getattr(changes, field)
        if count is not None:
            what = f"The number of {field.replace('_', ' ')} scores"
            values[field] = checked_count(count, (field,), problems, what=what)
    if changes.hidden is not None:
        values["hidden"] = changes.hidden
    if changes.exclude_from_calculation is not None:
        values["exclude_from_calc"] = changes.exclude_from_calculation
    if changes.grading_task_ids is not None:
        values["task_ids"] = sorted(set(changes.grading_task_ids))
    return values


async def check_grading_tasks(
    task_ids: Sequence[int] | None, calendar_id: int, problems: list[Problem]
) -> None:
    """Every grading task must be one of the owner's calendar."""
    if not task_ids:
        return
    rows = await GradingTask.filter(
        calendar_id=calendar_id, id__in=list(task_ids)
    ).values("id")
    known = {row["id"] for row in rows}
    for position, task_id in enumerate(task_ids):
        if task_id not in known:
            problems.append(
                Problem(
                    ProblemCode.NOT_FOUND,
                    "No grading task with that id in this calendar.",
                    ("grading_task_ids", position),
                )
            )


def check_against_owner(
    owner: Owner[CategoryT],
    edited: CategoryT | None,
    values: dict[str, Any],
    problems: list[Problem],
) -> None:
    """The name must be free in the owner; weights must not all become zero.

    Weights are checked only when the edit touches them, so that renaming a
    category never fails over weights someone else left at zero.
    """
    _check_name_is_free(owner, edited, values.get("name_key"), problems)
    if edited is not None and not {"weight", "exclude_from_calc"} & values.keys():
        return

    after = [
        _weight_and_exclusion(c, values if c is edited else {})
        for c in owner.categories
    ]
    if edited is None:
        after.append(
            (values.get("weight", Decimal(0)), values.get("exclude_from_calc", False))
        )
    touched_weight = "weight" in values or edited is None
    field = "weight" if touched_weight else "exclude_from_calculation"
    check_weights(owner, after, (field,), problems)


def _check_name_is_free(
    owner: Owner[CategoryT],
    edited: CategoryT | None,
    key: str | None,
    problems: list[Problem],
) -> None:
    for other in owner.categories:
        if key is not None and other.name_key == key and other is not edited:
            message = (
                f"{owner.label} already has a category named {other.name!r};"
                " names are compared ignoring case and repeated spaces."
            )
            problems.append(Problem(ProblemCode.DUPLICATE_NAME, message, ("name",)))


def check_weights(
    owner: Owner[CategoryT],
    weights: Sequence[tuple[Decimal | None, bool]],
    path: Path,
    problems: list[Problem],
) -> None:
    """Grades weighted by category need at least one counted category above zero.

    ``weights`` holds each category's weight and exclude-from-calculation flag
    as they would be after the edit; a weight of None was refused already.
    """
    counted = [weight for weight, excluded in weights if not excluded]
    if not owner.weighted or not counted or None in counted or any(counted):
        return
    message = (
        f"Every category counted in {owner.label} would weigh 0 while its grades"
        " are weighted by category; give at least one category a weight above 0."
    )
    problems.append(Problem(ProblemCode.ALL_WEIGHTS_ZERO, message, path))


def check_delete(
    owner: Owner[CategoryT], deleted: CategoryT, problems: list[Problem]
) -> None:
    """Deleting the last counted category with a weight leaves the rest at zero."""
    if deleted.exclude_from_calc or not deleted.weight:
        return
    remaining = [
        (c.weight, c.exclude_from_calc) for c in owner.categories if c is not deleted
    ]
    check_weights(owner, remaining, ("id",), problems)


def _weight_and_exclusion(
    category: CategoryFields, values: dict[str, Any]
) -> tuple[Decimal | None, bool]:
    return (
        values.get("weight", category.weight),
        values.get("exclude_from_calc", category.exclude_from_calc),
    )


async def create_category(
    model: type[CategoryT], owner: Owner[CategoryT], values: dict[str, Any], **link: Any
) -> CategoryT:
    """Insert the category, by default after the owner's last one."""
    if "sequence" not in values:
        values = {**values, "sequence": _next_sequence(owner)}
    try:
        return await model.create(**link, **values)
    except IntegrityError:
        raise _name_taken(owner, values.get("name", "")) from None


async def update_category(
    category: CategoryT, owner: Owner[CategoryT], values: dict[str, Any]
) -> list[str]:
    """Write the fields whose value changes; what changed, for the change log."""
    changed = [
        field for field, value in values.items() if getattr(category, field) != value
    ]
    descriptions = [
        describe(field, getattr(category, field), values[field])
        for field in changed
        if field != "name_key"
    ]
    if not changed:
        return []
    for field in changed:
        setattr(category, field, values[field])
    try:
        await category.save(update_fields=changed)
    except IntegrityError:
        raise _name_taken(owner, values.get("name", "")) from None
    return descriptions


def _next_sequence(owner: Owner[CategoryT]) -> int:
    return max((c.sequence for c in owner.categories), default=0) + 1


def _name_taken(owner: Owner[CategoryT], name: str) -> Exception:
    """A concurrent edit took the name between the check and the write."""
    return refusal(
        ProblemCode.DUPLICATE_NAME,
        f"{owner.label} already has a category named {name!r}.",
        "name",
    )
