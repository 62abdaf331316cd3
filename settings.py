"""Process settings, read once from the environment.

Every entry point (server, worker, CLI, tests) reads the same settings so that a
district's operator configures gradepush in one place: environment variables.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

DATA_DIR = Path(os.environ.get("GRADEPUSH_DATA_DIR", "var"))


def _default_database_url() -> str:
    return f"sqlite://{DATA_DIR / 'gradepush.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """What the operator can set; see the README for each variable."""

    database_url: str = field(
        default_factory=lambda: (
            os.environ.get("DATABASE_URL") or _default_database_url()
        )
    )
    redis_url: str | None = field(
        default_factory=lambda: os.environ.get("REDIS_URL") or None
    )
    production: bool = field(
        default_factory=lambda: (
            os.environ.get("GRADEPUSH_ENV", "development") == "production"
        )
    )
    host: str = field(
        default_factory=lambda: os.environ.get("GRADEPUSH_HOST", "127.0.0.1")
    )
    port: int = field(
        default_factory=lambda: int(os.environ.get("GRADEPUSH_PORT", "8000"))
    )
    allowed_origins: tuple[str, ...] = field(
        default_factory=lambda: _origins(os.environ.get("GRADEPUSH_ALLOWED_ORIGINS"))
    )

    sweep_interval_seconds: float = field(
        default_factory=lambda: float(os.environ.get("GRADEPUSH_SWEEP_SECONDS", "30"))
    )
    stale_after_seconds: float = field(
        default_factory=lambda: float(os.environ.get("GRADEPUSH_STALE_SECONDS", "120"))
    )
    # How much a worker process steps back for the servers on a shared machine:
    # 0 (no difference) to 19 (runs only on time nobody else wants).
    worker_niceness: int = field(
        default_factory=lambda: int(os.environ.get("GRADEPUSH_WORKER_NICENESS", "10"))
    )

    @property
    def embedded(self) -> bool:
        """Embedded mode: no Redis configured, so broker and fan-out live in process."""
        return self.redis_url is None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _origins(value: str | None) -> tuple[str, ...]:
    """The browser origins (`https://host[:port]`) that may call the API over
    CORS and open WebSockets, from a comma-separated list."""
    origins = (origin.strip() for origin in (value or "").split(","))
    return tuple(origin for origin in origins if origin)


def load_settings() -> Settings:
    return Settings()


def tortoise_config(database_url: str, *, custom_plans: bool = False) -> dict[str, Any]:
    """The Tortoise config shared by server, worker, CLI, migrations and tests.

    ``custom_plans`` is for the API server: see `_postgres_connection`.
    """
    return {
        "connections": {"default": _connection(database_url, custom_plans)},
        "apps": {
            "models": {
                "models": ["models"],
                "default_connection": "default",
                "migrations": "migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(database_url: str, custom_plans: bool) -> str | dict[str, Any]:
    if database_url.startswith("postgres"):
        return _postgres_connection(database_url) if custom_plans else database_url
    if "busy_timeout" in database_url:
        return database_url
    # Teacher edits made while a push writes must wait for the lock, not fail.
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}busy_timeout=5000"


def _postgres_connection(database_url: str) -> dict[str, Any]:
    """PostgreSQL plans every statement for its own values, never once for all.

    asyncpg prepares each statement; after five runs PostgreSQL may switch it
    to a generic plan fixed against the statistics of that moment. A first
    push of a calendar multiplies the rows of the section tables, and a plan
    chosen before it then reads them the slow way for as long as the
    connection lives: in the benchmark, the API's reads after a push took
    three times as long until the server restarted. The API's statements are
    cheap to plan. Workers keep the default: they run many statements of
    their own shapes, and planning each anew made a push a third slower.
    """
    config = expand_db_url(database_url)
    config["credentials"]["server_settings"] = {"plan_cache_mode": "force_custom_plan"}
    return config


SETTINGS = load_settings()
TORTOISE_ORM = tortoise_config(SETTINGS.database_url)
