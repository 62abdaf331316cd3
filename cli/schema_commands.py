"""`gradepush export-schema`: print the GraphQL schema (SDL) the server serves.

`make schema` writes it to schema.graphql, which is committed and checked
against the code by the test suite.
"""

import argparse

from schema import schema


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("export-schema", help="print the GraphQL schema")
    parser.set_defaults(handler=_export_schema)


def _export_schema(args: argparse.Namespace) -> int:
    print(schema.as_str())  # noqa: T201
    return 0
