"""Redis or the database going away in the middle of a push changes nothing.

The push waits, retries or is resumed by a server's sweeper, and ends in the
same state as a clean run of the same generated district.
"""

import asyncio
from pathlib import Path

import pytest

from tests.production.district_runs import EndState, end_state, submit_calendar_push
from tests.production.processes import (
    WorkerProcess,
    running_server,
    send_to_workers,
)
from tests.production.redis_server import own_redis
from tests.production.watching import FAST_RECOVERY, wait_for_end, wait_for_results

pytestmark = pytest.mark.faults


async def test_a_push_survives_a_redis_restart_that_loses_its_queue(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a push under way on a Redis of the test's own, and a server sweeping
    request = await submit_calendar_push()
    with own_redis(process_log) as redis_server:
        worker = WorkerProcess(
            db, namespace, process_log, redis_server.url, FAST_RECOVERY
        )
        worker.start()
        with running_server(
            db, namespace, process_log, redis_server.url, FAST_RECOVERY
        ):
            send_to_workers(
                namespace, "start_push", request.id, redis_url=redis_server.url
            )
            await wait_for_results(request.id, 30, process_log)

            # when Redis restarts empty after a few seconds away
            redis_server.stop()
            await asyncio.sleep(3)
            redis_server.start()
            try:
                await wait_for_end(request.id, process_log)
            finally:
                worker.stop()

    # then the push ended as a clean run
    assert await end_state(request.id) == clean_push_state
