"""Schools, their calendars, the terms of a calendar and its grading tasks."""

from tortoise import fields
from tortoise.models import Model


class School(Model):
    """A building of the district."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=100, unique=True)
    name = fields.CharField(max_length=200)

    calendars: fields.ReverseRelation["Calendar"]

    class Meta:
        table = "school"


class Calendar(Model):
    """The school year of one school: every push is scoped to one calendar."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=100, unique=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="calendars", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    start_date = fields.DateField()
    end_date = fields.DateField()

    terms: fields.ReverseRelation["Term"]
    grading_tasks: fields.ReverseRelation["GradingTask"]

    class Meta:
        table = "calendar"


class Term(Model):
    """A grading period of a calendar (Q1..Q4, S1, S2)."""

    id = fields.IntField(primary_key=True)
    source_id = fields.CharField(max_length=100, unique=True)
    calendar: fields.ForeignKeyRelation[Calendar] = fields.ForeignKeyField(
        "models.Calendar", related_name="terms", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    sequence = fields.IntField()
    start_date = fields.DateField()
    end_date = fields.DateField()

    class Meta:
        table = "term"
        unique_together = (("calendar", "name"),)


class GradingTask(Model):
    """A reportable grade column ("Quarter Grade"), optionally composite."""

    id = fields.IntField(primary_key=True)
    calendar: fields.ForeignKeyRelation[Calendar] = fields.ForeignKeyField(
        "models.Calendar", related_name="grading_tasks", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    sequence = fields.IntField(default=0)
    composite = fields.BooleanField(default=False)

    class Meta:
        table = "grading_task"
        unique_together = (("calendar", "name"),)
