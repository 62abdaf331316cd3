"""Push stamps: the database counts the writes to course setups and section setups.

A course's setup_revision goes up on every write to its setup, and a
section's setup_revision on every write that could change what a push does
to the section. The push engine stamps a section it leaves in line with the
revisions it saw, and trusts the stamp while neither has moved, so a re-push
of unchanged sections reads almost nothing. Triggers see every write path
(ORM, bulk statements, plain SQL, cascades), which code in the engine could
not. A section's revision goes up even when it has no stamp: the push locks
the rows it stamps, and a writer must meet that lock.

PostgreSQL gets statement-level triggers with transition tables, since a push
writes thousands of rows per statement; it allows transition tables only on a
trigger with one event and no column list, hence one trigger per event and
row-level triggers for the course and section columns. SQLite has row-level
triggers only.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from tortoise import fields, migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state_apps import StateApps

PREFIX = "gradepush_"
# How a push transaction takes over counting its own writes: a transaction
# setting on PostgreSQL, a row in a table of its own on SQLite.
PUSH_COUNTS_SETTING = "gradepush.push_counts_writes"
SQLITE_PUSH_COUNTS_TABLE = "gradepush_push_counts_writes"
EVENTS = ("INSERT", "UPDATE", "DELETE")
# The rows each event can see: one row each on SQLite, transition tables on
# PostgreSQL. An update counts both, so a row moved to another owner marks both.
SQLITE_ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}
POSTGRES_ROWS = {
    "INSERT": ("new_rows",),
    "UPDATE": ("old_rows", "new_rows"),
    "DELETE": ("old_rows",),
}
POSTGRES_REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


@dataclass(frozen=True)
class Target:
    """What a write marks: a course or a section bumps its setup revision."""

    table: str

    def mark(self, ids: str) -> str:
        """The statement that marks the rows whose ids ``ids`` lists or selects."""
        return (
            f"UPDATE {self.table} SET setup_revision = setup_revision + 1"
            f" WHERE id IN ({ids})"
        )


COURSE = Target("course")
SECTION = Target("section")


@dataclass(frozen=True)
class Source:
    """A setup table whose writes mark a target, by its key or through a parent.

    With a parent, ``key`` names the parent row, which holds the target's key; a
    parent deleted by the same statement (a cascade) is simply not found, and
    the parent's own trigger has marked the target already.
    """

    table: str
    target: Target
    key: str
    parent: str | None = None

    def target_ids(self, keys: str) -> str:
        """The target ids of rows whose keys ``keys`` lists or selects."""
        if self.parent is None:
            return keys
        column = f"{self.target.table}_id"
        return f"SELECT {column} FROM {self.parent} WHERE id IN ({keys})"

    def trigger(self, event: str) -> str:
        return f"{PREFIX}{self.table}_{event.lower()}"

    @property
    def function(self) -> str:
        return f"{PREFIX}{self.table}_written"


@dataclass(frozen=True)
class ColumnWatch:
    """Columns of the target table itself whose change marks the row."""

    target: Target
    columns: tuple[str, ...]

    @property
    def trigger(self) -> str:
        return f"{PREFIX}{self.target.table}_columns"

    @property
    def function(self) -> str:
        return f"{PREFIX}{self.target.table}_columns_written"


SOURCES = (
    Source("course_category", COURSE, "course_id"),
    Source("course_calc_option", COURSE, "course_id"),
    Source("course_composite", COURSE, "course_id"),
    Source("course_composite_part", COURSE, "composite_id", "course_composite"),
    Source("section_category", SECTION, "section_id"),
    Source("section_calc_option", SECTION, "section_id"),
    Source("section_composite", SECTION, "section_id"),
    Source("section_composite_part", SECTION, "composite_id", "section_composite"),
    Source("assignment", SECTION, "section_id"),
    Source("section_term", SECTION, "section_id"),
)
WATCHES = (
    ColumnWatch(COURSE, ("advisory",)),
    ColumnWatch(SECTION, ("advisory", "course_id")),
)


def sqlite_install() -> Iterator[str]:
    """Row-level triggers: SQLite has no other kind.

    SQLite has no session settings, so a push marks its transaction with a row
    in SQLITE_PUSH_COUNTS_TABLE instead: only one transaction writes at a
    time, and the row is gone before it commits.
    """
    yield f"CREATE TABLE {SQLITE_PUSH_COUNTS_TABLE} (id INTEGER)"
    for source in SOURCES:
        for event in EVENTS:
            keys = ", ".join(f"{row}.{source.key}" for row in SQLITE_ROWS[event])
            yield (
                f"CREATE TRIGGER {source.trigger(event)}"
                f" AFTER {event} ON {source.table} FOR EACH ROW"
                f"{_sqlite_when(source.target)}"
                f" BEGIN {source.target.mark(source.target_ids(keys))}; END"
            )
    for watch in WATCHES:
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in watch.columns)
        yield (
            f"CREATE TRIGGER {watch.trigger}"
            f" AFTER UPDATE OF {', '.join(watch.columns)} ON {watch.target.table}"
            f" FOR EACH ROW{_sqlite_when(watch.target, f'({changed})')}"
            f" BEGIN {watch.target.mark('NEW.id')}; END"
        )


def _sqlite_when(target: Target, *conditions: str) -> str:
    """A trigger's WHEN clause; a section's revision is left to a push that
    counts its own writes."""
    if target == SECTION:
        conditions += (f"NOT EXISTS (SELECT 1 FROM {SQLITE_PUSH_COUNTS_TABLE})",)
    return f" WHEN {' AND '.join(conditions)}" if conditions else ""


def postgres_install() -> Iterator[str]:
    """Statement-level triggers over transition tables, one per event.

    The push writes thousands of rows per statement: a row-level trigger would
    cost a target UPDATE per row, these cost one per statement.
    """
    for source in SOURCES:
        yield _postgres_source_function(source)
        for event in EVENTS:
            yield (
                f"CREATE TRIGGER {source.trigger(event)}"
                f" AFTER {event} ON {source.table}"
                f" REFERENCING {POSTGRES_REFERENCING[event]}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {source.function}()"
            )
    for watch in WATCHES:
        yield _postgres_function(
            watch.function,
            _unless_push_counts(watch.target, watch.target.mark("NEW.id")),
        )
        changed = " OR ".join(
            f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in watch.columns
        )
        yield (
            f"CREATE TRIGGER {watch.trigger}"
            f" AFTER UPDATE OF {', '.join(watch.columns)} ON {watch.target.table}"
            f" FOR EACH ROW WHEN ({changed})"
            f" EXECUTE FUNCTION {watch.function}()"
        )


def _postgres_source_function(source: Source) -> str:
    """One function for the three triggers of a table: each sees only its own
    transition tables, so the branch taken must name no other."""

    def mark(event: str) -> str:
        keys = " UNION ".join(
            f"SELECT {source.key} FROM {rows}" for rows in POSTGRES_ROWS[event]
        )
        return source.target.mark(source.target_ids(keys))

    body = (
        f"IF TG_OP = 'INSERT' THEN {mark('INSERT')};"
        f" ELSIF TG_OP = 'UPDATE' THEN {mark('UPDATE')};"
        f" ELSE {mark('DELETE')}; END IF"
    )
    return _postgres_function(source.function, _unless_push_counts(source.target, body))


def _unless_push_counts(target: Target, body: str) -> str:
    """Leave section revisions to a push transaction that counts its own writes.

    A push writes each section several times over (categories, calc options,
    composites, the advisory flag); it sets PUSH_COUNTS_SETTING for its
    transaction and bumps every section it wrote once, in one statement at
    the end. Every other session's writes are counted here as ever.
    """
    if target != SECTION:
        return body
    return (
        f"IF current_setting('{PUSH_COUNTS_SETTING}', true) = 'on' THEN RETURN NULL;"
        f" END IF; {body}"
    )


def _postgres_function(name: str, body: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" BEGIN {body}; RETURN NULL; END $$"
    )


def drop_statements(dialect: str) -> Iterator[str]:
    """What undoes the install, triggers before the functions they call.

    A PostgreSQL trigger is named within its table; a SQLite one is not.
    """
    triggers = [(s.trigger(event), s.table) for s in SOURCES for event in EVENTS]
    triggers += [(w.trigger, w.target.table) for w in WATCHES]
    for trigger, table in triggers:
        on_table = f" ON {table}" if dialect == "postgres" else ""
        yield f"DROP TRIGGER IF EXISTS {trigger}{on_table}"
    if dialect == "postgres":
        for name in [s.function for s in SOURCES] + [w.function for w in WATCHES]:
            yield f"DROP FUNCTION IF EXISTS {name}()"
    else:
        yield f"DROP TABLE IF EXISTS {SQLITE_PUSH_COUNTS_TABLE}"


def _dialect(schema_editor: BaseSchemaEditor) -> str:
    """The back end being migrated; any other than these two lacks the triggers
    the push trusts, so it is refused rather than migrated without them."""
    dialect = schema_editor.client.capabilities.dialect
    if dialect not in ("sqlite", "postgres"):
        raise NotImplementedError(f"push stamp triggers are not written for {dialect}")
    return dialect


async def _run(schema_editor: BaseSchemaEditor, statements: Iterator[str]) -> None:
    for statement in statements:
        await schema_editor.client.execute_script(statement)


async def install_triggers(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    dialect = _dialect(schema_editor)
    install = postgres_install() if dialect == "postgres" else sqlite_install()
    await _run(schema_editor, install)


async def drop_triggers(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    await _run(schema_editor, drop_statements(_dialect(schema_editor)))


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Course",
            name="setup_revision",
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name="Section",
            name="setup_revision",
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name="Section",
            name="push_stamp",
            field=fields.CharField(null=True, max_length=100),
        ),
        ops.RunPython(install_triggers, drop_triggers),
    ]
