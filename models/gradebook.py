"""Students, rosters, assignments and scores.

They exist so that a push can tell which categories hold work (and so must not
be deleted) and what a setup change does to students' grades.
"""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.district import Term
    from models.section import Section, SectionCategory


class Student(Model):
    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=100, unique=True)
    first_name = fields.CharField(max_length=100)
    last_name = fields.CharField(max_length=100)

    class Meta:
        table = "student"


class Enrollment(Model):
    """A student on the roster of a section."""

    id = fields.IntField(primary_key=True)
    section: fields.ForeignKeyRelation["Section"] = fields.ForeignKeyField(
        "models.Section", related_name="enrollments", on_delete=fields.CASCADE
    )
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="enrollments", on_delete=fields.CASCADE
    )

    class Meta:
        table = "enrollment"
        unique_together = (("section", "student"),)


class Assignment(Model):
    """Graded work in one section category.

    The category link refuses deletion (RESTRICT): no push may ever delete an
    assignment by deleting its category.
    """

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=200, unique=True)
    section: fields.ForeignKeyRelation["Section"] = fields.ForeignKeyField(
        "models.Section", related_name="assignments", on_delete=fields.CASCADE
    )
    category: fields.ForeignKeyRelation["SectionCategory"] = fields.ForeignKeyField(
        "models.SectionCategory", related_name="assignments", on_delete=fields.RESTRICT
    )
    term: fields.ForeignKeyNullableRelation["Term"] = fields.ForeignKeyField(
        "models.Term", related_name="assignments", null=True, on_delete=fields.SET_NULL
    )
    name = fields.CharField(max_length=200)
    points_possible = fields.DecimalField(max_digits=9, decimal_places=2)
    due_date = fields.DateField(null=True)

    class Meta:
        table = "assignment"
        # A push counts the assignments of each section category of a course.
        indexes = (("section_id",), ("category_id",))


class Score(Model):
    """Points of a student on an assignment (empty: not yet scored)."""

    id = fields.IntField(primary_key=True)
    assignment: fields.ForeignKeyRelation[Assignment] = fields.ForeignKeyField(
        "models.Assignment", related_name="scores", on_delete=fields.CASCADE
    )
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="scores", on_delete=fields.CASCADE
    )
    points = fields.DecimalField(max_digits=9, decimal_places=2, null=True)

    class Meta:
        table = "score"
        unique_together = (("assignment", "student"),)
