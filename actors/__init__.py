"""Dramatiq actors: thin wrappers that run push engine steps in the background.

Importing this package selects the broker first (`actors.broker`), because an
actor binds to whatever broker is current when it is declared.
"""

from actors import broker as _broker  # noqa: F401  (must precede the actors)
