"""Planning: what a push would change in one section, without changing it.

The plan is the single source of truth: the push applies it, the Course
Awaiting Push Report lists it, so the two can never disagree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from models.base import name_key
from push.naming import free_name
from push.options import PushOptions
from push.setup import (
    CATEGORY_FIELDS,
    CalcSpec,
    CategorySpec,
    CompositeSpec,
    CourseSetup,
    LockedValue,
    SectionCategoryState,
    SectionState,
    TermTask,
)

T = TypeVar("T")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class CategoryCreate:
    course_category_id: int
    spec: CategorySpec


@dataclass(frozen=True)
class CategoryUpdate:
    """A pushed copy brought in line with its course category (and locked)."""

    category_id: int
    course_category_id: int
    name: str
    spec: CategorySpec
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class CategoryRename:
    """A teacher category renamed out of the way of a pushed name."""

    category_id: int
    old_name: str
    new_name: str


@dataclass(frozen=True)
class CategoryDelete:
    category_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class CategoryKeptInUse:
    """A category the push would remove but that holds assignments.

    ``detach`` marks a former copy whose course category was deleted: it is
    unlocked and unlinked, so it becomes the teacher's.
    """

    category_id: int
    name: str
    assignment_count: int
    detach: bool


@dataclass(frozen=True)
class TermValueChange(Generic[T]):
    """A calc option or composite of one term and task to set (after) or remove."""

    key: TermTask
    section_value_id: int | None
    before: T | None
    after: T | None


@dataclass(frozen=True)
class AdvisoryChange:
    before: bool
    after: bool


@dataclass(frozen=True)
class SectionPlan:
    """Every change a push makes to one section."""

    section_id: int
    teacher_ids: tuple[int, ...]
    creates: tuple[CategoryCreate, ...] = ()
    updates: tuple[CategoryUpdate, ...] = ()
    renames: tuple[CategoryRename, ...] = ()
    deletes: tuple[CategoryDelete, ...] = ()
    kept_in_use: tuple[CategoryKeptInUse, ...] = ()
    calc_options: tuple[TermValueChange[CalcSpec], ...] = ()
    composites: tuple[TermValueChange[CompositeSpec], ...] = ()
    advisory: AdvisoryChange | None = None

    @property
    def has_writes(self) -> bool:
        """False when the section is in line: it is then not written at all.

        A teacher category kept in use under overwrite is reported but not
        written, so on its own it leaves the section unchanged.
        """
        return bool(
            self.creates
            or self.updates
            or self.renames
            or self.deletes
            or any(kept.detach for kept in self.kept_in_use)
            or self.calc_options
            or self.composites
            or self.advisory
        )


def plan_sections(
    course: CourseSetup, sections: Iterable[SectionState], options: PushOptions
) -> list[SectionPlan]:
    """The plans of sections of one course, in order.

    Blank sections (no categories, calc options or composites yet: every
    section before its first push) get the same plan but for their id and
    teachers when they meet in the same terms, so it is made once per course.
    """
    blank_plans: dict[tuple[bool, frozenset[int]], SectionPlan] = {}
    plans = []
    for section in sections:
        if section.categories or section.calc_options or section.composites:
            plans.append(plan_section(course, section, options))
            continue
        key = (section.advisory, section.term_ids)
        if key not in blank_plans:
            blank_plans[key] = plan_section(course, section, options)
        plans.append(
            replace(
                blank_plans[key],
                section_id=section.section_id,
                teacher_ids=section.teacher_ids,
            )
        )
    return plans


def plan_section(
    course: CourseSetup, section: SectionState, options: PushOptions
) -> SectionPlan:
    """List what pushing ``course`` with ``options`` changes in ``section``."""
    plan = SectionPlan(section.section_id, section.teacher_ids)
    if options.categories:
        plan = _with_categories(plan, course, section, options)
    if options.grade_calc_options:
        plan = replace(
            plan,
            calc_options=_plan_term_values(
                course.calc_options, section.calc_options, section.term_ids
            ),
        )
    if options.composite_grades:
        plan = replace(
            plan,
            composites=_plan_term_values(
                course.composites, section.composites, section.term_ids
            ),
        )
    if options.advisory and section.advisory != course.advisory:
        plan = replace(plan, advisory=AdvisoryChange(section.advisory, course.advisory))
    return plan


def _with_categories(
    plan: SectionPlan,
    course: CourseSetup,
    section: SectionState,
    options: PushOptions,
) -> SectionPlan:
    copies = {
        c.course_category_id: c
        for c in section.categories
        if c.pushed and c.course_category_id in course.categories
    }
    linked_ids = {c.id for c in copies.values()}
    others = [c for c in section.categories if c.id not in linked_ids]

    creates = tuple(
        CategoryCreate(course_category_id, spec)
        for course_category_id, spec in course.categories.items()
        if course_category_id not in copies
    )
    updates = tuple(
        update
        for course_category_id, copy in copies.items()
        if (update := _plan_update(copy, course.categories[course_category_id]))
    )
    deletes, kept, remaining = _plan_removals(others, options)
    renames = _plan_renames(remaining, course)
    return replace(
        plan,
        creates=creates,
        updates=updates,
        renames=renames,
        deletes=deletes,
        kept_in_use=kept,
    )


def _plan_update(
    copy: SectionCategoryState, target: CategorySpec
) -> CategoryUpdate | None:
    changes = tuple(
        FieldChange(name, getattr(copy.spec, name), getattr(target, name))
        for name in CATEGORY_FIELDS
        if getattr(copy.spec, name) != getattr(target, name)
    )
    if not copy.locked:
        changes += (FieldChange("locked", False, True),)
    if not changes:
        return None
    assert copy.course_category_id is not None
    return CategoryUpdate(
        copy.id, copy.course_category_id, copy.spec.name, target, changes
    )


def _plan_removals(
    others: list[SectionCategoryState], options: PushOptions
) -> tuple[
    tuple[CategoryDelete, ...],
    tuple[CategoryKeptInUse, ...],
    list[SectionCategoryState],
]:
    """Orphaned copies, and teacher categories under overwrite, go if empty."""
    deletes: list[CategoryDelete] = []
    kept: list[CategoryKeptInUse] = []
    remaining: list[SectionCategoryState] = []
    for category in others:
        orphan = category.pushed
        if not (orphan or options.overwrite_categories):
            remaining.append(category)
        elif category.assignment_count == 0:
            reason = "course category deleted" if orphan else "overwritten by course"
            deletes.append(CategoryDelete(category.id, category.spec.name, reason))
        else:
            kept.append(
                CategoryKeptInUse(
                    category.id,
                    category.spec.name,
                    category.assignment_count,
                    detach=orphan,
                )
            )
            remaining.append(category)
    return tuple(deletes), tuple(kept), remaining


def _plan_renames(
    remaining: list[SectionCategoryState], course: CourseSetup
) -> tuple[CategoryRename, ...]:
    """Rename every remaining category whose name a pushed category takes."""
    pushed_keys = {name_key(spec.name) for spec in course.categories.values()}
    taken = pushed_keys | {name_key(c.spec.name) for c in remaining}
    renames: list[CategoryRename] = []
    for category in sorted(remaining, key=lambda c: c.id):
        if name_key(category.spec.name) not in pushed_keys:
            continue
        new_name = free_name(category.spec.name, taken)
        taken.add(name_key(new_name))
        renames.append(CategoryRename(category.id, category.spec.name, new_name))
    return tuple(renames)


def _plan_term_values(
    course_values: dict[TermTask, T],
    section_values: dict[TermTask, LockedValue[T]],
    term_ids: frozenset[int],
) -> tuple[TermValueChange[T], ...]:
    """Replace the section's values for the terms it meets in with the course's."""
    desired = {key: v for key, v in course_values.items() if key[0] in term_ids}
    changes: list[TermValueChange[T]] = []
    for key, value in desired.items():
        current = section_values.get(key)
        if current is None:
            changes.append(TermValueChange(key, None, None, value))
        elif current.value != value or not current.locked:
            changes.append(TermValueChange(key, current.id, current.value, value))
    for key, current in section_values.items():
        if key[0] in term_ids and key not in desired:
            changes.append(TermValueChange(key, current.id, current.value, None))
    return tuple(sorted(changes, key=lambda change: change.key))
