"""Caller mistakes are logged quietly; only faults of ours reach ERROR."""

import logging

import pytest

from models import Role
from tests.api import builders
from tests.api.conftest import Api

CALENDAR = 'query { calendar(id: "not-a-global-id") { name } }'


async def test_a_caller_mistake_is_logged_at_info_without_a_traceback(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    caplog.set_level(logging.INFO, logger="gradepush.graphql")

    result = await api.post(CALENDAR, token=token)
    anonymous = await api.post(CALENDAR)

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    graphql_records = [r for r in caplog.records if r.name.startswith("strawberry")]
    refusals = [r for r in caplog.records if r.name == "gradepush.graphql"]
    assert graphql_records == []
    assert [r.levelno for r in refusals] == [logging.INFO, logging.INFO]
    assert all(r.exc_info is None for r in refusals)
