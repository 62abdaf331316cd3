"""Production-shape tests run only on PostgreSQL, where several processes may
share one database; on SQLite they are skipped (embedded mode is one process).
"""

from pathlib import Path

import pytest

from tests.conftest import BACKEND
from tests.production.processes import new_namespace
from tests.services import REDIS_URL, require_service


@pytest.fixture
def namespace() -> str:
    if BACKEND != "postgres":
        pytest.skip("separate worker processes need PostgreSQL")
    require_service("Redis", REDIS_URL)
    return new_namespace()


@pytest.fixture
def process_log(tmp_path: Path) -> Path:
    return tmp_path / "processes.log"
