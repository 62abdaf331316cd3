"""Setting the grade calculation options of one term and grading task.

A set replaces every option of that term and task at once, the way a form
shows them. Course options reach the sections with the next push; a section's
own options can be set only where no pushed (locked) options exist.
"""

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.transactions import in_transaction

from models import CourseCalcOption, SectionCalcOption, User
from models.section import SectionTerm
from models.setup import CalcOptionFields, CalcType, RoundingMode
from setup_editing.access import course_to_manage, section_to_edit
from setup_editing.calendar_parts import CalendarParts, calendar_parts
from setup_editing.categories import CategoryT, Owner, check_weights
from setup_editing.change_log import describe, record_change
from setup_editing.course_categories import course_owner
from setup_editing.problems import Problem, ProblemCode, raise_if_any, refusal
from setup_editing.section_categories import section_owner
from setup_editing.values import checked_count

logger = logging.getLogger(__name__)

OptionT = TypeVar("OptionT", bound=CalcOptionFields)

MAX_ROUNDING_DECIMALS = 4
GRADING_SCALE_MAX_LENGTH = 100


@dataclass(frozen=True)
class CalcOptionsInput:
    """Every calc option of one term and grading task; defaults as for a new row."""

    term_id: int
    grading_task_id: int
    calc_type: CalcType = CalcType.IN_PROGRESS
    weighted: bool = True
    use_score_percent: bool = False
    last_n_assignments: int | None = None
    rounding_decimals: int = 0
    rounding_mode: RoundingMode = RoundingMode.HALF_UP
    grading_scale: str | None = None


async def set_course_calc_options(
    user: User, course_id: int, options: CalcOptionsInput
) -> CourseCalcOption:
    """Create or replace the course's options of the term and task; log it."""
    async with in_transaction():
        course = await course_to_manage(user, course_id, "course_id")
        owner = await course_owner(course)
        parts = await calendar_parts(owner.calendar_id)
        key = _key(options, course_id=course.pk)
        existing = await CourseCalcOption.get_or_none(**key)

        problems: list[Problem] = []
        values = _checked_values(options, parts, problems, meets_in=None)
        _check_weighting(owner, existing, values, problems)
        raise_if_any(problems)

        option, changed = await _write(CourseCalcOption, existing, values, key)
        if changed:
            label = _label(parts, options)
            await record_change(course, user, f"calc options {label}: {changed}")
    logger.info(
        "course %s: calc options %s set by %s (%s)",
        course.id,
        option.id,
        user.username,
        changed or "no change",
    )
    return option


async def set_section_calc_options(
    user: User, section_id: int, options: CalcOptionsInput
) -> SectionCalcOption:
    """Set a section's own options; pushed ones are managed by the course."""
    async with in_transaction():
        section = await section_to_edit(user, section_id, "section_id")
        owner = await section_owner(section)
        parts = await calendar_parts(owner.calendar_id)
        meets_in = await SectionTerm.filter(section_id=section.pk).values_list(
            "term_id", flat=True
        )
        key = _key(options, section_id=section.pk)
        existing = await SectionCalcOption.get_or_none(**key)

        problems: list[Problem] = []
        values = _checked_values(options, parts, problems, meets_in=set(meets_in))
        _check_weighting(owner, existing, values, problems)
        raise_if_any(problems)
        if existing is not None and existing.locked:
            raise refusal(
                ProblemCode.MANAGED_BY_COURSE,
                f"The calc options of {_label(parts, options)} in {owner.label} are"
                " managed by the course: they are pushed from the course setup.",
                "term_id",
            )

        own = {**values, "locked": False}
        option, changed = await _write(SectionCalcOption, existing, own, key)
    logger.info(
        "section %s: calc options %s set by %s (%s)",
        section.id,
        option.id,
        user.username,
        changed or "no change",
    )
    return option


def _key(options: CalcOptionsInput, **owner: int) -> dict[str, Any]:
    return {
        **owner,
        "term_id": options.term_id,
        "grading_task_id": options.grading_task_id,
    }


def _checked_values(
    options: CalcOptionsInput,
    parts: CalendarParts,
    problems: list[Problem],
    meets_in: set[Any] | None,
) -> dict[str, Any]:
    parts.check_term(options.term_id, ("term_id",), problems, meets_in)
    parts.check_task(options.grading_task_id, ("grading_task_id",), problems)
    if options.last_n_assignments is not None:
        checked_count(
            options.last_n_assignments,
            ("last_n_assignments",),
            problems,
            what="The number of last assignments counted",
            minimum=1,
        )
    checked_count(
        options.rounding_decimals,
        ("rounding_decimals",),
        problems,
        what="The decimal places of the grade",
        maximum=MAX_ROUNDING_DECIMALS,
    )
    scale = (options.grading_scale or "").strip() or None
    if scale is not None and len(scale) > GRADING_SCALE_MAX_LENGTH:
        message = (
            f"A grading scale name has at most {GRADING_SCALE_MAX_LENGTH}"
            f" characters, not {len(scale)}."
        )
        problems.append(Problem(ProblemCode.INVALID_VALUE, message, ("grading_scale",)))
    values = dataclasses.asdict(options)
    del values["term_id"], values["grading_task_id"]
    return {**values, "grading_scale": scale}


def _check_weighting(
    owner: Owner[CategoryT],
    existing: CalcOptionFields | None,
    values: dict[str, Any],
    problems: list[Problem],
) -> None:
    """Turning on weighting by category needs a category above zero to weigh.

    Options already weighted are not checked again, so that changing their
    rounding never fails over weights someone else left at zero.
    """
    if not _weights_by_category(values["calc_type"], values["weighted"]):
        return
    if existing and _weights_by_category(existing.calc_type, existing.weighted):
        return
    weights = [(c.weight, c.exclude_from_calc) for c in owner.categories]
    weighted = dataclasses.replace(owner, weighted=True)
    check_weights(weighted, weights, ("weighted",), problems)


def _weights_by_category(calc_type: CalcType, weighted: bool) -> bool:
    return calc_type == CalcType.IN_PROGRESS and weighted


async def _write(
    model: type[OptionT],
    existing: OptionT | None,
    values: dict[str, Any],
    key: dict[str, Any],
) -> tuple[OptionT, str]:
    """The row of the key with these values, and what changed in words."""
    if existing is None:
        return await model.create(**key, **values), "created"
    changed = [f for f, value in values.items() if getattr(existing, f) != value]
    description = ", ".join(
        describe(field, getattr(existing, field), values[field]) for field in changed
    )
    for field in changed:
        setattr(existing, field, values[field])
    if changed:
        await existing.save(update_fields=changed)
    return existing, description


def _label(parts: CalendarParts, options: CalcOptionsInput) -> str:
    term = parts.terms[options.term_id]
    return f"{term} {parts.tasks[options.grading_task_id]}"
