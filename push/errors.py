"""What a caller can get wrong when submitting or managing a push.

Each error carries a stable code and the input field it is about, so the
GraphQL layer can hand it to the front end as a typed user error.
"""


class PushRequestError(Exception):
    """A push request was refused for a reason the caller can fix."""

    code = "PUSH_REFUSED"
    field: str | None = None


class NothingToPushError(PushRequestError):
    """No component (categories, calc options, composites, advisory) was ticked."""

    code = "EMPTY_OPTIONS"
    field = "options"

    def __init__(self) -> None:
        super().__init__("Tick at least one component to push.")


class CalendarInSessionError(PushRequestError):
    """The calendar has started and the request did not acknowledge it."""

    code = "IN_SESSION_NOT_ACKNOWLEDGED"
    field = "acknowledgeInSession"

    def __init__(self, calendar_name: str, start: str, ended: str | None) -> None:
        when = (
            f"ran from {start} to {ended}"
            if ended
            else f"has been in session since {start}"
        )
        super().__init__(
            f"Calendar {calendar_name} {when}: calc option and composite changes"
            " can change students' grades. Resubmit with acknowledgeInSession: true"
            " to push anyway."
        )


class PushAlreadyActiveError(PushRequestError):
    """Another push of the same calendar is queued or running."""

    code = "PUSH_ALREADY_ACTIVE"

    def __init__(self, active_request_id: int | None, calendar_name: str) -> None:
        self.active_request_id = active_request_id
        super().__init__(
            f"Push request {active_request_id} is already active for calendar"
            f" {calendar_name}; wait for it to finish or cancel it."
        )


class IdempotencyKeyReusedError(PushRequestError):
    """The key already names a request for another calendar, course or options.

    Returning that request would tell the caller their new push was queued.
    """

    code = "IDEMPOTENCY_KEY_REUSED"
    field = "idempotencyKey"

    def __init__(self, request_id: int) -> None:
        super().__init__(
            f"This idempotency key was already used for push request {request_id},"
            " which pushes another calendar, course or set of options. Use a new"
            " key for each push you mean to submit."
        )


class PushNotActiveError(PushRequestError):
    """Only a queued or running request can be cancelled."""

    code = "PUSH_NOT_ACTIVE"

    def __init__(self, request_id: int, status: str) -> None:
        super().__init__(f"Push request {request_id} has already ended ({status}).")


class NoFailedSectionsError(PushRequestError):
    """A retry needs a finished request with failed sections."""

    code = "NO_FAILED_SECTIONS"

    def __init__(self, request_id: int, reason: str) -> None:
        super().__init__(f"Push request {request_id} {reason}.")
