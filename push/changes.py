"""A plan as plain records: stored with each section result and shown by the report.

Values are strings or numbers so the records survive JSON unchanged; decimals
are written as strings to stay exact.
"""

from collections import Counter
from dataclasses import asdict
from decimal import Decimal
from functools import lru_cache
from typing import Any

from push.plan import FieldChange, SectionPlan, TermValueChange
from push.setup import CATEGORY_FIELDS, CalcSpec, CategorySpec, CompositeSpec

Record = dict[str, Any]


def record_kinds(plan: SectionPlan) -> Counter[str]:
    """How many records of each kind `plan_records` makes, without making them.

    The report's totals count every section of a calendar; only its page of
    sections needs the records themselves.
    """
    kinds = Counter(
        {
            "category_created": len(plan.creates),
            "category_updated": len(plan.updates),
            "category_renamed": len(plan.renames),
            "category_deleted": len(plan.deletes),
            "category_kept_in_use": len(plan.kept_in_use),
            "calc_option": len(plan.calc_options),
            "composite": len(plan.composites),
            "advisory": int(plan.advisory is not None),
        }
    )
    return +kinds


def plan_records(plan: SectionPlan) -> list[Record]:
    """Every change of the plan, one record each, in a stable order."""
    records: list[Record] = []
    records += [
        {
            "kind": "category_created",
            "category": c.spec.name,
            "changes": _created_fields(c.spec),
        }
        for c in plan.creates
    ]
    records += [
        {
            "kind": "category_updated",
            "category": u.name,
            "changes": [_field(change) for change in u.changes],
        }
        for u in plan.updates
    ]
    records += [
        {
            "kind": "category_renamed",
            "category": r.old_name,
            "changes": [_field(FieldChange("name", r.old_name, r.new_name))],
        }
        for r in plan.renames
    ]
    records += [
        {"kind": "category_deleted", "category": d.name, "reason": d.reason}
        for d in plan.deletes
    ]
    records += [
        {
            "kind": "category_kept_in_use",
            "category": k.name,
            "reason": f"holds {k.assignment_count} assignment(s)",
            "detached": k.detach,
        }
        for k in plan.kept_in_use
    ]
    records += [_term_value("calc_option", change) for change in plan.calc_options]
    records += [_term_value("composite", change) for change in plan.composites]
    if plan.advisory is not None:
        change = FieldChange("advisory", plan.advisory.before, plan.advisory.after)
        records.append({"kind": "advisory", "changes": [_field(change)]})
    return records


# The sections of a course get the same few specs: their records are built once
# and shared, read-only, by every section's records.
@lru_cache(maxsize=4096)
def _created_fields(spec: CategorySpec) -> list[Record]:
    """A new category's values, so the report can show what it will hold."""
    return [
        _field(FieldChange(name, None, getattr(spec, name))) for name in CATEGORY_FIELDS
    ]


def _field(change: FieldChange) -> Record:
    return {
        "field": change.field,
        "before": _plain(change.before),
        "after": _plain(change.after),
    }


def _term_value(
    kind: str, change: TermValueChange[CalcSpec] | TermValueChange[CompositeSpec]
) -> Record:
    term_id, task_id = change.key
    action = "removed" if change.after is None else "set"
    if kind == "composite":
        changes = _component_changes(change.before, change.after)
    else:
        changes = _calc_changes(change.before, change.after)
    return {
        "kind": kind,
        "action": action,
        "term_id": term_id,
        "grading_task_id": task_id,
        "changes": changes,
    }


@lru_cache(maxsize=4096)
def _calc_changes(before: object, after: object) -> list[Record]:
    old = asdict(before) if isinstance(before, CalcSpec) else {}
    new = asdict(after) if isinstance(after, CalcSpec) else {}
    return [
        _field(FieldChange(name, old.get(name), new.get(name)))
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]


@lru_cache(maxsize=4096)
def _component_changes(before: object, after: object) -> list[Record]:
    """One record per component task whose weight differs, naming the task by id."""
    old = dict(before.parts) if isinstance(before, CompositeSpec) else {}
    new = dict(after.parts) if isinstance(after, CompositeSpec) else {}
    return [
        {"grading_task_id": task}
        | _field(FieldChange("weight", old.get(task), new.get(task)))
        for task in sorted(set(old) | set(new))
        if old.get(task) != new.get(task)
    ]


def _plain(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
