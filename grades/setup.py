"""The grading setup a grade is calculated with: plain values, no database."""

from dataclasses import dataclass, field

from push.setup import CalcSpec, CategorySpec, CompositeSpec, TermTask

# Values of CalcSpec.calc_type and CalcSpec.rounding_mode, as stored.
IN_PROGRESS = "in_progress"
HALF_UP = "half_up"
TRUNCATE = "truncate"


@dataclass(frozen=True)
class GradingSetup:
    """A section's categories by id, with its calc options and composites.

    The same shape holds a section's setup as it stands and as a push would
    leave it, so one calculator gives the grade before and after.
    """

    categories: dict[int, CategorySpec] = field(default_factory=dict)
    calc_options: dict[TermTask, CalcSpec] = field(default_factory=dict)
    composites: dict[TermTask, CompositeSpec] = field(default_factory=dict)
