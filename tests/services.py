"""Where the test suite finds PostgreSQL and Redis, and what to do without them.

On a developer machine without the services those tests skip; in CI (CI=true)
a missing service is a failure, so a green CI run always exercised both.
"""

import os
import socket
from urllib.parse import urlparse

import pytest

POSTGRES_URL = os.environ.get(
    "GRADEPUSH_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("GRADEPUSH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, url: str) -> None:
    """Skip the calling test when the service is down, or fail it in CI."""
    if _reachable(url):
        return
    message = f"{name} is not reachable at {url}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must start it (see .ci/run)")
    pytest.skip(message)


def postgres_database_url(database: str) -> str:
    parsed = urlparse(POSTGRES_URL)
    return parsed._replace(path=f"/{database}").geturl()
