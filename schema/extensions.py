"""Schema extensions: authentication, error masking and request-size limits."""

from collections.abc import Callable, Iterator

from graphql import ExecutionResult
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from schema.context import Context
from schema.errors import UnauthenticatedError, is_expected

# calendar > courses > edges > node > sections > edges > node > categories >
# courseCategory > gradingTasks > name is 11 deep; leave room for fragments.
MAX_DEPTH = 14
MAX_ALIASES = 30
MAX_TOKENS = 5000


class Authentication(SchemaExtension):
    """Refuse every operation of an anonymous caller before any resolver runs.

    The refusal is an UNAUTHENTICATED error with no data, sent with HTTP 200
    like every other GraphQL error, so clients handle it in one place.
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and context.user is not None:
            context.start_operation()
        else:
            error = UnauthenticatedError()
            self.execution_context.result = ExecutionResult(data=None, errors=[error])
        yield


def _mask_unexpected_errors() -> SchemaExtension:
    return MaskErrors(should_mask_error=lambda error: not is_expected(error))


EXTENSIONS: list[Callable[[], SchemaExtension]] = [
    Authentication,
    _mask_unexpected_errors,
    lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
    lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
]
