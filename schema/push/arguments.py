"""The arguments the push mutations share, each with what a caller must know."""

from typing import Annotated

import strawberry

from schema.push_options import PushOptionsInput

IDEMPOTENCY_KEY_MAX_LENGTH = 100

Options = Annotated[
    PushOptionsInput | None,
    strawberry.argument(
        description="What to push; omitted, every component but overwriting."
    ),
]
Acknowledge = Annotated[
    bool,
    strawberry.argument(
        description="Must be true once the calendar is in session: calc option and"
        " composite changes can change students' grades."
    ),
]
IdempotencyKey = Annotated[
    str | None,
    strawberry.argument(
        description=f"Any string of 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} characters; a"
        " repeated key returns the request first submitted with it and queues"
        " nothing new."
    ),
]
PushRequestId = Annotated[
    strawberry.ID, strawberry.argument(description="The global id of a PushRequest.")
]
