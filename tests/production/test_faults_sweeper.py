"""A request whose worker vanished without a trace is resumed by the sweeper.

With its worker dead and its messages gone from the queue, nothing would ever
touch the request again; a server's sweeper notices the stale heartbeat and
hands the request back to the workers.
"""

from pathlib import Path

import pytest
import redis

from tests.production.district_runs import EndState, end_state, submit_calendar_push
from tests.production.processes import (
    WorkerProcess,
    running_server,
    send_to_workers,
)
from tests.production.watching import (
    FAST_RECOVERY,
    log_mentions,
    wait_for_end,
    wait_for_results,
)
from tests.services import REDIS_URL

pytestmark = pytest.mark.faults


async def test_the_sweeper_resumes_a_request_whose_worker_vanished(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a push whose worker died mid-way and whose queued messages are gone
    request = await submit_calendar_push()
    worker = WorkerProcess(db, namespace, process_log, settings=FAST_RECOVERY)
    worker.start()
    send_to_workers(namespace, "start_push", request.id)
    await wait_for_results(request.id, 30, process_log)
    worker.kill()
    _forget_queue(namespace)

    # when a server sweeps beside a fresh worker
    worker.start()
    try:
        with running_server(db, namespace, process_log, settings=FAST_RECOVERY):
            await wait_for_end(request.id, process_log)
    finally:
        worker.stop()

    # then the sweeper resumed the request, and it ended as a clean run
    assert log_mentions(process_log, f"push request {request.id} had no live worker")
    assert await end_state(request.id) == clean_push_state


def _forget_queue(namespace: str) -> None:
    """Delete every key of the test's queue namespace, as a lost Redis would."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{namespace}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
