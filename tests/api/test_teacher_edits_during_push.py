"""Teachers edit their sections while a large push writes to the same database.

In the embedded default the push runs in the server's own worker threads on
one SQLite file: a teacher's edit must wait its turn and succeed, never fail
with "database is locked". The same holds on PostgreSQL.
"""

import asyncio
import datetime
from typing import Any

from auth.tokens import issue_token
from demo.generator import generate_district
from demo.spec import DistrictSpec
from models import Calendar, PushRequest, SectionCategory, SectionTeacher, User
from models.push_request import ACTIVE_STATUSES, PushStatus
from schema.relay import decode_global_id, global_id
from tests.api.conftest import Api
from tests.api.editing import ERRORS, mutate
from tests.api.pushing import push_all_courses, until_ended

LARGE = DistrictSpec(
    seed=11,
    schools=1,
    courses_per_calendar=60,
    sections_per_course=5,
    students_per_section=4,
    teacher_category_share=0.3,
    sections_per_teacher=5,
    today=datetime.date(2026, 10, 1),
)
TEACHERS = 8
CREATE = f"""
mutation ($input: CreateSectionCategoryInput!) {{
  createSectionCategory(input: $input) {{ category {{ id }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateCategoryInput!) {{
  updateSectionCategory(input: $input) {{ category {{ weight }} {ERRORS} }}
}}
"""


async def _teachers_and_sections(count: int) -> list[tuple[str, str]]:
    """A token and a section of each of ``count`` teachers."""
    links = await SectionTeacher.all().order_by("id").values("teacher_id", "section_id")
    section_of: dict[int, int] = {}
    for link in links:
        section_of.setdefault(link["teacher_id"], link["section_id"])
    chosen = list(section_of.items())[:count]
    return [
        (
            await issue_token(await User.get(id=teacher_id), "test"),
            global_id("Section", section_id),
        )
        for teacher_id, section_id in chosen
    ]


async def _edit(api: Api, token: str, section_id: str, name: str) -> list[Any]:
    """Create a category and reweigh it; the user errors of both edits."""
    variables = {"sectionId": section_id, "name": name, "weight": "10"}
    created = await mutate(
        api, CREATE, token, {"input": variables}, "createSectionCategory"
    )
    if created["errors"]:
        return list(created["errors"])
    changes = {"id": created["category"]["id"], "weight": "12.5"}
    updated = await mutate(
        api, UPDATE, token, {"input": changes}, "updateSectionCategory"
    )
    return list(updated["errors"])


async def test_teacher_edits_wait_for_a_running_push_and_succeed(api: Api) -> None:
    # given a generated district and a push of its whole calendar under way
    await generate_district(LARGE)
    admin = await User.get(username="district.admin")
    admin_token = await issue_token(admin, "test")
    editors = await _teachers_and_sections(TEACHERS)
    calendar = await Calendar.first()
    assert calendar is not None
    submitted = await push_all_courses(
        api, admin_token, global_id("Calendar", calendar.pk)
    )
    request_id = submitted["pushRequest"]["id"]
    request_pk = decode_global_id(request_id, "PushRequest")

    # when teachers keep editing their sections until the push has ended
    rounds_during_push = 0
    errors: list[Any] = []
    statuses_seen: set[PushStatus] = set()
    while (status := (await PushRequest.get(id=request_pk)).status) in ACTIVE_STATUSES:
        statuses_seen.add(status)
        rounds_during_push += 1
        results = await asyncio.gather(
            *(
                _edit(api, token, section_id, f"Lab journal {rounds_during_push}")
                for token, section_id in editors
            )
        )
        errors += [error for result in results for error in result]
    ended = await until_ended(api, admin_token, request_id)

    # then every edit was saved, and so was every section of the push
    assert PushStatus.RUNNING in statuses_seen, "no edit overlapped the push"
    assert errors == []
    saved = await SectionCategory.filter(name__startswith="Lab journal").count()
    assert saved == rounds_during_push * len(editors)
    assert ended["status"] == "COMPLETED"
    assert ended["sectionsFailed"] == 0
    assert ended["sectionsChanged"] > 0
