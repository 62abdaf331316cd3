"""A document of several operations runs only the one `operationName` names.

The GraphQL spec requires operationName when a document holds more than one
operation. Strawberry instead takes the first operation's name when none was
given (`ExecutionContext.operation_name`), so such a document ran its first
operation, which the caller may not have meant. This rule refuses it during
validation, before any resolver runs, over HTTP and WebSocket alike.
"""

from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode, ValidationContext
from graphql.validation import ValidationRule
from strawberry.extensions import SchemaExtension

from schema.errors import ApiError


class OperationNameRequired(SchemaExtension):
    """Refuse a document of several operations sent without an operationName."""

    def on_operation(self) -> Iterator[None]:
        # Strawberry keeps the name the caller sent only privately; the public
        # `operation_name` falls back to the first operation's.
        if self.execution_context._provided_operation_name is None:
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                _SingleOperationRule,
            )
        yield


class _SingleOperationRule(ValidationRule):
    """Without an operationName the document must hold exactly one operation."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        operations = [
            definition
            for definition in context.document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        if len(operations) > 1:
            self.report_error(_operation_name_required(operations))


def _operation_name_required(
    operations: list[OperationDefinitionNode],
) -> GraphQLError:
    names = ", ".join(
        operation.name.value if operation.name else "anonymous"
        for operation in operations
    )
    return GraphQLError(
        f"The document holds {len(operations)} operations ({names}); "
        "give `operationName` to say which one to run.",
        operations,
        extensions={"code": ApiError.code},
    )
