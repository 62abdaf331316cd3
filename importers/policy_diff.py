"""What applying a policy changes, course by course, before anything is written.

Categories are matched by name ignoring case and spacing, so a category the
policy keeps keeps its id (section copies link to it by id); calc options and
composites are matched by term and grading task.
"""

from collections import Counter
from dataclasses import dataclass, field

from importers.common import ImportSummary
from importers.policy_setup import (
    CalcSetup,
    CategorySetup,
    CompositeParts,
    CourseTarget,
    CurrentSetup,
    TermTask,
)
from models import CourseCalcOption, CourseCategory
from models.base import name_key


@dataclass
class PolicySummary(ImportSummary):
    """An import summary that also counts what the policy deleted."""

    deleted: Counter[str] = field(default_factory=Counter)

    def render(self) -> str:
        lines = [super().render()]
        lines += [f"  {kind}: {n} deleted" for kind, n in sorted(self.deleted.items())]
        return "\n".join(lines)


@dataclass
class SetupWrites:
    """Every row to create, update or delete, and a summary per changed course."""

    category_creates: list[CourseCategory] = field(default_factory=list)
    category_updates: list[CourseCategory] = field(default_factory=list)
    category_deletes: list[int] = field(default_factory=list)
    calc_creates: list[CourseCalcOption] = field(default_factory=list)
    calc_updates: list[CourseCalcOption] = field(default_factory=list)
    calc_deletes: list[int] = field(default_factory=list)
    composite_creates: list[tuple[int, TermTask, CompositeParts]] = field(
        default_factory=list
    )
    composite_updates: list[tuple[int, CompositeParts]] = field(default_factory=list)
    composite_deletes: list[int] = field(default_factory=list)
    advisory: dict[int, bool] = field(default_factory=dict)
    course_summaries: dict[int, str] = field(default_factory=dict)


def plan_writes(
    targets: dict[int, CourseTarget],
    current: dict[int, CurrentSetup],
    summary: PolicySummary,
) -> SetupWrites:
    """The writes that bring every target course in line, counted in ``summary``."""
    writes = SetupWrites()
    for course_id, target in targets.items():
        tally = _Tally()
        _plan_course(target, current[course_id], writes, tally)
        tally.add_to(summary)
        if tally.changed:
            writes.course_summaries[course_id] = tally.describe()
        kind = summary.updated if tally.changed else summary.unchanged
        kind["course setup"] += 1
    return writes


@dataclass
class _Tally:
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any(n for (_, how), n in self.counts.items() if how != "unchanged")

    def add_to(self, summary: PolicySummary) -> None:
        columns = {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "deleted": summary.deleted,
        }
        for (kind, how), count in self.counts.items():
            if count:
                columns[how][kind] += count

    def describe(self) -> str:
        parts = [
            f"{kind} {how} {count}"
            for (kind, how), count in sorted(self.counts.items())
            if how != "unchanged" and count
        ]
        return "; ".join(parts)


def _plan_course(
    target: CourseTarget, now: CurrentSetup, writes: SetupWrites, tally: _Tally
) -> None:
    course_id = target.course_id
    if target.categories is not None:
        _plan_categories(course_id, target.categories, now, writes, tally)
    if target.calc_options is not None:
        _plan_calc_options(course_id, target.calc_options, now, writes, tally)
    if target.composites is not None:
        _plan_composites(course_id, target.composites, now, writes, tally)
    if target.advisory is not None and target.advisory != now.advisory:
        writes.advisory[course_id] = target.advisory
        tally.counts[("advisory", "updated")] += 1


def _plan_categories(
    course_id: int,
    wanted: tuple[CategorySetup, ...],
    now: CurrentSetup,
    writes: SetupWrites,
    tally: _Tally,
) -> None:
    keys = {name_key(setup.name) for setup in wanted}
    for setup in wanted:
        row = now.categories.get(name_key(setup.name))
        if row is None:
            row = CourseCategory(
                course_id=course_id, name_key=name_key(setup.name), **setup.fields()
            )
            writes.category_creates.append(row)
            tally.counts[("category", "created")] += 1
        elif CategorySetup.of(row) != setup:
            row.update_from_dict(setup.fields())
            writes.category_updates.append(row)
            tally.counts[("category", "updated")] += 1
        else:
            tally.counts[("category", "unchanged")] += 1
    gone = [row.id for key, row in now.categories.items() if key not in keys]
    writes.category_deletes += gone
    tally.counts[("category", "deleted")] += len(gone)


def _plan_calc_options(
    course_id: int,
    wanted: dict[TermTask, CalcSetup],
    now: CurrentSetup,
    writes: SetupWrites,
    tally: _Tally,
) -> None:
    for (term_id, task_id), setup in wanted.items():
        row = now.calc_options.get((term_id, task_id))
        if row is None:
            row = CourseCalcOption(
                course_id=course_id,
                term_id=term_id,
                grading_task_id=task_id,
                **setup.fields(),
            )
            writes.calc_creates.append(row)
            tally.counts[("calc option", "created")] += 1
        elif CalcSetup.of(row) != setup:
            row.update_from_dict(setup.fields())
            writes.calc_updates.append(row)
            tally.counts[("calc option", "updated")] += 1
        else:
            tally.counts[("calc option", "unchanged")] += 1
    gone = [row.id for key, row in now.calc_options.items() if key not in wanted]
    writes.calc_deletes += gone
    tally.counts[("calc option", "deleted")] += len(gone)


def _plan_composites(
    course_id: int,
    wanted: dict[TermTask, CompositeParts],
    now: CurrentSetup,
    writes: SetupWrites,
    tally: _Tally,
) -> None:
    for key, parts in wanted.items():
        existing = now.composites.get(key)
        if existing is None:
            writes.composite_creates.append((course_id, key, parts))
            tally.counts[("composite", "created")] += 1
        elif existing[1] != parts:
            writes.composite_updates.append((existing[0], parts))
            tally.counts[("composite", "updated")] += 1
        else:
            tally.counts[("composite", "unchanged")] += 1
    gone = [pk for key, (pk, _) in now.composites.items() if key not in wanted]
    writes.composite_deletes += gone
    tally.counts[("composite", "deleted")] += len(gone)
