"""The GraphQL object types, one module per part of the domain."""
