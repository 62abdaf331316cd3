"""`gradepush load-demo`: fill the database with a generated demo district."""

import argparse
import asyncio
import dataclasses

from demo.generator import (
    DemoDistrictExistsError,
    database_is_empty,
    generate_district,
)
from demo.spec import SIZE_PRESETS, DemoUsers, DistrictSpec
from runtime.database import close_database, migrate_database, open_database
from settings import SETTINGS

SIZE_OPTIONS = {
    "schools": "schools",
    "courses": "courses_per_calendar",
    "sections": "sections_per_course",
    "students": "students_per_section",
    "seed": "seed",
}


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "load-demo", help="generate a demo district (same seed, same district)"
    )
    parser.add_argument(
        "--size",
        choices=sorted(SIZE_PRESETS),
        help="preset: S=100 courses x 5 sections, M=500x8, L=2000x10",
    )
    for option, field in SIZE_OPTIONS.items():
        parser.add_argument(f"--{option}", type=int, dest=field, metavar="N")
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing when the database already holds schools",
    )
    parser.set_defaults(handler=_load_demo)


def spec_from_args(args: argparse.Namespace) -> DistrictSpec:
    """The preset (or the small default), with any size option given on top."""
    spec = SIZE_PRESETS[args.size] if args.size else DistrictSpec()
    given = {
        field: getattr(args, field)
        for field in SIZE_OPTIONS.values()
        if getattr(args, field) is not None
    }
    return dataclasses.replace(spec, **given)


def _load_demo(args: argparse.Namespace) -> int:
    return asyncio.run(_load(spec_from_args(args), args.if_empty))


async def _load(spec: DistrictSpec, if_empty: bool) -> int:
    await migrate_database(SETTINGS.database_url)
    await open_database(SETTINGS.database_url)
    try:
        if if_empty and not await database_is_empty():
            print("The database already holds schools; demo not loaded.")  # noqa: T201
            return 0
        district = await generate_district(spec)
    except DemoDistrictExistsError as error:
        print(f"Not loaded: {error}.")  # noqa: T201
        return 1
    finally:
        await close_database()
    print(district.render())  # noqa: T201
    print(f"Demo users: {', '.join(_usernames(district.users))}")  # noqa: T201
    return 0


def _usernames(users: DemoUsers) -> list[str]:
    return [str(value) for value in dataclasses.asdict(users).values()]
