"""The batch queue as the caller may see it: requests of calendars they push."""

from typing import Annotated

import strawberry

from schema.context import ApiInfo
from schema.fields import resolver
from schema.push.enums import PushStatus
from schema.push.refusals import manageable_push_requests
from schema.push.types import GLOBAL_TYPE, PushRequest
from schema.relay import (
    After,
    Connection,
    First,
    connection_of_queryset,
    decode_global_id,
)


@strawberry.type(description="The batch queue.")
class PushQueries:
    @resolver(
        "Push requests of the calendars the caller administers, newest first;"
        " empty for a teacher."
    )
    async def push_requests(
        self,
        info: ApiInfo,
        calendar_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only requests of this Calendar."),
        ] = None,
        status: Annotated[
            PushStatus | None,
            strawberry.argument(description="Only requests in this status."),
        ] = None,
        requested_by_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only requests submitted by this User."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[PushRequest]:
        requests = manageable_push_requests(info.context.viewer)
        if calendar_id is not None:
            requests = requests.filter(
                calendar_id=decode_global_id(calendar_id, "Calendar")
            )
        if status is not None:
            requests = requests.filter(status=status)
        if requested_by_id is not None:
            requests = requests.filter(
                requested_by_id=decode_global_id(requested_by_id, "User")
            )

        ordered = requests.order_by("-created_at", "-id")
        return await connection_of_queryset(
            ordered, first, after, PushRequest.from_model
        )

    @resolver("One push request; null when missing or not the caller's to manage.")
    async def push_request(
        self,
        info: ApiInfo,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The global id of a PushRequest."),
        ],
    ) -> PushRequest | None:
        pk = decode_global_id(id, GLOBAL_TYPE)
        found = await manageable_push_requests(info.context.viewer).get_or_none(id=pk)
        return PushRequest.from_model(found) if found else None
