"""Dramatiq worker threads inside the server process (the embedded default).

Actor coroutines must run on the server's own event loop: Tortoise's
connections belong to one loop. So instead of Dramatiq's loop thread, the
worker threads are handed a stand-in whose loop is the running server loop;
worker threads then only wait while the coroutines run beside the requests.
"""

import asyncio
import logging
import threading

import dramatiq
from dramatiq.asyncio import EventLoopThread, set_event_loop_thread

logger = logging.getLogger(__name__)

WORKER_THREADS = 4

_process_booted = False


class _ServerLoop(EventLoopThread):
    """The running server loop, presented as Dramatiq's event loop thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        threading.Thread.__init__(self, daemon=True)
        self.loop = loop
        self.logger = logger
        self.interrupt_check_ival = 0.1

    def start(self, *, timeout: float | None = None) -> None:
        """Nothing to start: the server runs the loop."""

    def stop(self) -> None:
        """Nothing to stop: the server owns the loop."""


def start_embedded_worker(broker: dramatiq.Broker) -> dramatiq.Worker:
    """Start worker threads whose actors run on the calling (server) loop."""
    set_event_loop_thread(_ServerLoop(asyncio.get_running_loop()))
    _boot_process_once(broker)
    worker = dramatiq.Worker(broker, worker_threads=WORKER_THREADS, worker_timeout=100)
    worker.start()
    logger.info("embedded worker started with %s threads", WORKER_THREADS)
    return worker


def _boot_process_once(broker: dramatiq.Broker) -> None:
    """Emit what the dramatiq CLI emits at boot, once per process.

    Without it time limits are never enforced; twice would start a second
    time-limit thread.
    """
    global _process_booted
    if not _process_booted:
        broker.emit_after("process_boot")
        _process_booted = True


async def stop_embedded_worker(worker: dramatiq.Worker) -> None:
    """Stop the threads off the loop: they wait for coroutines on this loop."""
    await asyncio.to_thread(worker.stop, 10_000)
    set_event_loop_thread(None)
