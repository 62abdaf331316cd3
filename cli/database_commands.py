"""`gradepush migrate`: bring the configured database schema up to date."""

import argparse
import asyncio

from runtime.database import migrate_database
from settings import SETTINGS


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("migrate", help="apply pending migrations")
    parser.set_defaults(handler=_migrate)


def _migrate(args: argparse.Namespace) -> int:
    asyncio.run(migrate_database(SETTINGS.database_url))
    print(f"Database is up to date: {SETTINGS.database_url}")  # noqa: T201
    return 0
