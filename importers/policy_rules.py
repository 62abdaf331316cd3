"""A district grading policy as read from its file: rules, before any database.

Names of terms and grading tasks are still names here (``None`` means "all");
they are resolved per course calendar when the policy is applied.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from models.setup import CalcType, RoundingMode

Names = tuple[str, ...] | None


@dataclass(frozen=True)
class Selector:
    """Which courses a rule gives its setup to; every given part must match."""

    schools: tuple[str, ...] = ()
    course_patterns: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryRule:
    name: str
    weight: Decimal
    sequence: int
    hidden: bool
    exclude_from_calc: bool
    drop_lowest: int
    drop_highest: int
    tasks: Names
    line: int | None


@dataclass(frozen=True)
class CalcOptionRule:
    terms: Names
    tasks: Names
    calc_type: CalcType
    weighted: bool
    use_score_percent: bool
    last_n_assignments: int | None
    rounding_decimals: int
    rounding_mode: RoundingMode
    grading_scale: str | None
    line: int | None


@dataclass(frozen=True)
class CompositeRule:
    terms: Names
    task: str
    components: tuple[tuple[str, Decimal], ...]
    line: int | None


@dataclass(frozen=True)
class PolicyRule:
    """One rule; a part left as ``None`` is not set by this rule."""

    number: int
    label: str
    line: int | None
    selector: Selector
    categories: tuple[CategoryRule, ...] | None
    calc_options: tuple[CalcOptionRule, ...] | None
    composites: tuple[CompositeRule, ...] | None
    advisory: bool | None

    def describe(self) -> str:
        return f"rule {self.number} ({self.label})"


@dataclass(frozen=True)
class Policy:
    path: Path
    rules: tuple[PolicyRule, ...]
