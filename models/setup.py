"""Grading setup fields shared by the course level and the section level.

A section's copy of the course setup has the same fields as the original, so
both levels build on these abstract models and the push compares them field by
field.
"""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.base import NAME_KEY_MAX_LENGTH, NAME_MAX_LENGTH


class CalcType(StrEnum):
    """How a term's grade for a grading task is calculated."""

    NONE = "none"
    IN_PROGRESS = "in_progress"


class RoundingMode(StrEnum):
    HALF_UP = "half_up"
    TRUNCATE = "truncate"


class CategoryFields(Model):
    """An assignment category, weighted relative to the other categories."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=NAME_MAX_LENGTH)
    name_key = fields.CharField(max_length=NAME_KEY_MAX_LENGTH)
    weight = fields.DecimalField(max_digits=9, decimal_places=2, default=0)
    sequence = fields.IntField(default=0)
    hidden = fields.BooleanField(default=False)
    exclude_from_calc = fields.BooleanField(default=False)
    drop_lowest = fields.IntField(default=0)
    drop_highest = fields.IntField(default=0)
    # Grading task ids, sorted: copied and compared as one value with the category.
    task_ids: fields.JSONField[list[int]] = fields.JSONField(default=list)

    class Meta:
        abstract = True


class CalcOptionFields(Model):
    """Grade calculation options for one term and grading task."""

    id = fields.IntField(primary_key=True)
    calc_type = fields.CharEnumField(CalcType, default=CalcType.IN_PROGRESS)
    weighted = fields.BooleanField(default=True)
    use_score_percent = fields.BooleanField(default=False)
    last_n_assignments = fields.IntField(null=True)
    rounding_decimals = fields.IntField(default=0)
    rounding_mode = fields.CharEnumField(RoundingMode, default=RoundingMode.HALF_UP)
    grading_scale = fields.CharField(max_length=100, null=True)

    class Meta:
        abstract = True


class CompositePartFields(Model):
    """One component task of a composite grade, with its relative weight."""

    id = fields.IntField(primary_key=True)
    weight = fields.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        abstract = True
