"""Push stamps: sections known to be in line with their course, without loading them.

The database counts writes: a course's ``setup_revision`` goes up with every
write to its setup, a section's ``setup_revision`` with every write to the
section's own setup (triggers do both, whatever wrote). When a push finds a
section in line, or has just brought it in line, it stamps the section with
the course revision and push options it was planned against and the section
revision it was left at. As long as none of the three has moved, planning the
section again would find nothing to do, so the push and the report skip it.

A section whose plan reports a teacher category kept in use is never stamped:
its result is not empty even though nothing is written.
"""

from collections.abc import AsyncIterator, Collection, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields

from tortoise import connections

from push.loading import load_course_setups, load_sections_of_courses
from push.options import PushOptions
from push.rows import batches, fetch, fetch_in
from push.setup import CourseSetup, SectionState

# Named as in migration 0002, whose triggers read them.
PUSH_COUNTS_SETTING = "gradepush.push_counts_writes"
SQLITE_PUSH_COUNTS_TABLE = "gradepush_push_counts_writes"


@dataclass(frozen=True)
class SectionMark:
    """What the section table says of a section before it is loaded."""

    section_id: int
    course_id: int
    revision: int
    stamp: str | None


@dataclass(frozen=True)
class Planning:
    """What planning a batch of courses needs, with in-line sections left out.

    ``marks`` holds every section asked for, ``in_line`` those whose stamp
    holds; ``setups`` and ``sections`` (by course) cover only the rest.
    """

    prefixes: dict[int, str]
    marks: dict[int, SectionMark]
    in_line: set[int]
    setups: dict[int, CourseSetup]
    sections: dict[int, list[SectionState]]


async def load_for_planning(
    course_ids: Collection[int],
    options: PushOptions,
    section_ids: Collection[int] | None = None,
    skip: Collection[int] = (),
) -> Planning:
    """Revisions first, then the setups and sections that need a plan.

    ``section_ids`` narrows the courses' sections; ``skip`` leaves some out
    altogether (those a push already has results for).
    """
    prefixes = await stamp_prefixes(course_ids, options)
    marks = {
        mark.section_id: mark
        for mark in await section_marks(course_ids, section_ids)
        if mark.section_id not in skip
    }
    known = in_line(marks.values(), prefixes)
    to_plan = [mark for mark in marks.values() if mark.section_id not in known]
    planned_courses = sorted({mark.course_id for mark in to_plan})
    setups = await load_course_setups(planned_courses)
    sections = await load_sections_of_courses(
        planned_courses, [mark.section_id for mark in to_plan]
    )
    return Planning(prefixes, marks, known, setups, sections)


async def stamp_prefixes(
    course_ids: Collection[int], options: PushOptions
) -> dict[int, str]:
    """The part of each course's stamps that the course and the options decide.

    Read before the course setups are: a setup written in between is newer
    than the revision in the stamp, never older, so the stamp fails safe.
    """
    ticked = "".join(
        "1" if getattr(options, option.name) else "0" for option in fields(options)
    )
    rows = await fetch_in(
        "SELECT id, setup_revision FROM course WHERE id IN ({})",
        sorted(set(course_ids)),
    )
    return {row["id"]: f"{row['setup_revision']}:{ticked}:" for row in rows}


async def section_marks(
    course_ids: Collection[int], section_ids: Collection[int] | None = None
) -> list[SectionMark]:
    """The sections of the courses (or the given ones among them), in id order.

    Read before the sections are loaded, so that a write landing in between
    leaves the revision behind and the section is not stamped.
    """
    rows = await fetch_in(
        "SELECT id, course_id, setup_revision, push_stamp FROM section"
        " WHERE course_id IN ({})",
        sorted(set(course_ids)),
    )
    marks = [
        SectionMark(
            row["id"], row["course_id"], row["setup_revision"], row["push_stamp"]
        )
        for row in rows
    ]
    if section_ids is not None:
        wanted = set(section_ids)
        marks = [mark for mark in marks if mark.section_id in wanted]
    return sorted(marks, key=lambda mark: mark.section_id)


def in_line(marks: Iterable[SectionMark], prefixes: Mapping[int, str]) -> set[int]:
    """The sections whose stamp still holds: course, options and section unmoved."""
    return {
        mark.section_id
        for mark in marks
        if mark.stamp == f"{prefixes[mark.course_id]}{mark.revision}"
    }


@asynccontextmanager
async def counting_own_writes() -> AsyncIterator[None]:
    """Within the caller's transaction, the triggers leave section revisions to it.

    A push writes each section several times over (categories, calc options,
    composites, the advisory flag); rather than bump its revision at every
    statement, it calls `bump` once per section it writes. Other sessions'
    writes are counted by the triggers as ever. PostgreSQL marks the
    transaction with a setting; SQLite, which runs one writing transaction
    at a time, with a row that is gone before the transaction commits (or
    rolls back with it).
    """
    if _is_postgres():
        await fetch(f"SET LOCAL {PUSH_COUNTS_SETTING} = 'on'")
        yield
        return
    await fetch(f"INSERT INTO {SQLITE_PUSH_COUNTS_TABLE} (id) VALUES (1)")
    yield
    await fetch(f"DELETE FROM {SQLITE_PUSH_COUNTS_TABLE}")


async def bump(section_ids: Collection[int]) -> None:
    """Count one write to each section: the push's own writes, in its savepoint.

    On PostgreSQL the rows are locked in id order first, as every push locks
    them: a push never holds one section while waiting for another that a
    session holding the first is waiting for.
    """
    for batch in batches(sorted(section_ids)):
        marks = ", ".join("?" for _ in batch)
        rows = (
            f"(SELECT id FROM section WHERE id IN ({marks})"
            " ORDER BY id FOR NO KEY UPDATE)"
            if _is_postgres()
            else f"({marks})"
        )
        await fetch(
            "UPDATE section SET setup_revision = setup_revision + 1"
            f" WHERE id IN {rows}",
            *batch,
        )


async def stamp(expected: Mapping[int, tuple[str, int]]) -> None:
    """Stamp sections (id -> stamp prefix, revision expected) left in line.

    A section is stamped only while its revision is the one expected: the one
    read before it was loaded, plus the push's own bump if it was written. A
    write by anyone else since then has moved it, and on PostgreSQL a row
    another transaction is writing is skipped rather than waited for; either
    way the section is simply planned again next time.
    """
    for batch in batches(sorted(expected.items())):
        marks = ", ".join("?" for _ in batch)
        values = ", ".join(
            "(CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS BIGINT))" for _ in batch
        )
        # Locked once, up front: as a subquery, PostgreSQL would lock anew
        # for every row it updates.
        free = (
            f"WITH free AS MATERIALIZED (SELECT id FROM section WHERE id IN ({marks})"
            " FOR NO KEY UPDATE SKIP LOCKED) "
            if _is_postgres()
            else f"WITH free AS (SELECT id FROM section WHERE id IN ({marks})) "
        )
        await fetch(
            free + "UPDATE section SET push_stamp = v.column2 || section.setup_revision"
            f" FROM (VALUES {values}) AS v, free"
            " WHERE section.id = v.column1 AND free.id = v.column1"
            " AND section.setup_revision = v.column3",
            *(section_id for section_id, _ in batch),
            *(
                value
                for section_id, (prefix, revision) in batch
                for value in (section_id, prefix, revision)
            ),
        )


def _is_postgres() -> bool:
    return str(connections.get("default").capabilities.dialect) == "postgres"
