"""Set-based create-or-update of many rows of one model, keyed by natural keys.

An import writes hundreds of rows per model; loading what exists with a few
`IN` queries and writing with bulk statements keeps that to a handful of round
trips instead of one query per row.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from importers.common import ImportSummary

Key = tuple[Any, ...]

Defaults = Callable[[Key], Mapping[str, Any]]

_CHUNK = 500


@dataclass(frozen=True)
class Table:
    """A model, the fields that identify a row, and its name in the summary."""

    model: type[Model]
    key: tuple[str, ...]
    kind: str


async def upsert(
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    summary: ImportSummary,
    defaults: Defaults | None = None,
) -> dict[Key, int]:
    """Create missing rows, update changed ones; returns every row's id by key.

    The fields `defaults` gives for a key are written only when that row is
    created, so an import never undoes what users changed in them afterwards.
    """
    wanted = {_key_of(table, row): row for row in rows}
    if not wanted:
        return {}
    existing = await _load(table, wanted)
    created, changed, fields = _compare(table, wanted, existing, summary, defaults)

    if created:
        await table.model.bulk_create(created, batch_size=_CHUNK)
        existing = await _load(table, wanted)
    if changed:
        await table.model.bulk_update(changed, sorted(fields), batch_size=_CHUNK)
    return {key: existing[key].pk for key in wanted}


def _compare(
    table: Table,
    wanted: dict[Key, Mapping[str, Any]],
    existing: dict[Key, Model],
    summary: ImportSummary,
    defaults: Defaults | None,
) -> tuple[list[Model], list[Model], set[str]]:
    created: list[Model] = []
    changed: list[Model] = []
    fields: set[str] = set()
    for key, row in wanted.items():
        current = existing.get(key)
        if current is None:
            initial = defaults(key) if defaults else {}
            created.append(table.model(**{**initial, **row}))
            continue
        differing = _apply(current, row)
        fields.update(differing)
        if differing:
            changed.append(current)
            summary.updated[table.kind] += 1
        else:
            summary.unchanged[table.kind] += 1
    summary.created[table.kind] += len(created)
    return created, changed, fields


def _apply(current: Model, row: Mapping[str, Any]) -> list[str]:
    """Set the fields that differ from the row; returns their names."""
    differing = [name for name, value in row.items() if getattr(current, name) != value]
    for name in differing:
        setattr(current, name, row[name])
    return differing


async def _load(table: Table, wanted: Mapping[Key, Any]) -> dict[Key, Model]:
    """Rows whose key is wanted, found by `IN` queries on the first key field."""
    first = table.key[0]
    values = sorted({key[0] for key in wanted})
    found: dict[Key, Model] = {}
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        for instance in await table.model.filter(**{f"{first}__in": chunk}):
            key = tuple(getattr(instance, name) for name in table.key)
            if key in wanted:
                found[key] = instance
    return found


def _key_of(table: Table, row: Mapping[str, Any]) -> Key:
    return tuple(row[name] for name in table.key)
