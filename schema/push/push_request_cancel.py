"""Cancelling a push request: at once when queued, after its course when running."""

import strawberry

import models
from push.errors import PushNotActiveError
from push.requests import cancel_push
from schema.push.refusals import manageable_push_request, refusal


async def cancel_request(
    viewer: models.User, request_id: strawberry.ID
) -> models.PushRequest:
    """Cancel a queued or running request of a calendar the viewer administers."""
    request = await manageable_push_request(viewer, request_id)

    try:
        return await cancel_push(request.id)
    except PushNotActiveError as error:
        raise refusal(error, "id") from None
