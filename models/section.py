"""Sections and their own copy of the grading setup."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.revisioned import RevisionedModel
from models.setup import CalcOptionFields, CategoryFields, CompositePartFields

if TYPE_CHECKING:
    from models.course import Course, CourseCategory
    from models.district import GradingTask, Term
    from models.user import User


class CategoryOrigin(StrEnum):
    """Where a section category came from: a push, or the section's teacher."""

    PUSHED = "pushed"
    TEACHER = "teacher"


class Section(RevisionedModel):
    """One class of a course, with its teachers and the terms it meets in."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=200, unique=True)
    course: fields.ForeignKeyRelation["Course"] = fields.ForeignKeyField(
        "models.Course", related_name="sections", on_delete=fields.CASCADE
    )
    number = fields.CharField(max_length=100)
    advisory = fields.BooleanField(default=False)
    # Bumped by database triggers on every write that could change what a push
    # does here (categories, calc options, composites, assignments, terms, the
    # advisory flag), whoever writes.
    setup_revision = fields.BigIntField(default=0, db_default=0)
    # Set by the push when it leaves the section in line: the course revision
    # and push options it planned against and this section's revision after
    # its writes. While all three hold, the push and the report skip the
    # section (see push.stamps).
    push_stamp = fields.CharField(max_length=100, null=True)
    KEPT_BY_DATABASE = ("setup_revision", "push_stamp")

    categories: fields.ReverseRelation["SectionCategory"]

    class Meta:
        table = "section"
        # A push loads a course's sections: without it, a scan per course.
        indexes = (("course_id",),)


class SectionTeacher(Model):
    id = fields.IntField(primary_key=True)
    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="teacher_links", on_delete=fields.CASCADE
    )
    teacher: fields.ForeignKeyRelation["User"] = fields.ForeignKeyField(
        "models.User", related_name="section_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "section_teacher"
        unique_together = (("section", "teacher"),)


class SectionTerm(Model):
    id = fields.IntField(primary_key=True)
    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="term_links", on_delete=fields.CASCADE
    )
    term: fields.ForeignKeyRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="section_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "section_term"
        unique_together = (("section", "term"),)


class SectionCategory(CategoryFields):
    """A section category: a locked copy of a course category, or teacher-made.

    A pushed copy whose course category was deleted keeps origin "pushed" with no
    link until the next push deletes it or keeps it in use.
    """

    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="categories", on_delete=fields.CASCADE
    )
    course_category: fields.ForeignKeyNullableRelation["CourseCategory"] = (
        fields.ForeignKeyField(
            "models.CourseCategory",
            related_name="section_copies",
            null=True,
            on_delete=fields.SET_NULL,
        )
    )
    origin = fields.CharEnumField(CategoryOrigin, default=CategoryOrigin.TEACHER)
    locked = fields.BooleanField(default=False)

    class Meta:
        table = "section_category"
        unique_together = (("section", "name_key"),)


class SectionCalcOption(CalcOptionFields):
    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="calc_options", on_delete=fields.CASCADE
    )
    term: fields.ForeignKeyRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="section_calc_options", on_delete=fields.CASCADE
    )
    grading_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask",
        related_name="section_calc_options",
        on_delete=fields.CASCADE,
    )
    locked = fields.BooleanField(default=True)

    class Meta:
        table = "section_calc_option"
        unique_together = (("section", "term", "grading_task"),)


class SectionComposite(Model):
    id = fields.IntField(primary_key=True)
    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="composites", on_delete=fields.CASCADE
    )
    term: fields.ForeignKeyRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="section_composites", on_delete=fields.CASCADE
    )
    grading_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask",
        related_name="section_composites",
        on_delete=fields.CASCADE,
    )
    locked = fields.BooleanField(default=True)

    parts: fields.ReverseRelation["SectionCompositePart"]

    class Meta:
        table = "section_composite"
        unique_together = (("section", "term", "grading_task"),)


class SectionCompositePart(CompositePartFields):
    composite: fields.ForeignKeyRelation[SectionComposite] = fields.ForeignKeyField(
        "models.SectionComposite", related_name="parts", on_delete=fields.CASCADE
    )
    component_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask",
        related_name="section_composite_parts",
        on_delete=fields.CASCADE,
    )

    class Meta:
        table = "section_composite_part"
        unique_together = (("composite", "component_task"),)
