"""GraphQL errors a caller can act on, each with a stable `extensions.code`.

Anything else raised in a resolver is a fault of ours: it is logged and masked
before it reaches the caller (see `schema.extensions`).
"""

from graphql import GraphQLError


class ApiError(GraphQLError):
    """A request the caller can fix; `code` tells a front end which case it is."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class UnauthenticatedError(ApiError):
    """No bearer token, or one that belongs to nobody."""

    code = "UNAUTHENTICATED"

    def __init__(self) -> None:
        super().__init__("A valid bearer token is required.")


class InvalidIdError(ApiError):
    """A global id that is malformed or names another type than expected."""


class InvalidPageError(ApiError):
    """A page size out of bounds or a cursor this API did not hand out."""


def is_expected(error: GraphQLError) -> bool:
    """True for errors safe to show as they are: caller mistakes, not our faults."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)
