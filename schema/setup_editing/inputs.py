"""The inputs of the setup-editing mutations.

Weights are strings, such as "33.33", checked by the edit itself: a weight
that is not a number comes back as a user error on its field, like any other
mistake in a form.
"""

import strawberry

from schema.enums import CalcType, RoundingMode

WEIGHT = (
    'A weight written as a string of plain ASCII decimals, such as "25" or "33.33":'
    " 0 or more, at most two decimals, no sign, exponent or digit separator."
    " Weights are relative and need not add up to 100."
)
NAME = (
    "1-50 characters once invisible characters are dropped; unique in its course"
    " or section ignoring case, spacing and look-alike forms (fullwidth letters,"
    " decomposed accents)."
)
SEQUENCE = "Display order; by default after the last category."
HIDDEN = "Hidden from students and parents."
EXCLUDED = "Its assignments do not count toward the grade."
DROP_LOWEST = "How many lowest scores are dropped (0 or more)."
DROP_HIGHEST = "How many highest scores are dropped (0 or more)."
TASKS = "Global ids of the grading tasks it counts toward; none means all of them."
KEEP = " Omit to keep the current value."


@strawberry.input(description="A new category of a course.")
class CreateCourseCategoryInput:
    course_id: strawberry.ID = strawberry.field(description="The course's global id.")
    name: str = strawberry.field(description=NAME)
    weight: str = strawberry.field(description=WEIGHT)
    sequence: int | None = strawberry.field(default=None, description=SEQUENCE)
    hidden: bool = strawberry.field(default=False, description=HIDDEN)
    exclude_from_calculation: bool = strawberry.field(
        default=False, description=EXCLUDED
    )
    drop_lowest: int = strawberry.field(default=0, description=DROP_LOWEST)
    drop_highest: int = strawberry.field(default=0, description=DROP_HIGHEST)
    grading_task_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=TASKS
    )


@strawberry.input(description="A new teacher-made category of a section.")
class CreateSectionCategoryInput:
    section_id: strawberry.ID = strawberry.field(description="The section's global id.")
    name: str = strawberry.field(description=NAME)
    weight: str = strawberry.field(description=WEIGHT)
    sequence: int | None = strawberry.field(default=None, description=SEQUENCE)
    hidden: bool = strawberry.field(default=False, description=HIDDEN)
    exclude_from_calculation: bool = strawberry.field(
        default=False, description=EXCLUDED
    )
    drop_lowest: int = strawberry.field(default=0, description=DROP_LOWEST)
    drop_highest: int = strawberry.field(default=0, description=DROP_HIGHEST)
    grading_task_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=TASKS
    )


@strawberry.input(description="Changes to a category; omitted fields keep their value.")
class UpdateCategoryInput:
    id: strawberry.ID = strawberry.field(
        description="The category's global id (a CourseCategory or SectionCategory,"
        " as the mutation says)."
    )
    name: str | None = strawberry.field(default=None, description=NAME + KEEP)
    weight: str | None = strawberry.field(default=None, description=WEIGHT + KEEP)
    sequence: int | None = strawberry.field(
        default=None, description="Display order." + KEEP
    )
    hidden: bool | None = strawberry.field(default=None, description=HIDDEN + KEEP)
    exclude_from_calculation: bool | None = strawberry.field(
        default=None, description=EXCLUDED + KEEP
    )
    drop_lowest: int | None = strawberry.field(
        default=None, description=DROP_LOWEST + KEEP
    )
    drop_highest: int | None = strawberry.field(
        default=None, description=DROP_HIGHEST + KEEP
    )
    grading_task_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=TASKS + KEEP
    )


@strawberry.input(
    description="Every calc option of one term and grading task: a set replaces"
    " them all, and an omitted field takes its default."
)
class CalcOptionsInput:
    term_id: strawberry.ID = strawberry.field(description="The term's global id.")
    grading_task_id: strawberry.ID = strawberry.field(
        description="The grading task's global id."
    )
    calc_type: CalcType = strawberry.field(
        default=CalcType.IN_PROGRESS, description="Whether a grade is calculated."
    )
    weighted: bool = strawberry.field(
        default=True, description="True: weighted by category; false: by total points."
    )
    use_score_percent: bool = strawberry.field(
        default=False, description="Scores count as percentages rather than points."
    )
    last_n_assignments: int | None = strawberry.field(
        default=None,
        description="Only the last N assignments count (1 or more); null for all.",
    )
    rounding_decimals: int = strawberry.field(
        default=0, description="Decimal places the grade is rounded to (0-4)."
    )
    rounding_mode: RoundingMode = strawberry.field(
        default=RoundingMode.HALF_UP, description="How the grade is rounded."
    )
    grading_scale: str | None = strawberry.field(
        default=None, description="The grading scale that turns the grade into a mark."
    )


@strawberry.input(description="Set the calc options of one term and task of a course.")
class SetCourseCalcOptionsInput(CalcOptionsInput):
    course_id: strawberry.ID = strawberry.field(description="The course's global id.")


@strawberry.input(description="Set a section's own calc options of one term and task.")
class SetSectionCalcOptionsInput(CalcOptionsInput):
    section_id: strawberry.ID = strawberry.field(description="The section's global id.")


@strawberry.input(description="One component of a composite grade.")
class CompositeComponentInput:
    grading_task_id: strawberry.ID = strawberry.field(
        description="The global id of the grading task whose grade is a component."
    )
    weight: str = strawberry.field(
        description="Its relative weight as a string of plain ASCII decimals, such as"
        ' "50": above 0, at most two decimals.'
    )


@strawberry.input(description="The composite grade of one term and composite task.")
class CompositeInput:
    term_id: strawberry.ID = strawberry.field(description="The term's global id.")
    grading_task_id: strawberry.ID = strawberry.field(
        description="The global id of the composite task, such as Semester Grade."
    )
    components: list[CompositeComponentInput] = strawberry.field(
        description="Its components; an empty list removes the composite."
    )


@strawberry.input(
    description="Composites to set: each replaces the one of its term and task;"
    " composites not listed stay as they are."
)
class SetCourseCompositesInput:
    course_id: strawberry.ID = strawberry.field(description="The course's global id.")
    composites: list[CompositeInput] = strawberry.field(description="The composites.")


@strawberry.input(
    description="A section's own composites to set; pushed ones cannot be changed."
)
class SetSectionCompositesInput:
    section_id: strawberry.ID = strawberry.field(description="The section's global id.")
    composites: list[CompositeInput] = strawberry.field(description="The composites.")


@strawberry.input(description="Whether a course is an advisory class.")
class SetCourseAdvisoryInput:
    course_id: strawberry.ID = strawberry.field(description="The course's global id.")
    advisory: bool = strawberry.field(description="True for an advisory class.")
