"""`gradepush create-user` and `gradepush create-token`: who may use the API.

A token is printed once, when it is created; only its hash is stored, so a
lost token is replaced by creating another one.
"""

import argparse
import asyncio
import sys
from collections.abc import Awaitable
from typing import TypeVar

from auth.tokens import issue_token
from auth.users import UserSetupError, create_user
from models import Role, User
from runtime.database import close_database, open_database
from settings import load_settings

ResultT = TypeVar("ResultT")


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    user = subparsers.add_parser("create-user", help="create an API user")
    user.add_argument("--username", required=True)
    user.add_argument("--role", required=True, choices=[role.value for role in Role])
    user.add_argument("--display-name", help="name shown in the UI (default: username)")
    user.add_argument(
        "--school",
        action="append",
        default=[],
        metavar="SOURCE_ID",
        help="a school the school administrator runs (repeatable)",
    )
    user.set_defaults(handler=_create_user)

    token = subparsers.add_parser("create-token", help="issue a token for a user")
    token.add_argument("--username", required=True)
    token.add_argument("--label", default="cli", help="what the token is for")
    token.set_defaults(handler=_create_token)


def _create_user(args: argparse.Namespace) -> int:
    try:
        user = _with_database(
            create_user(args.username, Role(args.role), args.school, args.display_name)
        )
    except UserSetupError as error:
        print(f"Cannot create user: {error}", file=sys.stderr)  # noqa: T201
        return 1
    print(f"Created {user.role.value} {user.username}")  # noqa: T201
    return 0


def _create_token(args: argparse.Namespace) -> int:
    token = _with_database(_issue_for(args.username, args.label))
    if token is None:
        print(f"No user named {args.username!r}", file=sys.stderr)  # noqa: T201
        return 1
    print(token)  # noqa: T201
    return 0


async def _issue_for(username: str, label: str) -> str | None:
    user = await User.get_or_none(username=username)
    return await issue_token(user, label) if user else None


def _with_database(work: Awaitable[ResultT]) -> ResultT:
    async def run() -> ResultT:
        await open_database(load_settings().database_url)
        try:
            return await work
        finally:
            await close_database()

    return asyncio.run(run())
