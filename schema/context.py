"""The context every resolver sees: who is asking and the operation's loaders."""

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.types import Info

from models import User
from schema.errors import UnauthenticatedError
from schema.loaders import Loaders


@dataclass
class Context:
    """One per HTTP request, or one per WebSocket connection for all its operations.

    `user` is None until a valid token was shown; the authentication extension
    refuses every operation until then, so resolvers use `viewer` and `loaders`.
    `production` hides the schema and masks faults (see `schema.production`).
    """

    request: Request | WebSocket
    user: User | None = None
    production: bool = False
    connection_params: dict[str, object] | None = None
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def viewer(self) -> User:
        if self.user is None:
            raise UnauthenticatedError()
        return self.user

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            raise UnauthenticatedError()
        return self._loaders

    def start_operation(self) -> None:
        """Give the coming operation fresh loaders, scoped to the viewer's rights."""
        self._loaders = Loaders(self.viewer)


ApiInfo = Info[Context, None]
