"""Courses and their course-level grading setup, the source of every push."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.revisioned import RevisionedModel
from models.setup import CalcOptionFields, CategoryFields, CompositePartFields

if TYPE_CHECKING:
    from models.district import Calendar, GradingTask, Term
    from models.section import Section
    from models.user import User


class Course(RevisionedModel):
    """An offering in a calendar: it owns the setup pushed to its sections."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=150, unique=True)
    calendar: fields.ForeignKeyRelation["Calendar"] = fields.ForeignKeyField(
        "models.Calendar", related_name="courses", on_delete=fields.CASCADE
    )
    number = fields.CharField(max_length=60)
    name = fields.CharField(max_length=200)
    subject = fields.CharField(max_length=100, null=True)
    advisory = fields.BooleanField(default=False)
    # Bumped by database triggers on every write to this course's setup, so a
    # push can trust that a section stamped with this revision is still in line.
    # The database default lets the migration add it to existing courses.
    setup_revision = fields.BigIntField(default=0, db_default=0)
    KEPT_BY_DATABASE = ("setup_revision",)

    categories: fields.ReverseRelation["CourseCategory"]
    sections: fields.ReverseRelation["Section"]

    class Meta:
        table = "course"
        indexes = (("calendar_id", "number"),)


class CourseCategory(CategoryFields):
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="categories", on_delete=fields.CASCADE
    )

    class Meta:
        table = "course_category"
        unique_together = (("course", "name_key"),)


class CourseCalcOption(CalcOptionFields):
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="calc_options", on_delete=fields.CASCADE
    )
    term: fields.ForeignKeyRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="course_calc_options", on_delete=fields.CASCADE
    )
    grading_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask",
        related_name="course_calc_options",
        on_delete=fields.CASCADE,
    )

    class Meta:
        table = "course_calc_option"
        unique_together = (("course", "term", "grading_task"),)


class CourseComposite(Model):
    """A composite task of a course for one term (e.g. S1 from Q1 and Q2)."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="composites", on_delete=fields.CASCADE
    )
    term: fields.ForeignKeyRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="course_composites", on_delete=fields.CASCADE
    )
    grading_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask", related_name="course_composites", on_delete=fields.CASCADE
    )

    parts: fields.ReverseRelation["CourseCompositePart"]

    class Meta:
        table = "course_composite"
        unique_together = (("course", "term", "grading_task"),)


class CourseCompositePart(CompositePartFields):
    composite: fields.ForeignKeyRelation[CourseComposite] = fields.ForeignKeyField(
        "models.CourseComposite", related_name="parts", on_delete=fields.CASCADE
    )
    component_task: fields.ForeignKeyRelation["GradingTask"] = fields.ForeignKeyField(
        "models.GradingTask",
        related_name="course_composite_parts",
        on_delete=fields.CASCADE,
    )

    class Meta:
        table = "course_composite_part"
        unique_together = (("composite", "component_task"),)


class CourseSetupChange(Model):
    """Who changed the setup of a course and when: the report shows the latest."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="setup_changes", on_delete=fields.CASCADE
    )
    changed_by: fields.ForeignKeyNullableRelation["User"] = fields.ForeignKeyField(
        "models.User",
        related_name="setup_changes",
        null=True,
        on_delete=fields.SET_NULL,
    )
    source = fields.CharField(max_length=50)
    summary = fields.CharField(max_length=500)
    changed_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "course_setup_change"
