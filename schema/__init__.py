"""The GraphQL API: `schema` is what the server serves and what is exported.

Each area of the API declares its own query, mutation and subscription types;
the root types here are composed from them, so an area is added in one line.
"""

from decimal import Decimal

import strawberry
from strawberry.schema.config import StrawberryConfig

from schema.error_logging import LoggedSchema
from schema.extensions import EXTENSIONS
from schema.notifications import NotificationMutations, NotificationQueries
from schema.push.mutations import PushMutations
from schema.push.queries import PushQueries
from schema.queries import ReadQueries
from schema.report import ReportQueries
from schema.scalars import DECIMAL_SCALAR
from schema.setup_editing import CourseSetupMutations, SectionSetupMutations
from schema.subscriptions import LiveSubscriptions, SubscriptionsOverWebSocket


def _root(name: str, description: str, areas: tuple[type, ...]) -> type:
    """One root type carrying the fields of every area, described once."""
    return strawberry.type(type(name, areas, {}), description=description)


Query = _root(
    "Query",
    "Everything a caller can read.",
    (ReadQueries, NotificationQueries, PushQueries, ReportQueries),
)
Mutation = _root(
    "Mutation",
    "Everything a caller can change.",
    (
        NotificationMutations,
        PushMutations,
        CourseSetupMutations,
        SectionSetupMutations,
    ),
)
Subscription = _root(
    "Subscription", "Live updates over WebSocket.", (LiveSubscriptions,)
)

schema = LoggedSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[*EXTENSIONS, SubscriptionsOverWebSocket],
    config=StrawberryConfig(scalar_map={Decimal: DECIMAL_SCALAR}),
)

__all__ = ["schema"]
