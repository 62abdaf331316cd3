"""Real `dramatiq` worker processes and a uvicorn server, as in production.

Each benchmark run uses its own Redis queue namespace, so messages of tests
that run at the same time on the same Redis never reach these workers.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("GRADEPUSH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
# As the README recommends: a batch keeps its process busy, more threads only
# crowd the database.
WORKER_THREADS = 1
READY_SECONDS = 60
READY_LINE = b"Worker process is ready for action."


def new_namespace() -> str:
    return f"gradepush-bench-{uuid.uuid4().hex[:10]}"


def _environment(database_url: str, namespace: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        GRADEPUSH_QUEUE_NAMESPACE=namespace,
        GRADEPUSH_ENV="production",
        dramatiq_worker_timeout="100",
        PYTHONPATH=str(ROOT),
    )
    return env


class Workers:
    """`dramatiq actors.worker -p N`: a master process and N worker processes."""

    def __init__(self, database_url: str, namespace: str, processes: int) -> None:
        self.database_url = database_url
        self.namespace = namespace
        self.processes = processes
        self._master: subprocess.Popen[bytes] | None = None
        self._log: Path | None = None
        self._log_start = 0

    def start(self, log: Path) -> None:
        self._log = log
        self._log_start = log.stat().st_size if log.exists() else 0
        command = [sys.executable, "-m", "dramatiq", "actors.worker"]
        command += ["-p", str(self.processes), "-t", str(WORKER_THREADS)]
        with log.open("ab") as output:
            self._master = subprocess.Popen(
                command,
                cwd=ROOT,
                env=_environment(self.database_url, self.namespace),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    async def wait_ready(self) -> None:
        """Wait until every worker process said it is ready for messages."""
        async with asyncio.timeout(READY_SECONDS):
            while True:
                if self._all_ready():
                    return
                await asyncio.sleep(0.1)

    def _all_ready(self) -> bool:
        assert self._master is not None
        assert self._log is not None
        if self._master.poll() is not None:
            raise RuntimeError(f"workers exited early, see {self._log}")
        with self._log.open("rb") as log:
            log.seek(self._log_start)
            return log.read().count(READY_LINE) >= self.processes

    def peak_memory_mb(self) -> float:
        """The largest peak resident size among the worker processes, in MiB."""
        assert self._master is not None
        peaks = [_peak_rss_kib(pid) for pid in _children(self._master.pid)]
        return max(peaks, default=0) / 1024

    def stop(self) -> None:
        if self._master is None or self._master.poll() is not None:
            return
        # The master forwards the signal; a second one would hard-kill the workers.
        self._master.send_signal(signal.SIGTERM)
        try:
            self._master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self._master.pid, signal.SIGKILL)
            self._master.wait()


@contextmanager
def running_workers(
    database_url: str, namespace: str, processes: int, log: Path
) -> Iterator[Workers]:
    workers = Workers(database_url, namespace, processes)
    workers.start(log)
    try:
        yield workers
    finally:
        workers.stop()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except OSError:
        return []


def _peak_rss_kib(pid: int) -> int:
    """VmHWM: the high-water mark of the process's resident memory."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(database_url: str, namespace: str, log: Path) -> Iterator[str]:
    """A production-mode uvicorn server on loopback; yields its GraphQL URL."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "server:app", "--port", str(port)]
    with log.open("ab") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--no-access-log"],
            cwd=ROOT,
            env=_environment(database_url, namespace),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early, see {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not listen on port {port}, see {log}")
