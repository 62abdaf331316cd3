"""A small district to push over the API, and the push operations a front end sends."""

import asyncio
from dataclasses import dataclass
from typing import Any

from models import Calendar, Course, PushRequest, Role, Section, User
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.push.inline import submit_calendar_push

PUSH_FIELDS = """
  id status cancelRequested progress
  coursesTotal coursesDone
  sectionsTotal sectionsChanged sectionsUnchanged sectionsFailed sectionsSkipped
  categoriesCreated categoriesUpdated categoriesRenamed categoriesDeleted
  categoriesKeptInUse
  retryOf { id }
"""
PAYLOAD_FIELDS = f"pushRequest {{ {PUSH_FIELDS} }} errors {{ code message field }}"
PUSH_ALL_COURSES = f"""
mutation ($id: ID!, $options: PushOptionsInput, $ack: Boolean! = true, $key: String) {{
  pushAllCourses(
    calendarId: $id, options: $options, acknowledgeInSession: $ack,
    idempotencyKey: $key
  ) {{ {PAYLOAD_FIELDS} }}
}}
"""
PUSH_COURSE = f"""
mutation ($id: ID!, $options: PushOptionsInput, $ack: Boolean! = true) {{
  pushCourseToSections(
    courseId: $id, options: $options, acknowledgeInSession: $ack
  ) {{ {PAYLOAD_FIELDS} }}
}}
"""
CANCEL = f"""
mutation ($id: ID!) {{ cancelPushRequest(id: $id) {{ {PAYLOAD_FIELDS} }} }}
"""
RETRY = f"""
mutation ($id: ID!, $key: String) {{
  retryFailedSections(id: $id, idempotencyKey: $key) {{ {PAYLOAD_FIELDS} }}
}}
"""
PUSH_REQUEST = f"query ($id: ID!) {{ pushRequest(id: $id) {{ {PUSH_FIELDS} }} }}"
TERMINAL = {"COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED"}
# A guard against a hung worker, not a performance assertion.
_POLL_GUARD_SECONDS = 60


@dataclass
class District:
    """One school's calendar, in session: courses of two categories, their sections."""

    calendar: Calendar
    courses: list[Course]
    sections: list[Section]
    admin: User
    admin_token: str

    @property
    def calendar_id(self) -> str:
        return global_id("Calendar", self.calendar.pk)


async def build_district(courses: int = 2, sections_per_course: int = 2) -> District:
    school = await builders.school()
    calendar = await builders.calendar(school)
    made_courses = [
        await builders.course(calendar, f"C{index}") for index in range(courses)
    ]
    sections = []
    for course in made_courses:
        await builders.course_category(course, "Homework", "40")
        await builders.course_category(course, "Tests", "60")
        for number in range(1, sections_per_course + 1):
            sections.append(await builders.section(course, str(number)))
    admin, token = await builders.user(Role.SCHOOL_ADMIN, [school])
    return District(calendar, made_courses, sections, admin, token)


async def queued_push(district: District) -> PushRequest:
    """A push request recorded but never sent to the workers, so it stays queued."""
    return await submit_calendar_push(
        district.admin, district.calendar, acknowledge=True
    )


def payload(result: dict[str, Any], mutation: str) -> dict[str, Any]:
    """The payload of a mutation that ran without GraphQL errors."""
    assert "errors" not in result, result["errors"]
    found: dict[str, Any] = result["data"][mutation]
    return found


async def push_all_courses(
    api: Api, token: str, calendar_id: str, **variables: Any
) -> dict[str, Any]:
    result = await api.post(PUSH_ALL_COURSES, {"id": calendar_id} | variables, token)
    return payload(result, "pushAllCourses")


async def until_ended(api: Api, token: str, request_id: str) -> dict[str, Any]:
    """Poll the request as a front end would, until it reaches a terminal status."""
    async with asyncio.timeout(_POLL_GUARD_SECONDS):
        while True:
            data = await api.data(PUSH_REQUEST, token, {"id": request_id})
            request: dict[str, Any] = data["pushRequest"]
            if request["status"] in TERMINAL:
                return request
            await asyncio.sleep(0.05)
