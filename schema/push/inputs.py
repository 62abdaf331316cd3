"""What a caller sends to submit a push."""

import strawberry

from push.options import PushOptions

IDEMPOTENCY_KEY_MAX_LENGTH = 100


@strawberry.input(description="The components to push; every one is on by default.")
class PushOptionsInput:
    categories: bool = strawberry.field(
        default=True,
        description="Create section copies of the course categories, or bring"
        " them in line.",
    )
    grade_calc_options: bool = strawberry.field(
        default=True, description="Replace section calc options by the course's."
    )
    composite_grades: bool = strawberry.field(
        default=True,
        description="Replace section composites and their weights by the course's.",
    )
    advisory: bool = strawberry.field(
        default=True, description="Set the section advisory flag to the course's."
    )
    overwrite_categories: bool = strawberry.field(
        default=False,
        description="Remove teacher-made categories that hold no assignments.",
    )

    def to_options(self) -> PushOptions:
        return PushOptions(
            categories=self.categories,
            grade_calc_options=self.grade_calc_options,
            composite_grades=self.composite_grades,
            advisory=self.advisory,
            overwrite_categories=self.overwrite_categories,
        )


OPTIONS_DESCRIPTION = "What to push; omitted, every component but overwriting."
ACKNOWLEDGE_DESCRIPTION = (
    "Must be true once the calendar is in session: calc option and composite"
    " changes can change students' grades."
)
IDEMPOTENCY_KEY_DESCRIPTION = (
    f"Any string of at most {IDEMPOTENCY_KEY_MAX_LENGTH} characters; a repeated"
    " key returns the request first submitted with it and queues nothing new."
)
