"""The answers of the push mutations: the request, or what to fix."""

from typing import Self

import strawberry

import models
from schema.push.types import PushRequest
from schema.user_errors import UserError


@strawberry.type(description="A push request, or the reasons it was refused.")
class PushRequestPayload:
    push_request: PushRequest | None = strawberry.field(
        description="The push request; null when the mutation was refused."
    )
    errors: list[UserError] = strawberry.field(
        description="What the caller must fix; empty on success."
    )

    @classmethod
    def done(cls, request: models.PushRequest) -> Self:
        return cls(push_request=PushRequest.from_model(request), errors=[])

    @classmethod
    def refused(cls, error: UserError) -> Self:
        return cls(push_request=None, errors=[error])


@strawberry.type(
    description="The answer to pushAllCourses: the queued request, or the first"
    " one submitted with the same idempotency key."
)
class PushAllCoursesPayload(PushRequestPayload):
    pass


@strawberry.type(
    description="The answer to pushCourseToSections: the queued request, or the"
    " first one submitted with the same idempotency key."
)
class PushCourseToSectionsPayload(PushRequestPayload):
    pass


@strawberry.type(
    description="The answer to cancelPushRequest: the request, cancelled or"
    " stopping after the batch of courses in hand."
)
class CancelPushRequestPayload(PushRequestPayload):
    pass


@strawberry.type(
    description="The answer to retryFailedSections: the new request for the"
    " failed sections."
)
class RetryFailedSectionsPayload(PushRequestPayload):
    pass
