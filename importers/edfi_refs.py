"""Ed-Fi natural keys: Ed-Fi has no surrogate ids, only references by key.

A section, for one, is known by its identifier plus its course offering
(local course code, school, session, school year): the identifier alone
repeats across courses. Keys are tuples; source ids join their parts.
"""

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from importers.edfi_xml import Record

SessionKey = tuple[str, str, str]
OfferingKey = tuple[str, str, str, str]
SectionKey = tuple[str, str, str, str, str]

K = TypeVar("K", bound=Hashable)

_SCHOOL = "SchoolReference/SchoolIdentity/SchoolId"


def source_id(*parts: str) -> str:
    return "|".join(parts)


def school_of(record: Record, base: str = "") -> str:
    return record.required(f"{base}{_SCHOOL}")


def session_key(record: Record, base: str = "") -> SessionKey:
    """(school, school year, session name) of a session or a session reference."""
    identity = f"{base}SessionReference/SessionIdentity/"
    return (
        school_of(record, identity),
        record.required(f"{identity}SchoolYear"),
        record.required(f"{identity}SessionName"),
    )


def own_session_key(record: Record) -> SessionKey:
    return (
        school_of(record),
        record.required("SchoolYear"),
        record.required("SessionName"),
    )


def offering_key(record: Record, base: str = "") -> OfferingKey:
    identity = f"{base}CourseOfferingReference/CourseOfferingIdentity/"
    school, year, session = session_key(record, identity)
    return (record.required(f"{identity}LocalCourseCode"), school, session, year)


def own_offering_key(record: Record) -> OfferingKey:
    school, year, session = session_key(record)
    return (record.required("LocalCourseCode"), school, session, year)


def section_key(record: Record) -> SectionKey:
    """The key of the section a record refers to through a SectionReference."""
    identity = "SectionReference/SectionIdentity/"
    offering = offering_key(record, identity)
    return (*offering, record.required(f"{identity}SectionIdentifier"))


def own_section_key(record: Record) -> SectionKey:
    return (*offering_key(record), record.required("SectionIdentifier"))


def index(
    records: Iterable[Record], key_of: Callable[[Record], K], what: str
) -> dict[K, Record]:
    """Records by key; a key seen twice is an error at its second record.

    A record repeated word for word is only a repetition (the Grand Bend
    sample holds one such course offering) and is read once.
    """
    found: dict[K, Record] = {}
    for record in records:
        key = key_of(record)
        if key in found and record.same_content(found[key]):
            continue
        if key in found:
            first = found[key].line
            raise record.fail(f"duplicate {what} {key} (first on line {first})")
        found[key] = record
    return found
