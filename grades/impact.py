"""What a planned push does to students' grades, section by section.

The setup after the push is built in memory from the plan, and every student's
grade is calculated under both setups. Assignments stay where they are: a push
never moves one to another category.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from grades.calculator import task_grade
from grades.gradebook import Gradebook
from grades.setup import IN_PROGRESS, GradingSetup, TermDates
from push.plan import SectionPlan, TermValueChange
from push.setup import CategorySpec, SectionState, TermTask

T = TypeVar("T")
NO_CHANGE = Decimal(0)


@dataclass(frozen=True)
class GradeChange:
    """A student's grade for one term and grading task, before and after."""

    term_id: int
    task_id: int
    before: Decimal | None
    after: Decimal | None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def difference(self) -> Decimal | None:
        """After minus before; None when either side has no grade."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class StudentImpact:
    """One student's grades in every graded term and task of the section."""

    student_id: int
    grades: tuple[GradeChange, ...]

    @property
    def changed(self) -> bool:
        return any(grade.changed for grade in self.grades)

    @property
    def largest_change(self) -> Decimal:
        """The largest absolute difference; a grade gained or lost counts as 0."""
        differences = (grade.difference for grade in self.grades)
        return max((abs(d) for d in differences if d is not None), default=NO_CHANGE)


@dataclass(frozen=True)
class SectionImpact:
    """How many students' grades a push changes in a section, and how much."""

    section_id: int
    students_changed: int
    largest_change: Decimal
    students: tuple[StudentImpact, ...]


def section_impact(
    section: SectionState,
    plan: SectionPlan,
    gradebook: Gradebook,
    terms: Mapping[int, TermDates] | None = None,
) -> SectionImpact:
    """Every student's grades in every graded term and task, before and after.

    Without ``terms`` (see `grades.loading.load_term_dates`) a composite takes
    its components' grades in its own term only.
    """
    before = setup_before(section, terms)
    after = setup_after(section, plan, terms)
    if after == before:
        after = before  # the same object: grades are then calculated once
    keys = graded_keys(section.term_ids, before, after)

    students = tuple(
        StudentImpact(
            student_id,
            tuple(
                _grade_change(before, after, gradebook, student_id, key) for key in keys
            ),
        )
        for student_id in gradebook.student_ids
    )
    return SectionImpact(
        section_id=section.section_id,
        students_changed=sum(1 for student in students if student.changed),
        largest_change=max((s.largest_change for s in students), default=NO_CHANGE),
        students=students,
    )


def course_impact(
    sections: Iterable[SectionState],
    plans: Mapping[int, SectionPlan],
    gradebooks: Mapping[int, Gradebook],
    terms: Mapping[int, TermDates] | None = None,
) -> dict[int, SectionImpact]:
    """The impact in each planned section; a section with no gradebook has none."""
    return {
        section.section_id: section_impact(
            section,
            plans[section.section_id],
            gradebooks.get(section.section_id, Gradebook()),
            terms,
        )
        for section in sections
        if section.section_id in plans
    }


def setup_before(
    section: SectionState, terms: Mapping[int, TermDates] | None = None
) -> GradingSetup:
    return GradingSetup(
        categories={category.id: category.spec for category in section.categories},
        calc_options={key: v.value for key, v in section.calc_options.items()},
        composites={key: v.value for key, v in section.composites.items()},
        terms=dict(terms or {}),
    )


def setup_after(
    section: SectionState,
    plan: SectionPlan,
    terms: Mapping[int, TermDates] | None = None,
) -> GradingSetup:
    """The section's setup as the push would leave it.

    Created categories get placeholder ids below zero: they hold no work yet.
    """
    before = setup_before(section, terms)
    return GradingSetup(
        categories=_categories_after(before.categories, plan),
        calc_options=_values_after(before.calc_options, plan.calc_options),
        composites=_values_after(before.composites, plan.composites),
        terms=before.terms,
    )


def graded_keys(
    term_ids: frozenset[int], before: GradingSetup, after: GradingSetup
) -> list[TermTask]:
    """The section's terms and tasks with an in-progress option or a composite."""
    keys = {
        key
        for setup in (before, after)
        for key, calc in setup.calc_options.items()
        if calc.calc_type == IN_PROGRESS
    }
    keys |= {key for setup in (before, after) for key in setup.composites}
    return sorted(key for key in keys if key[0] in term_ids)


def _grade_change(
    before: GradingSetup,
    after: GradingSetup,
    gradebook: Gradebook,
    student_id: int,
    key: TermTask,
) -> GradeChange:
    term_id, task_id = key
    was = task_grade(before, gradebook, student_id, term_id, task_id)
    if after is before:
        return GradeChange(term_id, task_id, was, was)
    will = task_grade(after, gradebook, student_id, term_id, task_id)
    return GradeChange(term_id, task_id, was, will)


def _categories_after(
    categories: dict[int, CategorySpec], plan: SectionPlan
) -> dict[int, CategorySpec]:
    """Updated copies take the course spec, renamed ones keep their weights."""
    after = dict(categories)
    for update in plan.updates:
        after[update.category_id] = update.spec
    for rename in plan.renames:
        after[rename.category_id] = replace(
            after[rename.category_id], name=rename.new_name
        )
    for delete in plan.deletes:
        del after[delete.category_id]
    for index, create in enumerate(plan.creates, start=1):
        after[-index] = create.spec
    return after


def _values_after(
    values: dict[TermTask, T], changes: tuple[TermValueChange[T], ...]
) -> dict[TermTask, T]:
    """Calc options or composites with the plan's replacements and removals."""
    after = dict(values)
    for change in changes:
        if change.after is None:
            after.pop(change.key, None)
        else:
            after[change.key] = change.after
    return after
