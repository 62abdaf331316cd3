"""Retrying the failed sections of a finished push request as a new request."""

import strawberry

import models
from actors.push import enqueue_push
from push.errors import NoFailedSectionsError, PushRequestError
from push.options import PushOptions
from push.requests import retry_failed_sections, same_push
from schema.push.push_request_submit import first_submitted_with
from schema.push.refusals import manageable_push_request, refusal


async def retry_request(
    viewer: models.User, request_id: strawberry.ID, idempotency_key: str | None
) -> models.PushRequest:
    """Queue the failed sections of a request of a calendar the viewer administers."""
    request = await manageable_push_request(viewer, request_id)

    try:
        if earlier := await first_submitted_with(viewer, idempotency_key):
            await request.fetch_related("calendar", "course")
            options = PushOptions.from_json(request.options)
            return same_push(
                earlier, request.calendar, request.course, options, request
            )
        retry = await retry_failed_sections(request, viewer, idempotency_key)
    except NoFailedSectionsError as error:
        raise refusal(error, "id") from None
    except PushRequestError as error:
        raise refusal(error) from None

    enqueue_push(retry.id)
    return retry
