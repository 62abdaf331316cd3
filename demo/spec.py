"""What a demo district should hold, the size presets, and what was generated."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DistrictSpec:
    """The shape of a generated district; the same spec always yields the same data.

    ``today`` decides the school year, so that the calendars are in session;
    left empty it means the day of the run.
    """

    seed: int = 1
    schools: int = 2
    courses_per_calendar: int = 8
    sections_per_course: int = 3
    students_per_section: int = 12
    teacher_category_share: float = 0.25
    assignment_share: float = 0.5
    sections_per_teacher: int = 4
    today: datetime.date | None = None

    def school_day(self) -> datetime.date:
        return self.today or datetime.datetime.now(datetime.UTC).date()


SIZE_PRESETS: dict[str, DistrictSpec] = {
    "S": DistrictSpec(schools=1, courses_per_calendar=100, sections_per_course=5),
    "M": DistrictSpec(schools=1, courses_per_calendar=500, sections_per_course=8),
    "L": DistrictSpec(schools=1, courses_per_calendar=2000, sections_per_course=10),
}


@dataclass(frozen=True)
class DemoUsers:
    """Usernames of the accounts a newcomer signs in with."""

    district_admin: str = "district.admin"
    school_admin: str = "school.admin"
    teacher: str = "teacher.1"


@dataclass
class GeneratedDistrict:
    """Counts of what the generator wrote, by kind, and the demo usernames."""

    counts: dict[str, int] = field(default_factory=dict)
    users: DemoUsers = field(default_factory=DemoUsers)

    def render(self) -> str:
        lines = ["Generated demo district:"]
        lines += [f"  {kind}: {count}" for kind, count in self.counts.items()]
        return "\n".join(lines)
