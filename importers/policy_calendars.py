"""Term and grading task names of calendars, as a policy refers to them.

Names match ignoring case and spacing, so "quarter  grade" finds "Quarter
Grade"; ``None`` stands for "all".
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from importers.policy_rules import Names
from models import Calendar, GradingTask, Term
from models.base import name_key


class UnknownNameError(Exception):
    """A policy names a term or grading task its course's calendar does not have."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class CalendarNames:
    """The terms and grading tasks of one calendar, by name key, in their order."""

    name: str
    term_ids: dict[str, int] = field(default_factory=dict)
    task_ids: dict[str, int] = field(default_factory=dict)
    composite_task_ids: set[int] = field(default_factory=set)

    def terms(self, names: Names, line: int | None) -> tuple[int, ...]:
        """Ids of the named terms, or of every term for "all"."""
        return self._lookup(self.term_ids, "term", names, line)

    def tasks(self, names: Names, line: int | None) -> tuple[int, ...]:
        """Ids of the named grading tasks, or of every task for "all"."""
        return self._lookup(self.task_ids, "grading task", names, line)

    def graded_tasks(self, names: Names, line: int | None) -> tuple[int, ...]:
        """Tasks a category counts toward; "all" means those not composite."""
        ids = self.tasks(names, line)
        if names is None:
            return tuple(i for i in ids if i not in self.composite_task_ids)
        return ids

    def _lookup(
        self, known: dict[str, int], kind: str, names: Names, line: int | None
    ) -> tuple[int, ...]:
        if names is None:
            return tuple(known.values())
        missing = [name for name in names if name_key(name) not in known]
        if missing:
            reason = f"no {kind} {missing[0]!r} in calendar {self.name!r}"
            raise UnknownNameError(line, reason)
        return tuple(known[name_key(name)] for name in names)


async def load_calendar_names(calendar_ids: Iterable[int]) -> dict[int, CalendarNames]:
    """Names of every given calendar, its terms and tasks in their sequence."""
    ids = sorted(set(calendar_ids))
    calendars = {
        pk: CalendarNames(name)
        for pk, name in await Calendar.filter(id__in=ids).values_list("id", "name")
    }
    terms = Term.filter(calendar_id__in=ids).order_by("sequence", "id")
    for calendar_id, name, pk in await terms.values_list("calendar_id", "name", "id"):
        calendars[calendar_id].term_ids[name_key(name)] = pk
    tasks = GradingTask.filter(calendar_id__in=ids).order_by("sequence", "id")
    rows = await tasks.values_list("calendar_id", "name", "id", "composite")
    for calendar_id, name, pk, composite in rows:
        calendars[calendar_id].task_ids[name_key(name)] = pk
        if composite:
            calendars[calendar_id].composite_task_ids.add(pk)
    return calendars
