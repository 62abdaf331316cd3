"""What the setup-editing mutations answer: the object as saved, or errors."""

import strawberry

from schema.types.course import Course, CourseCalcOptions, CourseCategory
from schema.types.section import Section, SectionCalcOptions, SectionCategory
from schema.user_errors import UserError

ERRORS = "What the caller must fix; empty when the edit was saved."
REFUSED = " Null when the edit was refused."


@strawberry.type(description="The result of creating or changing a course category.")
class CourseCategoryPayload:
    category: CourseCategory | None = strawberry.field(
        description="The category as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of deleting a course category.")
class DeleteCourseCategoryPayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The global id of the deleted category." + REFUSED
    )
    course: Course | None = strawberry.field(
        description="The course it belonged to." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of setting a course's calc options.")
class CourseCalcOptionsPayload:
    calc_options: CourseCalcOptions | None = strawberry.field(
        description="The calc options as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of a course-level edit: the course.")
class CourseSetupPayload:
    course: Course | None = strawberry.field(
        description="The course with its setup as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of creating or changing a section category.")
class SectionCategoryPayload:
    category: SectionCategory | None = strawberry.field(
        description="The category as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of deleting a section category.")
class DeleteSectionCategoryPayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The global id of the deleted category." + REFUSED
    )
    section: Section | None = strawberry.field(
        description="The section it belonged to." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of setting a section's own calc options.")
class SectionCalcOptionsPayload:
    calc_options: SectionCalcOptions | None = strawberry.field(
        description="The calc options as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of a section-level edit: the section.")
class SectionSetupPayload:
    section: Section | None = strawberry.field(
        description="The section with its setup as saved." + REFUSED
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)
