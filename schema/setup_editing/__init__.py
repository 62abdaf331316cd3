"""Mutations that edit grading setup: the course's, for its administrators, and
a section's own categories, calc options and composites, for its teachers."""

from schema.setup_editing.course_mutations import CourseSetupMutations
from schema.setup_editing.section_mutations import SectionSetupMutations

__all__ = ["CourseSetupMutations", "SectionSetupMutations"]
