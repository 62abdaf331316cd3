"""The API server asks PostgreSQL to plan each statement for its own values.

A generic plan fixed before a first push reads the grown section tables the
slow way for as long as the connection lives (settings._postgres_connection).
"""

import pytest
from tortoise import connections

from tests.api.conftest import Api
from tests.conftest import BACKEND


async def test_the_api_plans_each_statement_for_its_values(api: Api) -> None:
    if BACKEND != "postgres":
        pytest.skip("plan caching is PostgreSQL's")

    rows = await connections.get("default").execute_query_dict("SHOW plan_cache_mode")

    assert rows[0]["plan_cache_mode"] == "force_custom_plan"
