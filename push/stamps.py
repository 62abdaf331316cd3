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

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields

from tortoise import connections

from push.loading import load_course_setups, load_sections_of_courses
from push.options import PushOptions
from push.rows import fetch
from push.setup import CourseSetup, SectionState

# Ids per statement: far inside the parameter limits of both back ends.
_IDS_PER_STATEMENT = 1000
# Named as in migration 0002, whose triggers read it.
PUSH_COUNTS_SETTING = "gradepush.push_counts_writes"


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
    ids = sorted(set(course_ids))
    prefixes: dict[int, str] = {}
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        batch = ids[start : start + _IDS_PER_STATEMENT]
        rows = await fetch(
            "SELECT id, setup_revision FROM course"
            f" WHERE id IN ({', '.join('?' for _ in batch)})",
            *batch,
        )
        prefixes |= {row["id"]: f"{row['setup_revision']}:{ticked}:" for row in rows}
    return prefixes


async def section_marks(
    course_ids: Collection[int], section_ids: Collection[int] | None = None
) -> list[SectionMark]:
    """The sections of the courses (or the given ones among them), in id order.

    Read before the sections are loaded, so that a write landing in between
    leaves the revision behind and the section is not stamped.
    """
    ids = sorted(set(course_ids))
    marks: list[SectionMark] = []
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        batch = ids[start : start + _IDS_PER_STATEMENT]
        rows = await fetch(
            "SELECT id, course_id, setup_revision, push_stamp FROM section"
            f" WHERE course_id IN ({', '.join('?' for _ in batch)})",
            *batch,
        )
        marks += [
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


async def lock_unmoved(marks: Mapping[int, SectionMark]) -> set[int]:
    """Lock the sections' rows for the caller's transaction; those not written since.

    On PostgreSQL the rows stay locked until the transaction ends, so no
    other write can slip in between the push's writes and its stamps; a row
    another transaction holds is skipped, not waited for, and so not stamped.
    SQLite runs one writing transaction at a time, which gives the same.
    """
    ids = sorted(marks)
    unmoved: set[int] = set()
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        batch = ids[start : start + _IDS_PER_STATEMENT]
        rows = await fetch(
            "SELECT id, setup_revision FROM section"
            f" WHERE id IN ({', '.join('?' for _ in batch)}) ORDER BY id"
            + (" FOR UPDATE SKIP LOCKED" if _is_postgres() else ""),
            *batch,
        )
        unmoved |= {
            row["id"]
            for row in rows
            if row["setup_revision"] == marks[row["id"]].revision
        }
    return unmoved


async def count_own_writes() -> None:
    """Have the triggers leave section revisions to this push transaction.

    On PostgreSQL a push writes each section several times over; rather than
    bump its revision at every statement, the triggers skip this transaction
    and `stamp` bumps each written section once. SQLite's triggers go on
    counting, which only moves revisions further.
    """
    if _is_postgres():
        await fetch(f"SET LOCAL {PUSH_COUNTS_SETTING} = 'on'")


async def stamp(prefixes: Mapping[int, str], written: Collection[int]) -> None:
    """Bump the written sections' revisions and stamp the sections left in line.

    ``prefixes`` maps a section to its stamp prefix; the stamp ends with the
    section's revision after the bump. Runs in the caller's transaction,
    after its writes, in one statement per thousand sections.
    """
    bumped = set(written)
    items = sorted(
        (section_id, prefixes.get(section_id), int(section_id in bumped))
        for section_id in bumped | set(prefixes)
    )
    for start in range(0, len(items), _IDS_PER_STATEMENT):
        batch = items[start : start + _IDS_PER_STATEMENT]
        values = ", ".join(
            "(CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS INTEGER))" for _ in batch
        )
        await fetch(
            "UPDATE section SET setup_revision = section.setup_revision + v.column3,"
            " push_stamp = COALESCE("
            "v.column2 || (section.setup_revision + v.column3), section.push_stamp)"
            f" FROM (VALUES {values}) AS v WHERE section.id = v.column1",
            *(value for item in batch for value in item),
        )


def _is_postgres() -> bool:
    return str(connections.get("default").capabilities.dialect) == "postgres"
