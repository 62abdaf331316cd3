"""Batched inserts and the id look-ups they need afterwards.

``bulk_create`` leaves primary keys unset, so every generated row that others
point at carries a deterministic source id, or a natural key, to find it again.
"""

from collections.abc import Sequence
from typing import Any, TypeVar

from tortoise import connections
from tortoise.models import Model

BATCH_SIZE = 1000
SOURCE_PREFIX = "demo-"

M = TypeVar("M", bound=Model)


async def insert_all(model: type[M], rows: Sequence[M]) -> int:
    """Insert the rows in batches, in their order, and say how many there were."""
    if rows:
        await model.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


async def insert_values(
    model: type[Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """Insert plain value rows, many per statement: for the largest tables.

    Building a model object per row costs more than the insert itself, and one
    statement per row is slow on PostgreSQL; link rows of ids need neither.
    """
    connection = connections.get("default")
    dialect = connection.capabilities.dialect
    table = model._meta.db_table
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        sql = _insert_sql(table, columns, len(batch), dialect)
        await connection.execute_query(sql, [value for row in batch for value in row])
    return len(rows)


def _insert_sql(table: str, columns: Sequence[str], count: int, dialect: str) -> str:
    width = len(columns)
    if dialect == "postgres":
        marks = [f"${n}" for n in range(1, width * count + 1)]
    else:
        marks = ["?"] * (width * count)
    groups = [", ".join(marks[i : i + width]) for i in range(0, len(marks), width)]
    names = ", ".join(f'"{column}"' for column in columns)
    values = ", ".join(f"({group})" for group in groups)
    return f'INSERT INTO "{table}" ({names}) VALUES {values}'


async def ids_by_source_id(model: type[Model]) -> dict[str, int]:
    """Map every demo source id of a model to the primary key it was given."""
    pairs = await model.filter(source_id__startswith=SOURCE_PREFIX).values_list(
        "source_id", "id"
    )
    return {str(source_id): int(pk) for source_id, pk in pairs}
