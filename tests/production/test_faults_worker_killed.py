"""A worker process killed with SIGKILL anywhere in a push changes nothing.

However often and wherever the worker dies, the request ends, every section is
pushed once, the counts are exact and the requester is notified once: the end
state equals that of a clean run of the same generated district.
"""

import random
from pathlib import Path

import pytest

from models import PushSectionResult
from tests.production.district_runs import EndState, end_state, submit_calendar_push
from tests.production.freezing import FREEZE_POINTS, FreezePoint, frozen_at
from tests.production.processes import WorkerProcess, send_to_workers
from tests.production.watching import (
    FAST_RECOVERY,
    wait_for_end,
    wait_for_results,
)

pytestmark = pytest.mark.faults

KILLS = 12


async def test_a_push_killed_at_twelve_random_points_ends_as_a_clean_run(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a calendar push under way, and twelve random points of its progress
    # in its first half, so that a kill never lands after its end
    seed = random.randrange(1_000_000)
    sections = clean_push_state.counts["sections_total"]
    points = sorted(random.Random(seed).sample(range(1, sections // 2), KILLS))
    request = await submit_calendar_push()
    worker = WorkerProcess(db, namespace, process_log, settings=FAST_RECOVERY)
    worker.start()
    send_to_workers(namespace, "start_push", request.id)

    # when the worker is killed as the push passes each point, and restarted
    killed_at: list[int] = []
    try:
        for point in points:
            after = killed_at[-1] + 1 if killed_at else 0
            await wait_for_results(request.id, max(point, after), process_log)
            worker.kill()
            killed_at.append(await _results(request.id))
            worker.start()
        await wait_for_end(request.id, process_log)
    finally:
        worker.stop()

    # then it was killed at twelve different points, and ended as a clean run
    assert len(set(killed_at)) == KILLS, (seed, killed_at)
    assert max(killed_at) < sections, (seed, killed_at)
    assert await end_state(request.id) == clean_push_state, (seed, killed_at)


@pytest.mark.parametrize("point", FREEZE_POINTS, ids=lambda point: point.name)
async def test_a_push_killed_inside_a_step_ends_as_a_clean_run(
    db: str,
    namespace: str,
    process_log: Path,
    clean_push_state: EndState,
    point: FreezePoint,
) -> None:
    # given a worker held still inside one step of a calendar push
    request = await submit_calendar_push()
    worker = WorkerProcess(db, namespace, process_log, settings=FAST_RECOVERY)
    async with frozen_at(point, db) as freeze:
        worker.start()
        send_to_workers(namespace, "start_push", request.id)
        await freeze.frozen()

        # when it is killed there, and a new worker starts
        worker.kill()
    worker.start()
    try:
        await wait_for_end(request.id, process_log)
    finally:
        worker.stop()

    # then the step's half-done work left no trace
    assert await end_state(request.id) == clean_push_state


async def _results(request_id: int) -> int:
    return await PushSectionResult.filter(push_request_id=request_id).count()
