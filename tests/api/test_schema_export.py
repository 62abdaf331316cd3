"""The committed schema.graphql is what the code serves."""

from pathlib import Path

from schema import schema

COMMITTED_SCHEMA = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    committed = COMMITTED_SCHEMA.read_text()

    assert committed == schema.as_str() + "\n", "run `make schema` and commit it"
