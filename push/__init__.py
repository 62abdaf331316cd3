"""The push engine: plan a section's changes, apply a plan, run a push request.

Plain code: neither Strawberry nor Dramatiq is imported here, so the report, the
background push and the tests all share this one engine.
"""
