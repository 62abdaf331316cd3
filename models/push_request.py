"""The batch queue: push requests, their per-course work and per-section results."""

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.course import Course
    from models.district import Calendar
    from models.section import Section
    from models.user import User


class PushStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    COMPLETED_WITH_ERRORS = "completed_with_errors"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE_STATUSES = (PushStatus.QUEUED, PushStatus.RUNNING)


class CourseTaskStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class SectionOutcome(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"


COUNT_FIELDS = (
    "courses_total",
    "courses_done",
    "sections_total",
    "sections_changed",
    "sections_unchanged",
    "sections_failed",
    "sections_skipped",
    "categories_created",
    "categories_updated",
    "categories_renamed",
    "categories_deleted",
    "categories_kept_in_use",
)


class PushRequest(Model):
    """One submitted push: what was asked, by whom, and how far it got.

    While the request is queued or running, ``active_calendar_id`` holds its
    calendar; the unique index on it is what keeps a calendar to one active
    push, across every server process.
    """

    id = fields.IntField(primary_key=True)
    requested_by: fields.ForeignKeyRelation["User"] = fields.ForeignKeyField(
        "models.User", related_name="push_requests", on_delete=fields.RESTRICT
    )
    calendar: fields.ForeignKeyRelation["Calendar"] = fields.ForeignKeyField(
        "models.Calendar", related_name="push_requests", on_delete=fields.CASCADE
    )
    course: fields.ForeignKeyNullableRelation["Course"] = fields.ForeignKeyField(
        "models.Course",
        related_name="push_requests",
        null=True,
        on_delete=fields.CASCADE,
    )
    retry_of: fields.ForeignKeyNullableRelation["PushRequest"] = fields.ForeignKeyField(
        "models.PushRequest",
        related_name="retries",
        null=True,
        on_delete=fields.SET_NULL,
    )
    section_ids: fields.JSONField[list[int] | None] = fields.JSONField(null=True)
    options: fields.JSONField[dict[str, bool]] = fields.JSONField()
    acknowledge_in_session = fields.BooleanField(default=False)
    idempotency_key = fields.CharField(max_length=100, null=True)
    active_calendar_id = fields.IntField(null=True, unique=True)
    status = fields.CharEnumField(PushStatus, default=PushStatus.QUEUED, db_index=True)
    cancel_requested = fields.BooleanField(default=False)
    seq = fields.IntField(default=0)
    error = fields.TextField(null=True)

    courses_total = fields.IntField(default=0)
    courses_done = fields.IntField(default=0)
    sections_total = fields.IntField(default=0)
    sections_changed = fields.IntField(default=0)
    sections_unchanged = fields.IntField(default=0)
    sections_failed = fields.IntField(default=0)
    sections_skipped = fields.IntField(default=0)
    categories_created = fields.IntField(default=0)
    categories_updated = fields.IntField(default=0)
    categories_renamed = fields.IntField(default=0)
    categories_deleted = fields.IntField(default=0)
    categories_kept_in_use = fields.IntField(default=0)

    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    # Bumped by every step of the work; a stale heartbeat on an active request
    # tells the sweeper that its worker vanished.
    heartbeat_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    course_tasks: fields.ReverseRelation["PushCourseTask"]
    section_results: fields.ReverseRelation["PushSectionResult"]

    class Meta:
        table = "push_request"
        unique_together = (("requested_by", "idempotency_key"),)


class PushCourseTask(Model):
    """The share of one course in a request: the unit a Dramatiq message carries."""

    id = fields.IntField(primary_key=True)
    push_request: fields.ForeignKeyRelation[PushRequest] = fields.ForeignKeyField(
        "models.PushRequest", related_name="course_tasks", on_delete=fields.CASCADE
    )
    course: fields.ForeignKeyRelation["Course"] = fields.ForeignKeyField(
        "models.Course", related_name="push_tasks", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(CourseTaskStatus, default=CourseTaskStatus.PENDING)
    error = fields.TextField(null=True)

    class Meta:
        table = "push_course_task"
        unique_together = (("push_request", "course"),)


class PushSectionResult(Model):
    """What a request did to one section: a row means done, skipped on resume."""

    id = fields.IntField(primary_key=True)
    push_request: fields.ForeignKeyRelation[PushRequest] = fields.ForeignKeyField(
        "models.PushRequest", related_name="section_results", on_delete=fields.CASCADE
    )
    section: fields.ForeignKeyRelation["Section"] = fields.ForeignKeyField(
        "models.Section", related_name="push_results", on_delete=fields.CASCADE
    )
    course: fields.ForeignKeyRelation["Course"] = fields.ForeignKeyField(
        "models.Course", related_name="push_section_results", on_delete=fields.CASCADE
    )
    outcome = fields.CharEnumField(SectionOutcome)
    changes: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    error = fields.TextField(null=True)
    categories_created = fields.IntField(default=0)
    categories_updated = fields.IntField(default=0)
    categories_renamed = fields.IntField(default=0)
    categories_deleted = fields.IntField(default=0)
    categories_kept_in_use = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "push_section_result"
        unique_together = (("push_request", "section"),)
        # Each course of a request reads its own results when it is pushed.
        indexes = (("push_request_id", "course_id"),)
