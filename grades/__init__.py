"""Students' grades: the in-progress calculator and the impact of a push on it.

Plain code over frozen dataclasses, so the Course Awaiting Push Report and the
GraphQL layer can both call it; only `grades.loading` touches the database.
"""
