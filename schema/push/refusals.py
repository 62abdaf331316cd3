"""Turning what the caller got wrong into typed user errors.

A mutation raises RefusedError anywhere in its steps; its resolver catches it
once and returns the payload with the error, so nothing is half done.
"""

import logging

import strawberry
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

import models
from auth.rights import visible_calendars
from push.errors import PushAlreadyActiveError, PushRequestError
from schema.errors import InvalidIdError
from schema.push.arguments import IDEMPOTENCY_KEY_MAX_LENGTH
from schema.push.types import GLOBAL_TYPE
from schema.relay import decode_global_id, global_id
from schema.user_errors import UserError, not_found, user_error

logger = logging.getLogger(__name__)


class RefusedError(Exception):
    """A mutation refused for a reason the caller can fix."""

    def __init__(self, error: UserError) -> None:
        super().__init__(error.message)
        self.error = error


def decode_id_argument(value: strawberry.ID, type_name: str, argument: str) -> int:
    """The primary key inside a global id argument, or an INVALID_ID refusal."""
    try:
        return decode_global_id(value, type_name)
    except InvalidIdError as error:
        raise RefusedError(user_error("INVALID_ID", error.message, argument)) from None


def check_idempotency_key(key: str | None) -> None:
    if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH:
        message = (
            f"An idempotency key has 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} characters,"
            f" not {len(key)}."
        )
        raise RefusedError(
            user_error("INVALID_IDEMPOTENCY_KEY", message, "idempotencyKey")
        )


def manageable_push_requests(viewer: models.User) -> QuerySet[models.PushRequest]:
    """The requests of the calendars the viewer may push; none for a teacher."""
    if viewer.role == models.Role.TEACHER:
        return models.PushRequest.filter(id__in=[])
    calendars = Subquery(visible_calendars(viewer).values("id"))
    return models.PushRequest.filter(calendar_id__in=calendars)


async def manageable_push_request(
    viewer: models.User, value: strawberry.ID
) -> models.PushRequest:
    """The request an `id` argument names; NOT_FOUND when the viewer may not push it."""
    pk = decode_id_argument(value, GLOBAL_TYPE, "id")
    request = await manageable_push_requests(viewer).get_or_none(id=pk)
    if request is None:
        raise RefusedError(not_found("push request", "id"))
    return request


def refusal(error: PushRequestError, argument: str | None = None) -> RefusedError:
    """The user error for an engine refusal; `argument` overrides its field."""
    field = argument or error.field
    message = str(error)
    if isinstance(error, PushAlreadyActiveError) and error.active_request_id:
        active = global_id(GLOBAL_TYPE, error.active_request_id)
        message = f"{message} Its id is {active}."
    logger.info("push refused (%s): %s", error.code, message)
    fields = (field,) if field else ()
    return RefusedError(user_error(error.code, message, *fields))
