"""The components of a push, as one input shared by the push and its report.

The report and the push mutations take the same input, so a front end asks
"what would this push change?" with exactly the options it then submits.
"""

import strawberry

from push.options import PushOptions


@strawberry.input(description="What a push carries over from courses to sections.")
class PushOptionsInput:
    categories: bool = strawberry.field(
        default=True,
        description="Create section copies of course categories and bring them "
        "in line with the course.",
    )
    grade_calc_options: bool = strawberry.field(
        default=True,
        description="Replace the sections' grade calc options with the course's.",
    )
    composite_grades: bool = strawberry.field(
        default=True,
        description="Replace the sections' composite grades and their weights "
        "with the course's.",
    )
    advisory: bool = strawberry.field(
        default=True, description="Set the sections' advisory flag to the course's."
    )
    overwrite_categories: bool = strawberry.field(
        default=False,
        description="Remove teacher-made categories that hold no assignments; "
        "those that hold some are kept and listed as kept in use.",
    )

    def to_options(self) -> PushOptions:
        return PushOptions(
            categories=self.categories,
            grade_calc_options=self.grade_calc_options,
            composite_grades=self.composite_grades,
            advisory=self.advisory,
            overwrite_categories=self.overwrite_categories,
        )
