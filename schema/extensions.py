"""Schema extensions: authentication, limits, operation choice, production mode."""

from collections.abc import Callable, Iterator

from graphql import ExecutionResult
from strawberry.extensions import MaxTokensLimiter, SchemaExtension

from schema.context import Context
from schema.errors import UnauthenticatedError
from schema.limits import MAX_TOKENS, OperationLimiter, QueryLengthLimiter
from schema.operation_name import OperationNameRequired
from schema.production import HideSchemaInProduction, MaskFaultsInProduction


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


EXTENSIONS: list[Callable[[], SchemaExtension]] = [
    Authentication,
    MaskFaultsInProduction,
    HideSchemaInProduction,
    QueryLengthLimiter,
    lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    OperationLimiter,
    OperationNameRequired,
]
