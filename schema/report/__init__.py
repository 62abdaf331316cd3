"""The Course Awaiting Push Report and the grade impact of a push, as queries."""

from schema.report.queries import ReportQueries

__all__ = ["ReportQueries"]
