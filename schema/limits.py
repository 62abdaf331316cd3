"""Abuse limits: how long, deep, wide, paged and costly one operation may be.

Every limit is checked before any resolver runs, anonymous callers included.
The walks through fragments remember each fragment's shape, so their cost
grows with the size of the document; Strawberry's own depth and alias
limiters walk a fragment again at every spread, which a short chain of
fragments that each spread the next twice turns into minutes of work.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    Node,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    ValueNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from schema.errors import InvalidPageError
from schema.relay import MAX_PAGE_SIZE

MAX_QUERY_LENGTH = 20_000
MAX_TOKENS = 5_000
# calendar > courses > edges > node > sections > edges > node > categories >
# courseCategory > gradingTasks > name is 11 deep; leave room for fragments.
MAX_DEPTH = 14
MAX_ALIASES = 30
# A request body holds the query and its variables; both are small in practice.
MAX_BODY_BYTES = 1_000_000
# Root fields that plan a push of a whole calendar or compute grades: one of
# them costs what thousands of plain reads do.
EXPENSIVE_FIELDS = ("awaitingPush", "sectionGradeImpact")
MAX_EXPENSIVE_FIELDS = 1


class LimitExceededError(GraphQLError):
    """An operation larger than this API serves; the caller should split it."""

    def __init__(self, message: str, node: Node | None = None) -> None:
        super().__init__(message, node, extensions={"code": "LIMIT_EXCEEDED"})


class QueryLengthLimiter(SchemaExtension):
    """Refuse a query text too long to be worth parsing at all."""

    def on_parse(self) -> Iterator[None]:
        length = len(self.execution_context.query or "")
        if length > MAX_QUERY_LENGTH:
            raise LimitExceededError(
                f"The query is {length} characters long; "
                f"at most {MAX_QUERY_LENGTH} are allowed."
            )
        yield


class OperationLimiter(SchemaExtension):
    """Refuse operations too deep, with too many aliases or expensive fields, or
    asking for big pages.

    Page sizes are checked here, with the operation's variables, so that an
    oversized page deep inside a query fails the whole operation up front
    instead of after the outer resolvers ran.
    """

    def on_operation(self) -> Iterator[None]:
        variables = self.execution_context.variables or {}
        self.execution_context.validation_rules = (
            *self.execution_context.validation_rules,
            _ShapeRule,
            _ExpensiveFieldRule,
            _page_size_rule(variables),
        )
        yield


@dataclass(frozen=True)
class _Shape:
    """How deep a selection reaches and how many aliases it holds."""

    depth: int = 0
    aliases: int = 0


class _ShapeWalker:
    """Measures operations, walking each fragment of the document once."""

    def __init__(self, document: DocumentNode) -> None:
        self._fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self._measured: dict[str, _Shape] = {}
        self._walking: set[str] = set()

    def measure(self, operation: OperationDefinitionNode) -> _Shape:
        return self._selections(operation.selection_set)

    def _selections(self, selection_set: SelectionSetNode | None) -> _Shape:
        depth = aliases = 0
        for selection in selection_set.selections if selection_set else ():
            shape = self._selection(selection)
            depth = max(depth, shape.depth)
            aliases += shape.aliases
        return _Shape(depth, aliases)

    def _selection(self, selection: SelectionNode) -> _Shape:
        if isinstance(selection, FragmentSpreadNode):
            return self._fragment(selection.name.value)
        if isinstance(selection, InlineFragmentNode):
            return self._selections(selection.selection_set)

        assert isinstance(selection, FieldNode)
        inner = self._selections(selection.selection_set)

        # Introspection (GraphiQL's schema query is deep) is cheap and is
        # switched off in production; it does not count towards the depth.
        own_depth = 0 if selection.name.value.startswith("__") else 1 + inner.depth
        return _Shape(own_depth, inner.aliases + (1 if selection.alias else 0))

    def _fragment(self, name: str) -> _Shape:
        if name in self._measured:
            return self._measured[name]

        fragment = self._fragments.get(name)
        if fragment is None or name in self._walking:
            # Unknown and cyclic spreads are refused by the standard rules.
            return _Shape()

        self._walking.add(name)
        shape = self._selections(fragment.selection_set)
        self._walking.discard(name)
        self._measured[name] = shape
        return shape


class _ShapeRule(ValidationRule):
    """Depth per operation, aliases over the whole document."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        walker = _ShapeWalker(context.document)
        aliases = 0
        for definition in context.document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                shape = walker.measure(definition)
                aliases += shape.aliases
                self._check_depth(definition, shape.depth)
        if aliases > MAX_ALIASES:
            self.report_error(
                LimitExceededError(
                    f"The document uses {aliases} aliases; "
                    f"at most {MAX_ALIASES} are allowed."
                )
            )

    def _check_depth(self, operation: OperationDefinitionNode, depth: int) -> None:
        if depth > MAX_DEPTH:
            name = operation.name.value if operation.name else "anonymous"
            self.report_error(
                LimitExceededError(
                    f"Operation '{name}' is {depth} fields deep; "
                    f"at most {MAX_DEPTH} are allowed."
                )
            )


class _ExpensiveFieldRule(ValidationRule):
    """At most MAX_EXPENSIVE_FIELDS expensive root fields per query operation.

    They are counted by response key, through fragments and inline fragments:
    two selections under one key are merged and resolved once, two aliases
    are resolved twice.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragments = {
            definition.name.value: definition
            for definition in context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        for definition in context.document.definitions:
            if (
                isinstance(definition, OperationDefinitionNode)
                and definition.operation == OperationType.QUERY
            ):
                self._check(definition)

    def _check(self, operation: OperationDefinitionNode) -> None:
        keys: set[str] = set()
        self._collect(operation.selection_set, keys, set())
        if len(keys) > MAX_EXPENSIVE_FIELDS:
            name = operation.name.value if operation.name else "anonymous"
            self.report_error(
                LimitExceededError(
                    f"Operation '{name}' asks for {len(keys)} expensive report"
                    f" fields ({', '.join(EXPENSIVE_FIELDS)}); at most"
                    f" {MAX_EXPENSIVE_FIELDS} is allowed per operation: send"
                    " each in its own request.",
                    operation,
                )
            )

    def _collect(
        self, selection_set: SelectionSetNode, keys: set[str], spread: set[str]
    ) -> None:
        """Add the response keys of expensive fields among the root selections;
        each fragment is walked once, which also ends cyclic spreads."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in EXPENSIVE_FIELDS:
                    keys.add((selection.alias or selection.name).value)
            elif isinstance(selection, InlineFragmentNode):
                self._collect(selection.selection_set, keys, spread)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self._fragments.get(selection.name.value)
                if fragment is not None and fragment.name.value not in spread:
                    spread.add(fragment.name.value)
                    self._collect(fragment.selection_set, keys, spread)


def _page_size_rule(variables: Mapping[str, Any]) -> type[ValidationRule]:
    """A rule checking every `first` argument, literal or given as a variable."""

    class PageSizeRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self._defaults = {
                definition.variable.name.value: definition.default_value
                for operation in context.document.definitions
                if isinstance(operation, OperationDefinitionNode)
                for definition in operation.variable_definitions or ()
            }

        def enter_argument(self, node: ArgumentNode, *_: object) -> None:
            if node.name.value != "first":
                return
            size = self._value(node)
            if isinstance(size, int) and not 0 <= size <= MAX_PAGE_SIZE:
                self.report_error(_page_size_error(size, node))

        def _value(self, node: ArgumentNode) -> object:
            literal: ValueNode | None = node.value
            if isinstance(literal, VariableNode):
                name = literal.name.value
                if name in variables:
                    return variables[name]
                literal = self._defaults.get(name)
            return _int(literal.value) if isinstance(literal, IntValueNode) else None

    return PageSizeRule


def _int(digits: str) -> int | None:
    """The literal's value; None when Python refuses it (thousands of digits),
    which the standard rules then report as not an Int."""
    try:
        return int(digits)
    except ValueError:
        return None


def _page_size_error(size: int, node: ArgumentNode) -> GraphQLError:
    """The error the connection resolvers give, but before any of them runs."""
    return GraphQLError(
        f"`first` must be between 0 and {MAX_PAGE_SIZE}, not {size}.",
        node,
        extensions={"code": InvalidPageError.code},
    )
