"""Dates of the demo school year and of its terms.

The year is chosen so that the calendar is in session on the given day: a push
on the demo then has to be acknowledged, as it would in a real district.
"""

import datetime
from dataclasses import dataclass

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
SEMESTERS = {"S1": ("Q1", "Q2"), "S2": ("Q3", "Q4")}
TERM_ORDER = ("Q1", "Q2", "S1", "Q3", "Q4", "S2")


@dataclass(frozen=True)
class TermDates:
    name: str
    sequence: int
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class SchoolYear:
    start: datetime.date
    end: datetime.date
    terms: tuple[TermDates, ...]

    @property
    def label(self) -> str:
        return f"{self.start.year}-{str(self.start.year + 1)[-2:]}"


def school_year_around(today: datetime.date) -> SchoolYear:
    """Mid-August to mid-June of the year holding ``today``, stretched to include it."""
    first_year = today.year if today.month >= 7 else today.year - 1
    start = min(datetime.date(first_year, 8, 15), today)
    end = max(datetime.date(first_year + 1, 6, 12), today)
    return SchoolYear(start=start, end=end, terms=_terms(start, end))


def _terms(start: datetime.date, end: datetime.date) -> tuple[TermDates, ...]:
    quarters = _quarters(start, end)
    semesters = {
        name: (quarters[first][0], quarters[last][1])
        for name, (first, last) in SEMESTERS.items()
    }
    dates = quarters | semesters
    return tuple(
        TermDates(name, sequence, *dates[name])
        for sequence, name in enumerate(TERM_ORDER, start=1)
    )


def _quarters(
    start: datetime.date, end: datetime.date
) -> dict[str, tuple[datetime.date, datetime.date]]:
    length = (end - start).days + 1
    bounds = [start + datetime.timedelta(days=length * i // 4) for i in range(5)]
    return {
        name: (bounds[i], bounds[i + 1] - datetime.timedelta(days=1))
        for i, name in enumerate(QUARTERS)
    }
