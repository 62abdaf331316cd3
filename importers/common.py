"""What every importer shares: located errors, progress and a summary of counts.

An importer reads and checks a whole source before it writes, then writes it in
one transaction, so a bad row leaves the database exactly as it was.
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TextIO


class ImportFileError(Exception):
    """A source file cannot be imported; says which file, which line and why."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


# Points possible and scores are stored with 9 digits, 2 of them decimals.
MAX_POINTS = Decimal("9999999.99")


def points_fault(points: Decimal, *, positive: bool = False) -> str | None:
    """Why a number cannot be stored as points (None when it can).

    With ``positive``, zero is refused too: an assignment worth nothing
    cannot be graded as a share of its points.
    """
    if not points.is_finite():
        return "is not a finite number"
    if points < 0:
        return "is negative"
    if positive and points == 0:
        return "must be greater than 0"
    if points > MAX_POINTS:
        return f"is larger than {MAX_POINTS}"
    return None


@dataclass
class ImportSummary:
    """Counts of what an import created, updated and left unchanged, by kind."""

    source: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    # Rows the source holds but gradepush cannot use (e.g. a class without a course).
    skipped: Counter[str] = field(default_factory=Counter)
    # What the source asked for that likely is a mistake, though not an error.
    warnings: list[str] = field(default_factory=list)

    def render(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        lines = [f"Imported {self.source}:"]
        for kind in kinds:
            lines.append(
                f"  {kind}: {self.created[kind]} created, {self.updated[kind]} updated,"
                f" {self.unchanged[kind]} unchanged"
            )
        for kind in sorted(self.skipped):
            lines.append(f"  {kind}: {self.skipped[kind]} skipped")
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return "\n".join(lines)


class Progress:
    """A one-line progress bar on a terminal; silent when output is not a terminal."""

    def __init__(self, label: str, total: int, stream: TextIO = sys.stderr) -> None:
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty()

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.enabled:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
