"""Bearer tokens: random, shown once, stored only as a SHA-256 hash."""

import hashlib
import secrets

from models import ApiToken, User

TOKEN_PREFIX = "gp_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(user: User, label: str) -> str:
    """Create a token for the user and return it; only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    await ApiToken.create(user=user, token_hash=hash_token(token), label=label)
    return token


async def user_for_token(token: str | None) -> User | None:
    """The user a presented token belongs to, or None for a missing or bad one."""
    if not token:
        return None
    record = await ApiToken.get_or_none(token_hash=hash_token(token)).select_related(
        "user"
    )
    return record.user if record else None
