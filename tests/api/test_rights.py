"""Each role sees exactly its share of the district, and nothing else."""

from dataclasses import dataclass

from models import Calendar, Course, Role, Section
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api

CALENDARS = "query { calendars { totalCount edges { node { name } } } }"
CALENDAR = "query ($id: ID!) { calendar(id: $id) { name } }"
SECTION = "query ($id: ID!) { section(id: $id) { number } }"
COURSE_SECTIONS = """
query ($id: ID!) {
  course(id: $id) { sections { totalCount edges { node { number } } } }
}
"""


@dataclass
class District:
    """Two schools; each with one calendar, one course and two teachers' sections."""

    north: Calendar
    south: Calendar
    english: Course
    teacher_token: str
    north_section: Section
    colleague_section: Section


async def _district() -> District:
    north_school, south_school = await builders.school(), await builders.school()
    north = await builders.calendar(north_school, "North 2025-26")
    south = await builders.calendar(south_school, "South 2025-26")
    north_teacher, teacher_token = await builders.user(Role.TEACHER)
    colleague, _ = await builders.user(Role.TEACHER)
    english = await builders.course(north)
    await builders.section(await builders.course(south), "S1")
    return District(
        north=north,
        south=south,
        english=english,
        teacher_token=teacher_token,
        north_section=await builders.section(english, "1", [north_teacher]),
        colleague_section=await builders.section(english, "2", [colleague]),
    )


def _names(data: dict[str, object]) -> set[str]:
    connection = data["calendars"]
    assert isinstance(connection, dict)
    return {edge["node"]["name"] for edge in connection["edges"]}


async def test_district_admin_sees_every_calendar(api: Api) -> None:
    await _district()
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    data = await api.data(CALENDARS, token)

    assert _names(data) == {"North 2025-26", "South 2025-26"}
    assert data["calendars"]["totalCount"] == 2


async def test_school_admin_sees_only_their_schools_calendars(api: Api) -> None:
    district = await _district()
    north_school = await district.north.school
    _, token = await builders.user(Role.SCHOOL_ADMIN, [north_school])

    listed = await api.data(CALENDARS, token)
    other = await api.data(
        CALENDAR, token, {"id": global_id("Calendar", district.south.pk)}
    )

    assert _names(listed) == {"North 2025-26"}
    assert other == {"calendar": None}


async def test_teacher_sees_the_calendar_of_their_own_section_only(api: Api) -> None:
    district = await _district()
    token = district.teacher_token

    listed = await api.data(CALENDARS, token)
    other = await api.data(
        CALENDAR, token, {"id": global_id("Calendar", district.south.pk)}
    )

    assert _names(listed) == {"North 2025-26"}
    assert other == {"calendar": None}


async def test_teacher_cannot_read_a_colleagues_section(api: Api) -> None:
    district = await _district()
    token = district.teacher_token

    own = await api.data(
        SECTION, token, {"id": global_id("Section", district.north_section.pk)}
    )
    colleagues = await api.data(
        SECTION, token, {"id": global_id("Section", district.colleague_section.pk)}
    )

    assert own == {"section": {"number": "1"}}
    assert colleagues == {"section": None}


async def test_teacher_lists_only_their_own_sections_of_a_course(api: Api) -> None:
    district = await _district()
    token = district.teacher_token
    course_id = global_id("Course", district.english.pk)

    data = await api.data(COURSE_SECTIONS, token, {"id": course_id})

    sections = data["course"]["sections"]
    assert sections["totalCount"] == 1
    assert [edge["node"]["number"] for edge in sections["edges"]] == ["1"]


async def test_a_missing_section_answers_like_an_invisible_one(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    data = await api.data(SECTION, token, {"id": global_id("Section", 999_999)})

    assert data == {"section": None}
