"""`gradepush import-policy FILE`: give many courses their setup from a policy.

It brings the schema up to date, applies the policy in one transaction and
prints a summary; a bad file prints `error: FILE:LINE: REASON` and exits 2.
"""

import argparse
import asyncio
import sys
from pathlib import Path

from importers.common import ImportFileError, ImportSummary
from importers.policy import import_policy_file
from models import User
from runtime.database import close_database, migrate_database, open_database
from settings import SETTINGS


class UnknownUserError(Exception):
    """The --changed-by username names no user."""


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "import-policy", help="apply a district grading policy file (TOML)"
    )
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--changed-by",
        metavar="USERNAME",
        help="the user recorded as having changed the course setups",
    )
    parser.set_defaults(handler=_import_policy)


def _import_policy(args: argparse.Namespace) -> int:
    try:
        summary = asyncio.run(_apply(args.file, args.changed_by))
    except (ImportFileError, UnknownUserError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201
        return 2
    print(summary.render())  # noqa: T201
    return 0


async def _apply(path: Path, username: str | None) -> ImportSummary:
    await migrate_database(SETTINGS.database_url)
    await open_database(SETTINGS.database_url)
    try:
        changed_by = await _user(username)
        return await import_policy_file(path, changed_by=changed_by)
    finally:
        await close_database()


async def _user(username: str | None) -> User | None:
    if username is None:
        return None
    user = await User.get_or_none(username=username)
    if user is None:
        raise UnknownUserError(f"no user named {username!r}")
    return user
