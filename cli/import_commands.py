"""`gradepush import-edfi DIR` and `gradepush import-oneroster DIR`.

Both bring the schema up to date first, import in one transaction and print a
summary of counts; a bad file prints `error: FILE:LINE: REASON` and exits 2.
"""

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from importers.common import ImportFileError, ImportSummary
from importers.edfi import import_edfi
from importers.oneroster import import_oneroster
from runtime.database import close_database, migrate_database, open_database
from settings import SETTINGS

Importer = Callable[[Path], Awaitable[ImportSummary]]


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    edfi = subparsers.add_parser(
        "import-edfi", help="import Ed-Fi XML interchange files from a directory"
    )
    edfi.add_argument("directory", type=Path)
    edfi.set_defaults(handler=lambda args: _run(import_edfi, args.directory))

    oneroster = subparsers.add_parser(
        "import-oneroster", help="import a OneRoster 1.1 or 1.2 CSV directory"
    )
    oneroster.add_argument("directory", type=Path)
    oneroster.set_defaults(handler=lambda args: _run(import_oneroster, args.directory))


def _run(importer: Importer, directory: Path) -> int:
    try:
        summary = asyncio.run(_import(importer, directory))
    except ImportFileError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201
        return 2
    print(summary.render())  # noqa: T201
    return 0


async def _import(importer: Importer, directory: Path) -> ImportSummary:
    await migrate_database(SETTINGS.database_url)
    await open_database(SETTINGS.database_url)
    try:
        return await importer(directory)
    finally:
        await close_database()
