"""Reading a policy file as TOML, and finding the line of any table or key in it.

``tomllib`` gives values but no positions, so a second, shallow pass over the
text records where each ``[[array.of.tables]]`` header stands; an error about
a value then points at the line of its key, or of its table.
"""

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from importers.common import ImportFileError

TomlPath = tuple[str | int, ...]

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_\-.\s]+?)\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_DECODE_LINE = re.compile(r"at line (\d+)")


def read_toml(path: Path) -> tuple[dict[str, Any], "SourceMap"]:
    """The parsed document, floats kept as exact Decimals, and its source map."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(path, None, f"cannot be read: {error}") from error
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ImportFileError(path, _decode_line(error), str(error)) from error
    return document, SourceMap(path, text)


def _decode_line(error: tomllib.TOMLDecodeError) -> int | None:
    found = _DECODE_LINE.search(str(error))
    return int(found.group(1)) if found else None


class SourceMap:
    """Line numbers (1-based) of the array-of-tables elements of one file."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.tables: dict[TomlPath, int] = {}
        self._index_headers()

    def line_of(self, where: TomlPath, key: str | None = None) -> int | None:
        """The line of ``key`` in the table at ``where``, else of the table itself.

        An element written inline (``{ ... }``) has no header: the closest
        enclosing table and the key that holds the inline value are used.
        """
        table = where
        while table and table not in self.tables:
            key, table = _last_key(table) or key, table[:-1]
        start = self.tables.get(table, 0)
        line = self._key_line(start, key) if key else start
        return line or None

    def error(
        self, where: TomlPath, reason: str, key: str | None = None
    ) -> ImportFileError:
        return ImportFileError(self.path, self.line_of(where, key), reason)

    def _index_headers(self) -> None:
        latest: dict[str, TomlPath] = {}
        counts: dict[TomlPath, int] = {}
        for number, line in enumerate(self.lines, start=1):
            found = _ARRAY_HEADER.match(line)
            if not found:
                continue
            dotted = re.sub(r"\s+", "", found.group(1))
            parent, _, name = dotted.rpartition(".")
            prefix = (*latest.get(parent, ()), name)
            position = counts.get(prefix, 0)
            counts[prefix] = position + 1
            latest[dotted] = (*prefix, position)
            self.tables[latest[dotted]] = number

    def _key_line(self, start: int, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _ANY_HEADER.match(line):
                break
            if pattern.match(line):
                return number
        return start


def _last_key(where: TomlPath) -> str | None:
    """The innermost key name of a path: ``categories`` in (rules, 0, categories, 2)."""
    for part in reversed(where):
        if isinstance(part, str):
            return part
    return None
