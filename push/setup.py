"""Plain snapshots of a course setup and of a section's current setup.

The planner compares these values only; loading them from the database is
`push.loading`'s job, so planning needs no database and is cheap to test.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

# (term id, grading task id): calc options and composites exist once per pair.
TermTask = tuple[int, int]

T = TypeVar("T")


@dataclass(frozen=True)
class CategorySpec:
    """The fields of a category that a push copies from the course."""

    name: str
    weight: Decimal
    sequence: int
    hidden: bool
    exclude_from_calc: bool
    drop_lowest: int
    drop_highest: int
    task_ids: tuple[int, ...]


CATEGORY_FIELDS = (
    "name",
    "weight",
    "sequence",
    "hidden",
    "exclude_from_calc",
    "drop_lowest",
    "drop_highest",
    "task_ids",
)


@dataclass(frozen=True)
class CalcSpec:
    """Grade calculation options of one term and grading task."""

    calc_type: str
    weighted: bool
    use_score_percent: bool
    last_n_assignments: int | None
    rounding_decimals: int
    rounding_mode: str
    grading_scale: str | None


CALC_FIELDS = (
    "calc_type",
    "weighted",
    "use_score_percent",
    "last_n_assignments",
    "rounding_decimals",
    "rounding_mode",
    "grading_scale",
)


@dataclass(frozen=True)
class CompositeSpec:
    """The components of a composite task, as (component task id, weight) pairs."""

    parts: tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class CourseSetup:
    """Everything a push copies from one course."""

    course_id: int
    label: str
    advisory: bool
    categories: dict[int, CategorySpec]
    calc_options: dict[TermTask, CalcSpec]
    composites: dict[TermTask, CompositeSpec]


@dataclass(frozen=True)
class SectionCategoryState:
    """A section category as it stands, with how much work it holds."""

    id: int
    spec: CategorySpec
    course_category_id: int | None
    pushed: bool
    locked: bool
    assignment_count: int


@dataclass(frozen=True)
class LockedValue(Generic[T]):
    """A section calc option or composite with its lock."""

    id: int
    value: T
    locked: bool


@dataclass(frozen=True)
class SectionState:
    """A section's current setup, as the planner needs it."""

    section_id: int
    label: str
    advisory: bool
    term_ids: frozenset[int]
    teacher_ids: tuple[int, ...]
    categories: tuple[SectionCategoryState, ...]
    calc_options: dict[TermTask, LockedValue[CalcSpec]] = field(default_factory=dict)
    composites: dict[TermTask, LockedValue[CompositeSpec]] = field(default_factory=dict)
