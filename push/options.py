"""The components a push request carries over to the sections."""

from dataclasses import asdict, dataclass, fields
from typing import Self


@dataclass(frozen=True)
class PushOptions:
    """What to push; every component is on by default except overwriting."""

    categories: bool = True
    grade_calc_options: bool = True
    composite_grades: bool = True
    advisory: bool = True
    overwrite_categories: bool = False

    @property
    def is_empty(self) -> bool:
        """True when no component is ticked, so a push would do nothing."""
        return not (
            self.categories
            or self.grade_calc_options
            or self.composite_grades
            or self.advisory
        )

    def to_json(self) -> dict[str, bool]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, bool]) -> Self:
        known = {f.name for f in fields(cls)}
        return cls(**{k: bool(v) for k, v in data.items() if k in known})
