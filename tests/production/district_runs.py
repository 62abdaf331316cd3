"""A generated district, its calendar push, and the end state a clean run leaves.

Fault tests push the same generated district as a clean run does and compare
the two end states: what every section holds, every notification and the
request's counts. The demo generator is deterministic, so a fresh database
gets the same ids; rows the push creates are compared without their ids.
"""

import datetime
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from tortoise.context import TortoiseContext

from demo.generator import generate_district
from demo.spec import DemoUsers, DistrictSpec
from models import (
    Assignment,
    Calendar,
    Notification,
    PushRequest,
    PushSectionResult,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    User,
)
from models.push_request import COUNT_FIELDS
from push.options import PushOptions
from push.requests import submit_push
from settings import tortoise_config
from tests.conftest import TEMPLATE_DATABASE
from tests.push.inline import run_inline
from tests.services import POSTGRES_URL, postgres_database_url

# Small enough to push in seconds, large enough that a kill lands mid-push;
# teacher categories with assignments make renames, deletes and kept-in-use.
FAULT_DISTRICT = DistrictSpec(
    seed=11,
    schools=1,
    courses_per_calendar=40,
    sections_per_course=3,
    students_per_section=3,
    teacher_category_share=0.5,
    assignment_share=0.5,
    today=datetime.date(2026, 10, 1),
)

Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class EndState:
    """Everything a push leaves behind that a fault must not change."""

    status: str
    counts: dict[str, int]
    sections: Rows
    categories: Rows
    calc_options: Rows
    composites: Rows
    composite_parts: Rows
    assignments: Rows
    notifications: Rows
    results_per_section: int


async def submit_calendar_push(spec: DistrictSpec = FAULT_DISTRICT) -> PushRequest:
    """Generate the district and queue a push of its first calendar, all courses."""
    await generate_district(spec)
    return await push_calendar_again()


async def push_calendar_again() -> PushRequest:
    """Queue another push of the generated district's first calendar."""
    calendar = await Calendar.filter(source_id="demo-calendar-1").get()
    admin = await User.get(username=DemoUsers().district_admin)
    return await submit_push(
        requested_by=admin,
        calendar=calendar,
        course=None,
        options=PushOptions(overwrite_categories=True),
        acknowledge_in_session=True,
    )


async def end_state(request_id: int) -> EndState:
    request = await PushRequest.get(id=request_id)
    return EndState(
        status=str(request.status),
        counts={name: getattr(request, name) for name in COUNT_FIELDS},
        sections=await _rows(Section, "id", "advisory"),
        categories=await _rows_without_id(SectionCategory),
        calc_options=await _rows_without_id(SectionCalcOption),
        composites=await _rows_without_id(SectionComposite),
        composite_parts=await _composite_parts(),
        assignments=await _rows(Assignment, "id", "category_id"),
        notifications=await _rows(Notification, "user_id", "kind", "title", "body"),
        results_per_section=await _most_results_of_one_section(request_id),
    )


async def clean_end_state(spec: DistrictSpec = FAULT_DISTRICT) -> EndState:
    """Push the district without faults, in process, in a database of its own."""
    async with _fresh_database() as url, TortoiseContext() as context:
        await context.init(config=tortoise_config(url))
        request = await submit_calendar_push(spec)
        await run_inline(request)
        return await end_state(request.id)


async def _rows(model: Any, *columns: str) -> Rows:
    return sorted(await model.all().values_list(*columns), key=repr)


async def _rows_without_id(model: Any) -> Rows:
    columns = sorted(model._meta.db_fields - {"id"})
    return await _rows(model, *columns)


async def _composite_parts() -> Rows:
    """Parts keyed by their composite's section, term and task, not its new id."""
    return await _rows(
        SectionCompositePart,
        "composite__section_id",
        "composite__term_id",
        "composite__grading_task_id",
        "component_task_id",
        "weight",
    )


async def _most_results_of_one_section(request_id: int) -> int:
    section_ids = await PushSectionResult.filter(
        push_request_id=request_id
    ).values_list("section_id", flat=True)
    return max((section_ids.count(s) for s in set(section_ids)), default=0)


@asynccontextmanager
async def _fresh_database() -> AsyncIterator[str]:
    name = f"gradepush_clean_{uuid.uuid4().hex[:12]}"
    await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DATABASE}"')
    try:
        yield postgres_database_url(name)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()
