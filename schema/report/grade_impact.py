"""One section's grade impact, student by student: each grade before and after."""

from decimal import Decimal
from typing import Annotated, Self

import strawberry

import models
from grades.impact import GradeChange as PlannedGradeChange
from grades.impact import SectionImpact, StudentImpact
from schema.context import ApiInfo
from schema.fields import resolver
from schema.relay import (
    After,
    Connection,
    First,
    connection_from_list,
    global_id,
)
from schema.report.impact import grades_gained_and_lost
from schema.types.district import GradingTask, Term, grading_task_of, term_of
from schema.types.section import Section

ChangedOnly = Annotated[
    bool,
    strawberry.argument(description="True: only students whose grades would change."),
]


@strawberry.type(description="A student with scores in a section's grade book.")
class Student:
    pk: strawberry.Private[int]
    source_id: str = strawberry.field(description="The id in the roster source.")
    first_name: str = strawberry.field(description="Given name.")
    last_name: str = strawberry.field(description="Family name.")

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id("Student", self.pk)

    @classmethod
    def from_model(cls, student: models.Student) -> Self:
        return cls(
            pk=student.pk,
            source_id=student.source_id,
            first_name=student.first_name,
            last_name=student.last_name,
        )


@strawberry.type(
    description="A student's grade for one term and grading task, before and"
    " after the push."
)
class GradeChange:
    term_pk: strawberry.Private[int]
    grading_task_pk: strawberry.Private[int]
    before: Decimal | None = strawberry.field(
        description="The grade now; null when there is none (nothing scored, or"
        " no in-progress calculation)."
    )
    after: Decimal | None = strawberry.field(
        description="The grade after the push; null when there would be none."
    )
    difference: Decimal | None = strawberry.field(
        description="After minus before; null when either side has no grade."
    )
    changed: bool = strawberry.field(description="True when after differs from before.")

    @resolver("The term of the grade.")
    async def term(self, info: ApiInfo) -> Term:
        return await term_of(info, self.term_pk)

    @resolver("The grading task of the grade, such as Quarter Grade.")
    async def grading_task(self, info: ApiInfo) -> GradingTask:
        return await grading_task_of(info, self.grading_task_pk)

    @classmethod
    def from_change(cls, change: PlannedGradeChange) -> Self:
        return cls(
            term_pk=change.term_id,
            grading_task_pk=change.task_id,
            before=change.before,
            after=change.after,
            difference=change.difference,
            changed=change.changed,
        )


@strawberry.type(description="How the push would change one student's grades.")
class StudentGradeImpact:
    student: Student = strawberry.field(description="The student.")
    changed: bool = strawberry.field(
        description="True when at least one of the grades would change."
    )
    largest_change: Decimal = strawberry.field(
        description="The largest change of one grade; a grade that appears or"
        " disappears counts as 0."
    )
    grades: list[GradeChange] = strawberry.field(
        description="Every graded term and task of the section, before and after."
    )

    @classmethod
    def from_impact(cls, impact: StudentImpact, student: models.Student) -> Self:
        return cls(
            student=Student.from_model(student),
            changed=impact.changed,
            largest_change=impact.largest_change,
            grades=[GradeChange.from_change(grade) for grade in impact.grades],
        )


@strawberry.type(
    description="What a push with the given options would do to the grades of"
    " one section's students, as of this request."
)
class SectionGradeImpact:
    impact: strawberry.Private[SectionImpact]
    students_graded: int = strawberry.field(
        description="Students with scores in the section."
    )
    students_changed: int = strawberry.field(
        description="Students with at least one grade that would change."
    )
    largest_change: Decimal = strawberry.field(
        description="The largest change of any one grade in the section; grades"
        " gained or lost are counted apart."
    )
    grades_gained: int = strawberry.field(
        description="Grades the push would calculate where there is none now."
    )
    grades_lost: int = strawberry.field(
        description="Grades there are now that the push would take away."
    )

    @resolver("The section.")
    async def section(self, info: ApiInfo) -> Section:
        section = await info.context.loaders.section.load(self.impact.section_id)
        assert section is not None, "the section was read in this request"
        return Section.from_model(section)

    @resolver("The students with scores, by last and first name.")
    async def students(
        self,
        changed_only: ChangedOnly = False,
        first: First = None,
        after: After = None,
    ) -> Connection[StudentGradeImpact]:
        impacts = [s for s in self.impact.students if s.changed or not changed_only]
        ids = [impact.student_id for impact in impacts]
        students = {s.pk: s for s in await models.Student.filter(id__in=ids)}

        nodes = [
            StudentGradeImpact.from_impact(impact, students[impact.student_id])
            for impact in impacts
        ]
        nodes.sort(key=_by_name)
        return connection_from_list(nodes, first, after)

    @classmethod
    def from_impact(cls, impact: SectionImpact) -> Self:
        gained, lost = grades_gained_and_lost(impact)
        return cls(
            impact=impact,
            students_graded=len(impact.students),
            students_changed=impact.students_changed,
            largest_change=impact.largest_change,
            grades_gained=gained,
            grades_lost=lost,
        )


def _by_name(node: StudentGradeImpact) -> tuple[str, str, int]:
    return (node.student.last_name, node.student.first_name, node.student.pk)
