"""Real production processes for tests: `dramatiq` workers and uvicorn servers.

Each test gets its own Redis queue namespace, so tests never see each other's
messages, and the processes are killed when the test ends.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from tests.services import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
WORKER_THREADS = 4


def new_namespace() -> str:
    return f"gradepush-test-{uuid.uuid4().hex[:10]}"


def _environment(
    database_url: str, namespace: str, redis_url: str, extra: Mapping[str, str]
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        GRADEPUSH_QUEUE_NAMESPACE=namespace,
        dramatiq_worker_timeout="100",
        PYTHONPATH=str(ROOT),
        # One course (three sections) per message, the finest a push goes:
        # faults should land between many batches as well as inside them.
        GRADEPUSH_BATCH_SECTIONS="3",
    )
    env.update(extra)
    return env


class WorkerProcess:
    """A `dramatiq actors.worker` command with one process and a few threads.

    ``settings`` adds environment variables, e.g. shorter limits for fault tests.
    """

    def __init__(
        self,
        database_url: str,
        namespace: str,
        log: Path,
        redis_url: str = REDIS_URL,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.namespace = namespace
        self.log = log
        self.redis_url = redis_url
        self.settings = dict(settings or {})
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "dramatiq", "actors.worker", "-p", "1"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "-t", str(WORKER_THREADS)],
                cwd=ROOT,
                env=_environment(
                    self.database_url, self.namespace, self.redis_url, self.settings
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL the whole process group: the master and its worker process."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def stop(self) -> None:
        """SIGTERM the master only: it forwards the signal to its worker process,
        which takes a second SIGTERM as an order to exit without cleaning up."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


@contextmanager
def running_worker(
    database_url: str, namespace: str, log: Path
) -> Iterator[WorkerProcess]:
    worker = WorkerProcess(database_url, namespace, log)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(
    database_url: str,
    namespace: str,
    log: Path,
    redis_url: str = REDIS_URL,
    settings: Mapping[str, str] | None = None,
) -> Iterator[int]:
    """A uvicorn server process in production mode; yields its port."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "server:app", "--port", str(port)]
    with log.open("ab") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1"],
            cwd=ROOT,
            env=_environment(database_url, namespace, redis_url, settings or {}),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_port(port, process, log)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not listen on {port}:\n{log.read_text()}")


def send_to_workers(
    namespace: str, actor_name: str, *args: int, redis_url: str = REDIS_URL
) -> None:
    """Enqueue a message as a server process would, on the test's namespace."""
    broker = RedisBroker(url=redis_url, namespace=namespace)  # type: ignore[no-untyped-call]
    broker.declare_queue("push")
    broker.enqueue(
        dramatiq.Message(
            queue_name="push",
            actor_name=actor_name,
            args=args,
            kwargs={},
            options={},
        )
    )
    broker.close()
