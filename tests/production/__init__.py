"""Tests of the production shape: PostgreSQL, Redis and separate processes."""
