"""Reading OneRoster CSV files: tolerant of their dialects, strict about content.

Exports differ in header case and spacing, byte-order marks, 1.1 and 1.2
column names and vendor `ext_*` columns; a header is matched by its letters
alone, with aliases per field. Bad bytes, ragged rows and bad values are
errors with the file and line.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from importers.common import ImportFileError, points_fault
from importers.roster_plan import Origin

if TYPE_CHECKING:
    import _csv

_NOT_LETTERS = re.compile(r"[\s_.\-]")


def header_key(name: str) -> str:
    """ "School Sourced_Id " and "schoolSourcedId" both become "schoolsourcedid"."""
    return _NOT_LETTERS.sub("", name).casefold()


class CsvRow:
    """One data row; fields are looked up by their name or one of its aliases."""

    def __init__(self, path: Path, line: int, cells: dict[str, str]) -> None:
        self.path = path
        self.line = line
        self.cells = cells

    def fail(self, reason: str) -> ImportFileError:
        return ImportFileError(self.path, self.line, reason)

    def origin(self) -> Origin:
        return Origin(self.path, self.line)

    def get(self, *names: str) -> str | None:
        for name in names:
            value = self.cells.get(header_key(name), "").strip()
            if value:
                return value
        return None

    def required(self, *names: str) -> str:
        value = self.get(*names)
        if value is None:
            raise self.fail(f"{names[0]} is empty")
        return value

    def date(self, *names: str) -> datetime.date | None:
        """A date, or the date part of a timestamp ("2017-05-06 08:01:05")."""
        value = self.get(*names)
        if value is None:
            return None
        try:
            if len(value) > 10 and value[10] in "T ":
                return datetime.datetime.fromisoformat(value).date()
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{names[0]} is not a date: {value!r}") from None

    def required_date(self, *names: str) -> datetime.date:
        value = self.date(*names)
        if value is None:
            raise self.fail(f"{names[0]} is empty")
        return value

    def points(self, *names: str, positive: bool = False) -> Decimal | None:
        """A number of points that fits its column; see ``points_fault``."""
        value = self.get(*names)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(f"{names[0]} is not a number: {value!r}") from None
        fault = points_fault(number, positive=positive)
        if fault is not None:
            raise self.fail(f"{names[0]} {value} {fault}")
        return number

    def ids(self, *names: str) -> list[str]:
        """A comma-separated list of sourcedIds."""
        return [part.strip() for part in (self.get(*names) or "").split(",") if part]


def read_table(path: Path, required: tuple[str, ...] = ()) -> list[CsvRow]:
    """The data rows of one file; an absent file reads as empty.

    A required entry may name aliases: "orgSourcedId|schoolSourcedId".
    """
    if not path.is_file():
        return []
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        return list(_rows(path, reader, required))
    except csv.Error as error:
        raise ImportFileError(path, reader.line_num, f"bad CSV: {error}") from None


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = f"not UTF-8: byte {data[error.start]:#x} cannot be decoded"
        raise ImportFileError(path, line, reason) from None


def _rows(
    path: Path, reader: "_csv.Reader", required: tuple[str, ...]
) -> Iterator[CsvRow]:
    names = next(reader, [])
    _check_header(path, names)
    header = [header_key(name) for name in names]
    missing = [
        names
        for names in required
        if not any(header_key(name) in header for name in names.split("|"))
    ]
    if missing:
        raise ImportFileError(path, 1, f"missing column {', '.join(missing)}")
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            reason = f"{len(cells)} cells where the header has {len(header)}"
            raise ImportFileError(path, reader.line_num, reason)
        if any("\x00" in cell for cell in cells):
            raise ImportFileError(path, reader.line_num, "a value holds a NUL byte")
        yield CsvRow(path, reader.line_num, dict(zip(header, cells, strict=True)))


def _check_header(path: Path, names: list[str]) -> None:
    """Each column is named once: two would leave unclear which one counts."""
    if any("\x00" in name for name in names):
        raise ImportFileError(path, 1, "the header holds a NUL byte")
    seen: dict[str, str] = {}
    for name in names:
        key = header_key(name)
        if key and key in seen:
            reason = f"column {name.strip()!r} is named twice (as {seen[key]!r})"
            raise ImportFileError(path, 1, reason)
        seen[key] = name.strip()
