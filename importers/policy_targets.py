"""From policy rules to the setup each selected course should have.

Rules are applied in file order, so a later rule overrides an earlier one for
the courses both select: its category list replaces the earlier list, its calc
options and composites replace those of the same term and grading task, and
its advisory flag wins. Term and task names are looked up in each course's
calendar; a name a calendar lacks is an error at the line that uses it.
"""

import fnmatch
import logging
from collections.abc import Callable
from dataclasses import dataclass

from importers.common import ImportFileError
from importers.policy_calendars import (
    CalendarNames,
    UnknownNameError,
    load_calendar_names,
)
from importers.policy_rules import (
    CalcOptionRule,
    CategoryRule,
    CompositeRule,
    Policy,
    PolicyRule,
    Selector,
)
from importers.policy_setup import (
    CalcSetup,
    CategorySetup,
    CompositeParts,
    CourseTarget,
    TermTask,
    composite_parts,
)
from models import Course
from models.base import name_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CourseFacts:
    """What a selector looks at, for one course."""

    course_id: int
    number: str
    subject: str
    calendar_id: int
    school_source_id: str
    school_name: str


async def policy_targets(
    policy: Policy, warnings: list[str] | None = None
) -> dict[int, CourseTarget]:
    """The wanted setup of every course some rule selects, by course id.

    A rule that selects no course is most likely a misspelt school, pattern or
    subject: it is added to `warnings` for the person applying the policy.
    """
    courses = await _course_facts()
    calendars = await load_calendar_names({c.calendar_id for c in courses})
    targets: dict[int, CourseTarget] = {}
    for rule in policy.rules:
        selected = [c for c in courses if selects(rule.selector, c)]
        logger.info("%s selects %s courses", rule.describe(), len(selected))
        if not selected and warnings is not None:
            warnings.append(f"line {rule.line}: {rule.describe()} selects no course")
        for course in selected:
            target = targets.setdefault(
                course.course_id, CourseTarget(course.course_id)
            )
            _apply_rule(policy, rule, calendars[course.calendar_id], target)
    return targets


def selects(selector: Selector, course: CourseFacts) -> bool:
    """True when every part the selector gives matches the course."""
    school_keys = {course.school_source_id, name_key(course.school_name)}
    number = course.number.casefold()
    return (
        _any_or_none(
            selector.schools, lambda s: s in school_keys or name_key(s) in school_keys
        )
        and _any_or_none(
            selector.course_patterns,
            lambda p: fnmatch.fnmatchcase(number, p.casefold()),
        )
        and _any_or_none(
            selector.subjects, lambda s: name_key(s) == name_key(course.subject)
        )
    )


def _any_or_none(values: tuple[str, ...], match: Callable[[str], bool]) -> bool:
    return not values or any(match(value) for value in values)


async def _course_facts() -> list[CourseFacts]:
    rows = (
        await Course.all()
        .order_by("id")
        .values(
            "id",
            "number",
            "subject",
            "calendar_id",
            "calendar__school__source_id",
            "calendar__school__name",
        )
    )
    return [
        CourseFacts(
            course_id=row["id"],
            number=row["number"],
            subject=row["subject"] or "",
            calendar_id=row["calendar_id"],
            school_source_id=row["calendar__school__source_id"],
            school_name=row["calendar__school__name"],
        )
        for row in rows
    ]


def _apply_rule(
    policy: Policy, rule: PolicyRule, calendar: CalendarNames, target: CourseTarget
) -> None:
    try:
        _override(rule, calendar, target)
    except UnknownNameError as error:
        reason = f"{rule.describe()}: {error.reason}"
        raise ImportFileError(policy.path, error.line, reason) from None


def _override(rule: PolicyRule, calendar: CalendarNames, target: CourseTarget) -> None:
    if rule.categories is not None:
        target.categories = tuple(_category(c, calendar) for c in rule.categories)
    if rule.calc_options is not None:
        target.calc_options = dict(target.calc_options or {})
        for option in rule.calc_options:
            target.calc_options.update(_calc_options(option, calendar))
    if rule.composites is not None:
        target.composites = dict(target.composites or {})
        for composite in rule.composites:
            target.composites.update(_composites(composite, calendar))
    if rule.advisory is not None:
        target.advisory = rule.advisory


def _category(category: CategoryRule, calendar: CalendarNames) -> CategorySetup:
    return CategorySetup(
        name=category.name,
        weight=category.weight,
        sequence=category.sequence,
        hidden=category.hidden,
        exclude_from_calc=category.exclude_from_calc,
        drop_lowest=category.drop_lowest,
        drop_highest=category.drop_highest,
        task_ids=tuple(sorted(calendar.graded_tasks(category.tasks, category.line))),
    )


def _calc_options(
    option: CalcOptionRule, calendar: CalendarNames
) -> dict[TermTask, CalcSetup]:
    setup = CalcSetup(
        calc_type=option.calc_type,
        weighted=option.weighted,
        use_score_percent=option.use_score_percent,
        last_n_assignments=option.last_n_assignments,
        rounding_decimals=option.rounding_decimals,
        rounding_mode=option.rounding_mode,
        grading_scale=option.grading_scale,
    )
    terms = calendar.terms(option.terms, option.line)
    tasks = calendar.tasks(option.tasks, option.line)
    return {(term, task): setup for term in terms for task in tasks}


def _composites(
    composite: CompositeRule, calendar: CalendarNames
) -> dict[TermTask, CompositeParts]:
    (task_id,) = calendar.tasks((composite.task,), composite.line)
    names = tuple(name for name, _ in composite.components)
    task_ids = calendar.tasks(names, composite.line)
    weights = [weight for _, weight in composite.components]
    parts = composite_parts(list(zip(task_ids, weights, strict=True)))
    terms = calendar.terms(composite.terms, composite.line)
    return {(term, task_id): parts for term in terms}
