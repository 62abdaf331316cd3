"""Typed user errors: what a mutation hands back for anything the caller can fix.

Mutations return a payload with the object and a list of these; an empty list
means success. Faults of ours stay GraphQL errors, masked in production.
"""

import strawberry


@strawberry.type(description="A problem with the request that the caller can fix.")
class UserError:
    code: str = strawberry.field(
        description="A stable, machine-readable code, e.g. PUSH_ALREADY_ACTIVE."
    )
    message: str = strawberry.field(description="What is wrong, in plain words.")
    field: list[str] | None = strawberry.field(
        description="The path of the input field at fault, if one is."
    )


def user_error(code: str, message: str, *field: str) -> UserError:
    return UserError(code=code, message=message, field=list(field) or None)


def not_found(type_name: str, *field: str) -> UserError:
    """The same answer for a missing object and one outside the caller's rights."""
    return user_error("NOT_FOUND", f"No {type_name} with that id.", *field)
