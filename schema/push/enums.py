"""The push enumerations, registered as GraphQL enums under their own names.

Push types import the enums from here, which guarantees they are registered
before any type uses them.
"""

from enum import StrEnum

import strawberry

from models.push_request import PushStatus, SectionOutcome

strawberry.enum(
    PushStatus,
    description=(
        "Where a push request is: queued, running, then completed, completed"
        " with errors, failed or cancelled."
    ),
)
strawberry.enum(SectionOutcome, description="What a push request did to one section.")


@strawberry.enum(description="The kind of one change a push made to a section.")
class SectionChangeKind(StrEnum):
    """The `kind` values of the change records that push/changes.py writes."""

    CATEGORY_CREATED = "category_created"
    CATEGORY_UPDATED = "category_updated"
    CATEGORY_RENAMED = "category_renamed"
    CATEGORY_DELETED = "category_deleted"
    CATEGORY_KEPT_IN_USE = "category_kept_in_use"
    CALC_OPTION = "calc_option"
    COMPOSITE = "composite"
    ADVISORY = "advisory"


@strawberry.enum(description="Whether a term's calc option or composite was set.")
class TermValueAction(StrEnum):
    SET = "set"
    REMOVED = "removed"


__all__ = ["PushStatus", "SectionChangeKind", "SectionOutcome", "TermValueAction"]
