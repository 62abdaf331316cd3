"""The GraphQL API: `schema` is what the server serves and what is exported."""

from decimal import Decimal

import strawberry
from strawberry.schema.config import StrawberryConfig

from schema.extensions import EXTENSIONS
from schema.queries import Query
from schema.scalars import DECIMAL_SCALAR

schema = strawberry.Schema(
    query=Query,
    extensions=EXTENSIONS,
    config=StrawberryConfig(scalar_map={Decimal: DECIMAL_SCALAR}),
)

__all__ = ["schema"]
