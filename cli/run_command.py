"""`gradepush run` (what `make run` calls): set up, then serve.

It migrates the database, loads the generated demo district into an empty
database, issues fresh tokens for the demo users (tokens are stored only as
hashes, so earlier demo tokens cannot be shown again and are replaced), prints
how to reach the server, and serves.
"""

import argparse
import asyncio

import uvicorn

from auth.tokens import issue_token
from demo.generator import database_is_empty, generate_district
from demo.spec import DemoUsers, DistrictSpec
from models import ApiToken, User
from runtime.database import close_database, migrate_database, open_database
from settings import SETTINGS

DEMO_TOKEN_LABEL = "demo"


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "run", help="migrate, load the demo district if empty, print tokens, serve"
    )
    parser.add_argument("--host", default=SETTINGS.host)
    parser.add_argument("--port", type=int, default=SETTINGS.port)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    tokens = asyncio.run(_prepare())
    _print_welcome(args.host, args.port, tokens)
    uvicorn.run("server:app", host=args.host, port=args.port, log_level="info")
    return 0


async def _prepare() -> dict[str, str]:
    await migrate_database(SETTINGS.database_url)
    await open_database(SETTINGS.database_url)
    try:
        if await database_is_empty():
            print((await generate_district(DistrictSpec())).render())  # noqa: T201
        return await _issue_demo_tokens(DemoUsers())
    finally:
        await close_database()


async def _issue_demo_tokens(users: DemoUsers) -> dict[str, str]:
    """A fresh token for each demo user that exists, replacing the last ones."""
    tokens: dict[str, str] = {}
    for username in (users.district_admin, users.school_admin, users.teacher):
        user = await User.get_or_none(username=username)
        if user is None:
            continue
        await ApiToken.filter(user=user, label=DEMO_TOKEN_LABEL).delete()
        tokens[username] = await issue_token(user, DEMO_TOKEN_LABEL)
    return tokens


def _print_welcome(host: str, port: int, tokens: dict[str, str]) -> None:
    lines = [
        "",
        f"gradepush is starting at http://{host}:{port}/graphql"
        " (GraphiQL opens there in a browser).",
        "Send a token as the header  Authorization: Bearer <token>",
        "Demo users and their tokens (new ones on every start):",
    ]
    lines += [f"  {username:16} {token}" for username, token in tokens.items()]
    print("\n".join([*lines, ""]), flush=True)  # noqa: T201
