"""Set-based reads and writes for the push: many rows per statement, no model objects.

A calendar push writes tens of thousands of rows: PostgreSQL takes them by
COPY, SQLite by one multi-row INSERT per thousand rows, either a fraction of
the cost of an INSERT per row. Reads name their ids a thousand at a time.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from asyncpg.exceptions import UniqueViolationError
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

T = TypeVar("T")

# Rows per statement: well inside the 32,766 parameters both back ends accept.
ROWS_PER_STATEMENT = 1000
# Ids in one IN list: a statement may name them a few times over and stays far
# from the same limit.
IDS_PER_STATEMENT = 1000


async def fetch(sql: str, *params: object) -> list[dict[str, Any]]:
    """Rows of a query written with ``?`` placeholders, on either back end."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        pieces = sql.split("?")
        sql = pieces[0] + "".join(
            f"${number}{piece}" for number, piece in enumerate(pieces[1:], start=1)
        )
    return list(await connection.execute_query_dict(sql, list(params)))


async def fetch_in(sql: str, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Rows of a query with one ``IN ({})`` list, in batches of ids."""
    rows: list[dict[str, Any]] = []
    for batch in batches(ids):
        marks = ", ".join("?" for _ in batch)
        rows += await fetch(sql.format(marks), *batch)
    return rows


def batches(items: Sequence[T]) -> list[Sequence[T]]:
    """Items in slices that keep a statement well inside the parameter limits."""
    return [
        items[start : start + IDS_PER_STATEMENT]
        for start in range(0, len(items), IDS_PER_STATEMENT)
    ]


async def insert_rows(
    model: type[Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """Insert ``rows`` (column -> value, all with the same columns) into the model.

    Values go through the model's fields, so enums, decimals and JSON are
    stored exactly as the ORM stores them. Runs in the caller's transaction.
    With ``ignore_conflicts`` a row that breaks a unique constraint is skipped.
    """
    if not rows:
        return
    connection = connections.get(model._meta.default_connection or "default")
    columns = list(rows[0])
    converters = [_converter(model, column) for column in columns]
    values = [
        [
            convert(row[column])
            for column, convert in zip(columns, converters, strict=True)
        ]
        for row in rows
    ]
    dialect = connection.capabilities.dialect
    if dialect == "postgres":
        if not ignore_conflicts:
            await _copy_rows(connection, model, columns, values)
            return
        if await _copied_without_conflict(model, columns, values):
            return
    for start in range(0, len(values), ROWS_PER_STATEMENT):
        batch = values[start : start + ROWS_PER_STATEMENT]
        sql = _insert_sql(model, columns, len(batch), dialect)
        if ignore_conflicts:
            sql += " ON CONFLICT DO NOTHING"
        await connection.execute_query(sql, [value for row in batch for value in row])


def _converter(model: type[Model], column: str) -> Callable[[Any], Any]:
    """The model field's conversion to a database value, done once per value.

    A push writes the same few names, weights and options to thousands of
    rows; unhashable values (JSON lists and objects) are converted each time.
    """
    field = model._meta.fields_map[column]
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            done[value] = converted = field.to_db_value(value, model)
            return converted
        except TypeError:
            return field.to_db_value(value, model)

    return convert


async def _copied_without_conflict(
    model: type[Model], columns: list[str], values: list[list[Any]]
) -> bool:
    """COPY on a savepoint; False, with nothing written, if a row already exists.

    Conflicts are rare (a concurrent delivery of the same message), so the
    fast COPY is tried first and INSERT .. ON CONFLICT only after it failed.
    """
    try:
        async with in_transaction() as savepoint:
            await _copy_rows(savepoint, model, columns, values)
    except UniqueViolationError:
        return False
    return True


async def _copy_rows(
    connection: BaseDBAsyncClient,
    model: type[Model],
    columns: list[str],
    values: list[list[Any]],
) -> None:
    """PostgreSQL's COPY: the database parses no statement and plans nothing.

    It reads a first push's hundred thousand rows several times faster than
    multi-row INSERTs do. It cannot skip conflicting rows, so inserts that
    may meet them use INSERT.
    """
    names = [model._meta.fields_db_projection[column] for column in columns]
    async with connection.acquire_connection() as raw:
        await raw.copy_records_to_table(
            model._meta.db_table, records=values, columns=names
        )


def _insert_sql(
    model: type[Model], columns: list[str], count: int, dialect: str
) -> str:
    width = len(columns)
    if dialect == "postgres":
        marks = [f"${n}" for n in range(1, width * count + 1)]
    else:
        marks = ["?"] * (width * count)
    groups = (", ".join(marks[i : i + width]) for i in range(0, len(marks), width))
    names = ", ".join(f'"{model._meta.fields_db_projection[c]}"' for c in columns)
    values = ", ".join(f"({group})" for group in groups)
    return f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES {values}'
