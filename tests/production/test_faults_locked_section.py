"""A section whose rows another session holds past the lock limit fails alone.

GRADEPUSH_SECTION_LOCK_SECONDS bounds how long a section's push waits for rows
another session holds; the test sets it to two seconds.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from tortoise.expressions import Subquery

from models import Assignment, PushSectionResult, SectionCategory
from models.push_request import PushStatus, SectionOutcome
from models.section import CategoryOrigin
from tests.production.district_runs import (
    EndState,
    end_state,
    push_calendar_again,
    submit_calendar_push,
)
from tests.production.freezing import FREEZE_POINTS, frozen_at
from tests.production.processes import (
    WORKER_THREADS,
    WorkerProcess,
    send_to_workers,
)
from tests.production.watching import FAST_RECOVERY, wait_for_end

pytestmark = pytest.mark.faults

SHORT_LOCK_LIMIT = FAST_RECOVERY | {"GRADEPUSH_SECTION_LOCK_SECONDS": "2"}
SECTION_SIDE = ("sections", "categories", "calc_options", "composites")
CLOSING_A_COURSE = next(p for p in FREEZE_POINTS if p.name == "closing a course")


async def test_a_section_locked_past_the_limit_fails_and_the_others_complete(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a calendar push, and a teacher category it deletes held by a session
    request = await submit_calendar_push()
    category = await _a_category_the_push_deletes()
    worker = WorkerProcess(db, namespace, process_log, settings=SHORT_LOCK_LIMIT)
    worker.start()
    try:
        async with _row_locked(db, "section_category", category.id):
            # when the worker pushes while the lock outlasts the limit
            send_to_workers(namespace, "start_push", request.id)
            ended = await wait_for_end(request.id, process_log)

        # then only that section failed, and with the reason
        assert ended.status == PushStatus.COMPLETED_WITH_ERRORS
        total = clean_push_state.counts["sections_total"]
        assert (ended.sections_changed, ended.sections_failed) == (total - 1, 1)
        failed = await PushSectionResult.get(
            push_request_id=request.id, outcome=SectionOutcome.FAILED
        )
        assert failed.section_id == category.section_id  # type: ignore[attr-defined]
        assert "lock timeout" in (failed.error or "")

        # and the worker still runs a course on every thread at once
        again = await push_calendar_again()
        async with frozen_at(CLOSING_A_COURSE, db) as freeze:
            send_to_workers(namespace, "start_push", again.id)
            await freeze.frozen(statements=WORKER_THREADS)
        assert (await wait_for_end(again.id, process_log)).sections_changed == 1
    finally:
        worker.stop()

    # and the second push left the sections as a clean run does
    pushed = await end_state(again.id)
    for part in SECTION_SIDE:
        assert getattr(pushed, part) == getattr(clean_push_state, part), part


async def _a_category_the_push_deletes() -> SectionCategory:
    """A teacher's category without assignments: the overwriting push deletes it."""
    in_use = Assignment.all().values_list("category_id", flat=True)
    category = await (
        SectionCategory.filter(origin=CategoryOrigin.TEACHER)
        .exclude(id__in=Subquery(in_use))
        .order_by("id")
        .first()
    )
    assert category is not None
    return category


@asynccontextmanager
async def _row_locked(url: str, table: str, row_id: int) -> AsyncIterator[None]:
    """Hold one row FOR UPDATE in a session of its own, as a long edit would."""
    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction():
            await connection.execute(
                f"SELECT 1 FROM {table} WHERE id = $1 FOR UPDATE", row_id
            )
            yield
    finally:
        await connection.close()
