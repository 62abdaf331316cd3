"""Editing a course's setup and a section's teacher-made categories.

Plain code, free of GraphQL and Dramatiq: each edit checks who asks and what
they ask for, then writes in one transaction, so a refused edit writes
nothing. Every course-setup edit is logged as a ``CourseSetupChange``, which
the Course Awaiting Push Report shows as who last changed the course and when.
"""
