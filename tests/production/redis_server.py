"""A Redis server of the test's own, on a free loopback port, to stop and restart.

It keeps nothing on disk (``--save ''``), so a restart loses every queued
message: the worst a Redis restart can do to a push.
"""

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.production.processes import free_port


class RedisServer:
    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_ready()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def _wait_until_ready(self) -> None:
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        try:
            while time.monotonic() < deadline:
                try:
                    client.ping()
                    return
                except redis.ConnectionError:
                    time.sleep(0.05)
        finally:
            client.close()
        raise RuntimeError(f"redis-server did not start on port {self.port}")


@contextmanager
def own_redis(log: Path) -> Iterator[RedisServer]:
    server = RedisServer(log)
    server.start()
    try:
        yield server
    finally:
        server.stop()
