"""The engine's notion of now, in one place so tests can pin it."""

import datetime


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def today() -> datetime.date:
    return now().date()
