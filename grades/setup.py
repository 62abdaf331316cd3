"""The grading setup a grade is calculated with: plain values, no database."""

import datetime
from dataclasses import dataclass, field

from push.setup import CalcSpec, CategorySpec, CompositeSpec, TermTask

# Values of CalcSpec.calc_type and CalcSpec.rounding_mode, as stored.
IN_PROGRESS = "in_progress"
HALF_UP = "half_up"
TRUNCATE = "truncate"


@dataclass(frozen=True)
class TermDates:
    """The first and last day of a term, both inclusive."""

    start: datetime.date
    end: datetime.date

    def lies_within(self, other: "TermDates") -> bool:
        """Whether this term starts and ends inside ``other`` (Q1 inside S1)."""
        return other.start <= self.start and self.end <= other.end


@dataclass(frozen=True)
class GradingSetup:
    """A section's categories by id, with its calc options and composites.

    The same shape holds a section's setup as it stands and as a push would
    leave it, so one calculator gives the grade before and after. ``terms``
    holds the dates of the calendar's terms, which tell a composite which
    terms' grades it takes; a term without dates nests nothing.
    """

    categories: dict[int, CategorySpec] = field(default_factory=dict)
    calc_options: dict[TermTask, CalcSpec] = field(default_factory=dict)
    composites: dict[TermTask, CompositeSpec] = field(default_factory=dict)
    terms: dict[int, TermDates] = field(default_factory=dict)

    def terms_within(self, term_id: int) -> tuple[int, ...]:
        """The term itself, then every other dated term inside it, by start date."""
        outer = self.terms.get(term_id)
        if outer is None:
            return (term_id,)

        inner = sorted(
            (dates.start, dates.end, inner_id)
            for inner_id, dates in self.terms.items()
            if inner_id != term_id and dates.lies_within(outer)
        )
        return (term_id, *(inner_id for _, _, inner_id in inner))
