"""Relay building blocks: opaque global ids and paginated connections.

A global id is the base64 of `Type:pk`; clients must treat it as opaque. A
cursor is the base64 of `offset:N`, the position of the edge in its list.
Both are read back only in the exact form this module writes them, and only
with numbers a 32-bit id column holds, so that a forged one is a caller error
rather than a database fault.
"""

import base64
import re
from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

import strawberry
from tortoise.models import Model
from tortoise.queryset import QuerySet

from schema.errors import InvalidIdError, InvalidPageError

NodeT = TypeVar("NodeT")
ModelT = TypeVar("ModelT", bound=Model)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FIRST_DESCRIPTION = (
    f"How many items to return, at most {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
)
AFTER_DESCRIPTION = "Return the items after this cursor (an edge's `cursor`)."
_CURSOR_PREFIX = "offset:"
# Ids and offsets are 32-bit integer columns in the database.
MAX_ID = 2**31 - 1
_CANONICAL_NUMBER = re.compile(r"0|[1-9][0-9]{0,9}")

First = Annotated[int | None, strawberry.argument(description=FIRST_DESCRIPTION)]
After = Annotated[str | None, strawberry.argument(description=AFTER_DESCRIPTION)]


def global_id(type_name: str, pk: int) -> strawberry.ID:
    raw = f"{type_name}:{pk}".encode()
    return strawberry.ID(base64.b64encode(raw).decode())


def decode_global_id(value: str, type_name: str) -> int:
    """The primary key inside a global id of `type_name`, or InvalidIdError.

    Only the id `global_id` gives for a key in 1..MAX_ID is accepted: a second
    spelling of the same key would defeat caches keyed by id.
    """
    found_type, _, digits = (_b64decode(value) or "").partition(":")
    pk = _number(digits)
    if found_type != type_name or not pk or global_id(type_name, pk) != value:
        raise InvalidIdError(f"{value!r} is not a valid {type_name} id.")
    return pk


def _number(digits: str) -> int | None:
    """The number written in plain ASCII digits, if it is in 0..MAX_ID.

    `str.isdigit` also accepts digits of other scripts and superscripts, and
    `int` accepts signs, spaces and underscores: none of them is ours.
    """
    if _CANONICAL_NUMBER.fullmatch(digits) is None:
        return None
    number = int(digits)
    return number if number <= MAX_ID else None


def _b64decode(value: str) -> str | None:
    try:
        return base64.b64decode(value, validate=True).decode()
    except ValueError:  # binascii.Error, non-ASCII input or non-UTF-8 bytes
        return None


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow this page."
    )
    has_previous_page: bool = strawberry.field(
        description="True when items come before this page."
    )
    start_cursor: str | None = strawberry.field(
        description="The cursor of the first edge, null on an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last edge: pass it as `after` for the next page."
    )


@strawberry.type(description="One item of a page and its position.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, in Relay connection form.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items of the page.")
    page_info: PageInfo = strawberry.field(description="Where the page sits.")
    total_count: int = strawberry.field(
        description="How many items the whole list holds."
    )


def _cursor(offset: int) -> str:
    return base64.b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def _offset_after(after: str | None) -> int:
    if after is None:
        return 0
    decoded = _b64decode(after) or ""
    offset = _number(decoded.removeprefix(_CURSOR_PREFIX))
    if offset is None or offset == MAX_ID or _cursor(offset) != after:
        raise InvalidPageError(f"{after!r} is not a valid cursor.")
    return offset + 1


def page_bounds(first: int | None, after: str | None) -> tuple[int, int]:
    """The offset and size of the requested page; bad arguments are caller errors."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise InvalidPageError(
            f"`first` must be between 0 and {MAX_PAGE_SIZE}, not {size}."
        )
    return _offset_after(after), size


def build_connection(
    nodes: Sequence[NodeT], offset: int, total_count: int
) -> Connection[NodeT]:
    """A connection over one page of nodes that starts at `offset`."""
    edges = [
        Edge(cursor=_cursor(offset + index), node=node)
        for index, node in enumerate(nodes)
    ]
    page_info = PageInfo(
        has_next_page=offset + len(nodes) < total_count,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=page_info, total_count=total_count)


def connection_from_list(
    items: Sequence[NodeT], first: int | None, after: str | None
) -> Connection[NodeT]:
    """Page through a list already in memory (children loaded by a DataLoader)."""
    offset, size = page_bounds(first, after)
    return build_connection(items[offset : offset + size], offset, len(items))


async def page_of_queryset(
    queryset: QuerySet[ModelT], first: int | None, after: str | None
) -> tuple[list[ModelT], int, int]:
    """One page of an ordered queryset: its rows, offset and the total count."""
    offset, size = page_bounds(first, after)
    total_count = await queryset.count()
    rows = await queryset.offset(offset).limit(size) if size else []
    return rows, offset, total_count


async def connection_of_queryset(
    queryset: QuerySet[ModelT],
    first: int | None,
    after: str | None,
    node: Callable[[ModelT], NodeT],
) -> Connection[NodeT]:
    """A connection over one page of an ordered queryset, each row as a node."""
    rows, offset, total_count = await page_of_queryset(queryset, first, after)
    return build_connection([node(row) for row in rows], offset, total_count)
