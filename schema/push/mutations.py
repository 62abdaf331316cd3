"""The push mutations: submit, cancel and retry push requests."""

from typing import Annotated

import strawberry

from schema.context import ApiInfo
from schema.fields import resolver
from schema.push.arguments import (
    Acknowledge,
    IdempotencyKey,
    Options,
    PushRequestId,
)
from schema.push.payloads import (
    CancelPushRequestPayload,
    PushAllCoursesPayload,
    PushCourseToSectionsPayload,
    RetryFailedSectionsPayload,
)
from schema.push.push_request_cancel import cancel_request
from schema.push.push_request_retry import retry_request
from schema.push.push_request_submit import push_calendar, push_course
from schema.push.refusals import RefusedError


@strawberry.type(description="Pushing course setup to sections.")
class PushMutations:
    @resolver("Queue a push of every course of a calendar to its sections.")
    async def push_all_courses(
        self,
        info: ApiInfo,
        calendar_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The global id of a Calendar."),
        ],
        options: Options = None,
        acknowledge_in_session: Acknowledge = False,
        idempotency_key: IdempotencyKey = None,
    ) -> PushAllCoursesPayload:
        try:
            request = await push_calendar(
                info.context.viewer,
                calendar_id,
                options,
                acknowledge_in_session,
                idempotency_key,
            )
        except RefusedError as refused:
            return PushAllCoursesPayload.refused(refused.error)
        return PushAllCoursesPayload.done(request)

    @resolver("Queue a push of one course to its sections.")
    async def push_course_to_sections(
        self,
        info: ApiInfo,
        course_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The global id of a Course."),
        ],
        options: Options = None,
        acknowledge_in_session: Acknowledge = False,
        idempotency_key: IdempotencyKey = None,
    ) -> PushCourseToSectionsPayload:
        try:
            request = await push_course(
                info.context.viewer,
                course_id,
                options,
                acknowledge_in_session,
                idempotency_key,
            )
        except RefusedError as refused:
            return PushCourseToSectionsPayload.refused(refused.error)
        return PushCourseToSectionsPayload.done(request)

    @resolver(
        "Cancel a push request: a queued one at once, a running one after the"
        " batch of courses in hand (what was pushed stays pushed)."
    )
    async def cancel_push_request(
        self, info: ApiInfo, id: PushRequestId
    ) -> CancelPushRequestPayload:
        try:
            request = await cancel_request(info.context.viewer, id)
        except RefusedError as refused:
            return CancelPushRequestPayload.refused(refused.error)
        return CancelPushRequestPayload.done(request)

    @resolver("Queue a new push request for the failed sections of a finished one.")
    async def retry_failed_sections(
        self,
        info: ApiInfo,
        id: PushRequestId,
        idempotency_key: IdempotencyKey = None,
    ) -> RetryFailedSectionsPayload:
        try:
            request = await retry_request(info.context.viewer, id, idempotency_key)
        except RefusedError as refused:
            return RetryFailedSectionsPayload.refused(refused.error)
        return RetryFailedSectionsPayload.done(request)
