"""The course setup a policy asks for, in a shape comparable with stored rows.

Both what the policy wants and what a course has are turned into these values,
so that deciding whether a course changes is plain equality.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from models import CourseCalcOption, CourseCategory
from models.setup import CalcType, RoundingMode

TermTask = tuple[int, int]
CompositeParts = tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class CategorySetup:
    name: str
    weight: Decimal
    sequence: int
    hidden: bool
    exclude_from_calc: bool
    drop_lowest: int
    drop_highest: int
    task_ids: tuple[int, ...]

    @classmethod
    def of(cls, row: CourseCategory) -> "CategorySetup":
        return cls(
            name=row.name,
            weight=Decimal(row.weight),
            sequence=row.sequence,
            hidden=row.hidden,
            exclude_from_calc=row.exclude_from_calc,
            drop_lowest=row.drop_lowest,
            drop_highest=row.drop_highest,
            task_ids=tuple(sorted(row.task_ids)),
        )

    def fields(self) -> dict[str, object]:
        """Model field values, task ids as the sorted list the model stores."""
        values = dict(self.__dict__)
        values["task_ids"] = list(self.task_ids)
        return values


@dataclass(frozen=True)
class CalcSetup:
    calc_type: CalcType
    weighted: bool
    use_score_percent: bool
    last_n_assignments: int | None
    rounding_decimals: int
    rounding_mode: RoundingMode
    grading_scale: str | None

    @classmethod
    def of(cls, row: CourseCalcOption) -> "CalcSetup":
        return cls(
            calc_type=CalcType(row.calc_type),
            weighted=row.weighted,
            use_score_percent=row.use_score_percent,
            last_n_assignments=row.last_n_assignments,
            rounding_decimals=row.rounding_decimals,
            rounding_mode=RoundingMode(row.rounding_mode),
            grading_scale=row.grading_scale,
        )

    def fields(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class CourseTarget:
    """The setup one course should have; a part left ``None`` is left alone."""

    course_id: int
    categories: tuple[CategorySetup, ...] | None = None
    calc_options: dict[TermTask, CalcSetup] | None = None
    composites: dict[TermTask, CompositeParts] | None = None
    advisory: bool | None = None


def composite_parts(parts: list[tuple[int, Decimal]]) -> CompositeParts:
    """Component weights in one canonical order, so equal setups compare equal."""
    return tuple(sorted((task_id, Decimal(weight)) for task_id, weight in parts))


@dataclass
class CurrentSetup:
    """What a course has now, keyed the way the policy addresses it."""

    advisory: bool
    categories: dict[str, CourseCategory] = field(default_factory=dict)
    calc_options: dict[TermTask, CourseCalcOption] = field(default_factory=dict)
    composites: dict[TermTask, tuple[int, CompositeParts]] = field(default_factory=dict)
