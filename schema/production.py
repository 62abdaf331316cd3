"""What production mode keeps from callers: the schema's shape and our faults.

In development introspection, "Did you mean" hints and fault messages help
whoever builds a front end; in production they would map the API for an
attacker and leak internals, so the schema answers only what is asked of it.
"""

import re
from collections.abc import Iterable, Iterator

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.execution import StreamExecutionResult

from schema.context import Context
from schema.errors import is_expected

# graphql-core ends a message with one hint sentence: "Did you mean 'name'?"
_SUGGESTION = re.compile(r"\s*Did you mean\b[^?]*\?")


def in_production(execution_context: ExecutionContext) -> bool:
    context = execution_context.context
    return isinstance(context, Context) and context.production


class HideSchemaInProduction(SchemaExtension):
    """No introspection and no name suggestions in production.

    Results over HTTP are cleaned when the operation ends; results streamed
    over a WebSocket are cleaned one by one, before they are sent.
    """

    def on_operation(self) -> Iterator[None]:
        production = in_production(self.execution_context)
        if production:
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield
        if production:
            _remove_suggestions(self.execution_context.pre_execution_errors)
            _remove_suggestions(getattr(self.execution_context.result, "errors", None))

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        if in_production(self.execution_context):
            _remove_suggestions(getattr(result, "errors", None))
        yield


def _remove_suggestions(errors: Iterable[GraphQLError] | None) -> None:
    for error in errors or ():
        error.message = _SUGGESTION.sub("", error.message)


class MaskFaultsInProduction(MaskErrors):
    """In production a fault of ours reaches the caller as "Unexpected error."."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=self._is_masked)

    def _is_masked(self, error: GraphQLError) -> bool:
        return in_production(self.execution_context) and not is_expected(error)
