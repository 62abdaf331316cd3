"""Watching a request from the test process while worker processes push it."""

import asyncio
import time
from pathlib import Path

from models import PushRequest, PushSectionResult
from push.progress import TERMINAL_STATUSES

# Fault tests shorten the queue's and the sweeper's clocks so that recovery
# takes seconds; production keeps the defaults in the README.
FAST_RECOVERY = {
    "GRADEPUSH_QUEUE_HEARTBEAT_SECONDS": "2",
    "GRADEPUSH_SWEEP_SECONDS": "1",
    "GRADEPUSH_STALE_SECONDS": "4",
}


async def wait_for_end(request_id: int, log: Path, seconds: float = 90) -> PushRequest:
    """The request once it is terminal; fails with the processes' log otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        request = await PushRequest.get(id=request_id)
        if request.status in TERMINAL_STATUSES:
            return request
        await asyncio.sleep(0.1)
    raise AssertionError(
        f"request {request_id} still {request.status} after {seconds} s\n"
        f"{log_tail(log)}"
    )


async def wait_for_results(
    request_id: int, count: int, log: Path, seconds: float = 60
) -> None:
    """Wait until ``count`` sections have a result, or the request ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await PushSectionResult.filter(push_request_id=request_id).count() >= count:
            return
        if (await PushRequest.get(id=request_id)).status in TERMINAL_STATUSES:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"fewer than {count} sections pushed\n{log_tail(log)}")


def log_tail(log: Path, lines: int = 60) -> str:
    if not log.exists():
        return "(no process log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def log_mentions(log: Path, text: str) -> bool:
    return log.exists() and text in log.read_text(errors="replace")
