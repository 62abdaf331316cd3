"""Running the SQL floor, and checking it leaves the same end state as a push."""

import time
from pathlib import Path

import asyncpg

FLOOR_SQL = Path(__file__).with_name("floor.sql")

# What a first push leaves behind, as rows without generated ids; ids that
# differ between two databases (copies, composites) are replaced by keys.
_END_STATE_QUERIES = {
    "section categories": """
        SELECT section_id, course_category_id, origin, locked, name, name_key,
               weight, sequence, hidden, exclude_from_calc, drop_lowest,
               drop_highest, task_ids::text
        FROM section_category""",
    "section calc options": """
        SELECT section_id, term_id, grading_task_id, locked, calc_type, weighted,
               use_score_percent, last_n_assignments, rounding_decimals,
               rounding_mode, grading_scale
        FROM section_calc_option""",
    "section composite parts": """
        SELECT sc.section_id, sc.term_id, sc.grading_task_id, sc.locked,
               p.component_task_id, p.weight
        FROM section_composite sc
        LEFT JOIN section_composite_part p ON p.composite_id = sc.id""",
    "section advisory flags": "SELECT id, advisory FROM section",
    "teacher notifications": """
        SELECT user_id, kind, title, body FROM notification
        WHERE kind = 'section_categories_changed'""",
}


async def run_floor(database_url: str, calendar_id: int) -> float:
    """Run the floor script in one transaction; its wall time in seconds."""
    script = FLOOR_SQL.read_text().replace("{calendar_id}", str(int(calendar_id)))
    connection = await asyncpg.connect(database_url)
    try:
        started = time.perf_counter()
        async with connection.transaction():
            await connection.execute(script)
        return time.perf_counter() - started
    finally:
        await connection.close()


async def end_state(database_url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row a first push writes, sorted, keyed by what it is."""
    connection = await asyncpg.connect(database_url)
    try:
        return {
            kind: sorted(
                (tuple(row) for row in await connection.fetch(query)), key=repr
            )
            for kind, query in _END_STATE_QUERIES.items()
        }
    finally:
        await connection.close()


def differences(
    pushed: dict[str, list[tuple[object, ...]]],
    floor: dict[str, list[tuple[object, ...]]],
) -> list[str]:
    """What differs between a pushed database and the floor's, per kind of row."""
    found = []
    for kind, rows in pushed.items():
        only_pushed = set(rows) - set(floor[kind])
        only_floor = set(floor[kind]) - set(rows)
        if only_pushed or only_floor or len(rows) != len(floor[kind]):
            found.append(
                f"{kind}: {len(only_pushed)} rows only after the push,"
                f" {len(only_floor)} only after the floor"
            )
    return found
