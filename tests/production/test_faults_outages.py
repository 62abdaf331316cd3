"""Redis or the database going away in the middle of a push changes nothing.

The push waits, retries or is resumed by a server's sweeper, and ends in the
same state as a clean run of the same generated district.
"""

import asyncio
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.production.district_runs import EndState, end_state, submit_calendar_push
from tests.production.processes import (
    WorkerProcess,
    running_server,
    send_to_workers,
)
from tests.production.redis_server import own_redis
from tests.production.tcp_proxy import proxy_to
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


async def test_a_push_survives_the_database_going_away_for_seconds(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a push under way in a worker that reaches the database by a proxy
    request = await submit_calendar_push()
    async with proxy_to(urlparse(db).port or 5432) as proxy:
        worker = WorkerProcess(
            _through(db, proxy.port), namespace, process_log, settings=FAST_RECOVERY
        )
        worker.start()
        send_to_workers(namespace, "start_push", request.id)
        await wait_for_results(request.id, 30, process_log)

        # when every connection drops and none can be made for a few seconds
        await proxy.cut()
        await asyncio.sleep(3)
        await proxy.open()
        try:
            await wait_for_end(request.id, process_log)
        finally:
            worker.stop()

    # then the push ended as a clean run
    assert await end_state(request.id) == clean_push_state


def _through(database_url: str, port: int) -> str:
    parsed = urlparse(database_url)
    host = parsed.netloc.rsplit(":", 1)[0]
    return parsed._replace(netloc=f"{host}:{port}").geturl()


async def test_a_push_survives_its_database_connections_breaking(
    db: str, namespace: str, process_log: Path, clean_push_state: EndState
) -> None:
    # given a push under way in a worker that reaches the database by a proxy
    request = await submit_calendar_push()
    async with proxy_to(urlparse(db).port or 5432) as proxy:
        worker = WorkerProcess(
            _through(db, proxy.port), namespace, process_log, settings=FAST_RECOVERY
        )
        worker.start()
        send_to_workers(namespace, "start_push", request.id)

        # when its connections break again and again, the database still up
        try:
            for progress in (10, 30, 50, 70):
                await wait_for_results(request.id, progress, process_log)
                await proxy.drop_connections()
            await wait_for_end(request.id, process_log)
        finally:
            worker.stop()

    # then the push ended as a clean run
    assert await end_state(request.id) == clean_push_state
