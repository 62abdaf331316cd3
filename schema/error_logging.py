"""How GraphQL errors reach the operator's log.

A caller's mistake (a bad id, a missing token, a query over a limit) is theirs
to fix and is answered in the response, so it is logged at INFO in one line.
Only our own faults are logged at ERROR, with the traceback an operator needs.
"""

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from schema.errors import is_expected

logger = logging.getLogger("gradepush.graphql")


class LoggedSchema(strawberry.Schema):
    """A schema that logs caller mistakes quietly and faults loudly."""

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        operation = execution_context.operation_name if execution_context else None
        for error in errors:
            if is_expected(error):
                code = (error.extensions or {}).get("code", "GRAPHQL_ERROR")
                logger.info(
                    "refused %s: %s (%s)", operation or "operation", error, code
                )
            else:
                logger.error(
                    "fault in %s at %s: %s",
                    operation or "operation",
                    ".".join(str(step) for step in error.path or ()) or "-",
                    error.message,
                    exc_info=error.original_error,
                )
