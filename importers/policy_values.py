"""Typed reading of one table of a policy file, with located errors.

Every getter checks the type and range of its value and, when it is wrong,
raises an ``ImportFileError`` pointing at the line of the key.
"""

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from importers.common import ImportFileError
from importers.policy_source import SourceMap, TomlPath
from models.base import NAME_MAX_LENGTH, normalize_name
from models.weights import WeightError, parse_weight

ALL = "all"

E = TypeVar("E", bound=StrEnum)


class PolicyTable:
    """The values of one table, where it stands in the file, and typed getters."""

    def __init__(
        self,
        values: Any,
        where: TomlPath,
        source: SourceMap,
        allowed: Iterable[str],
    ) -> None:
        self.where = where
        self.source = source
        if not isinstance(values, dict):
            raise self.error("must be a table")
        self.values: dict[str, Any] = values
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            raise self.error(f"unknown key {unknown[0]!r}", unknown[0])

    def error(self, reason: str, key: str | None = None) -> ImportFileError:
        return self.source.error(self.where, reason, key)

    def line(self, key: str | None = None) -> int | None:
        return self.source.line_of(self.where, key)

    def has(self, key: str) -> bool:
        return key in self.values

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.values.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.error(f"{key} must be a string", key)
        return value

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if value is None:
            raise self.error(f"{key} is required")
        return value

    def name(self, key: str) -> str:
        """A category name: 1-50 characters once its spacing is normalised."""
        name = normalize_name(self.required_text(key))
        if not 1 <= len(name) <= NAME_MAX_LENGTH:
            reason = f"{key} must be 1-{NAME_MAX_LENGTH} characters, not {len(name)}"
            raise self.error(reason, key)
        return name

    def flag(self, key: str, default: bool) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{key} must be true or false", key)
        return value

    def count(self, key: str, default: int, maximum: int = 1_000) -> int:
        value = self.values.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"{key} must be a whole number", key)
        if not 0 <= value <= maximum:
            raise self.error(f"{key} must be between 0 and {maximum}", key)
        return value

    def optional_count(self, key: str, minimum: int = 1) -> int | None:
        if key not in self.values:
            return None
        value = self.count(key, 0)
        if value < minimum:
            raise self.error(f"{key} must be at least {minimum}", key)
        return value

    def weight(self, key: str = "weight") -> Decimal:
        """A weight by the rules of setup editing, whether a TOML number or text.

        A TOML number is judged as it is written back ("1e3" stays "1E+3"), so
        a file cannot pass an exponent or a third decimal that an edit refuses.
        """
        value = self.values.get(key)
        if value is None:
            raise self.error(f"{key} is required")
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise self.error(f"{key} must be a number, not {value!r}", key)
        try:
            return parse_weight(str(value))
        except WeightError as error:
            shown = repr(value) if isinstance(value, str) else str(value)
            raise self.error(f"{key} {shown} {error.reason}", key) from None

    def choice(self, key: str, kind: type[E], default: E) -> E:
        value = self.values.get(key, default.value)
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise self.error(f"{key} must be one of {', '.join(allowed)}", key)
        return kind(value)

    def names(self, key: str) -> tuple[str, ...] | None:
        """Names given as one string, a list of strings, or "all" (None)."""
        value = self.values[key]
        if value == ALL:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise self.error(f'{key} must be a name, a list of names or "all"', key)
        if not all(isinstance(item, str) and item.strip() for item in items):
            raise self.error(f"{key} must hold non-empty strings", key)
        return tuple(normalize_name(item) for item in items)

    def tables(self, key: str, allowed: Iterable[str]) -> list["PolicyTable"]:
        """The tables of an array of tables (``[[rules.categories]]`` or inline)."""
        items = self.values.get(key, [])
        if not isinstance(items, list):
            raise self.error(f"{key} must be a list of tables", key)
        keys = tuple(allowed)
        return [
            PolicyTable(item, (*self.where, key, n), self.source, keys)
            for n, item in enumerate(items)
        ]
