"""Production-shape tests run only on PostgreSQL, where several processes may
share one database; on SQLite they are skipped (embedded mode is one process).
"""

from pathlib import Path

import pytest

from tests.conftest import BACKEND
from tests.production.district_runs import EndState, clean_end_state
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


@pytest.fixture(scope="session")
async def clean_push_state(template_url: str) -> EndState:
    """The end state of the fault district's push when nothing goes wrong."""
    if BACKEND != "postgres":
        pytest.skip("separate worker processes need PostgreSQL")
    return await clean_end_state()
