"""The push request as the API shows it: what was asked, how far it got."""

import datetime
from typing import Annotated, Self

import strawberry

import models
from push import clock
from push.progress import TERMINAL_STATUSES
from schema.context import ApiInfo
from schema.fields import foreign_key, optional_foreign_key, resolver
from schema.push.enums import PushStatus, SectionOutcome
from schema.push.results import SectionResult
from schema.relay import (
    After,
    Connection,
    First,
    connection_of_queryset,
    global_id,
)
from schema.types.course import Course
from schema.types.district import Calendar
from schema.types.user import User

GLOBAL_TYPE = "PushRequest"


@strawberry.type(description="The components a push request carries to sections.")
class PushOptions:
    categories: bool = strawberry.field(
        description="Section copies of the course categories are brought in line."
    )
    grade_calc_options: bool = strawberry.field(
        description="Section calc options are replaced by the course's."
    )
    composite_grades: bool = strawberry.field(
        description="Section composites and their weights are replaced by the course's."
    )
    advisory: bool = strawberry.field(
        description="The section advisory flag is set to the course's."
    )
    overwrite_categories: bool = strawberry.field(
        description="Teacher-made categories without assignments are removed."
    )

    @classmethod
    def from_json(cls, options: dict[str, bool]) -> Self:
        return cls(
            categories=options.get("categories", True),
            grade_calc_options=options.get("grade_calc_options", True),
            composite_grades=options.get("composite_grades", True),
            advisory=options.get("advisory", True),
            overwrite_categories=options.get("overwrite_categories", False),
        )


@strawberry.type(
    description="One submitted push of a calendar or a course: the batch queue's"
    " record of who asked, what, and how far it got."
)
class PushRequest:
    pk: strawberry.Private[int]
    requested_by_pk: strawberry.Private[int]
    calendar_pk: strawberry.Private[int]
    course_pk: strawberry.Private[int | None]
    retry_of_pk: strawberry.Private[int | None]
    options: PushOptions = strawberry.field(description="What the push carries.")
    status: PushStatus = strawberry.field(description="Where the request is.")
    cancel_requested: bool = strawberry.field(
        description="True once a cancel was asked; a running push stops after the"
        " batch of courses in hand."
    )
    error: str | None = strawberry.field(
        description="Why the request failed as a whole, if it did."
    )
    courses_total: int = strawberry.field(description="Courses to push.")
    courses_done: int = strawberry.field(description="Courses pushed or given up.")
    sections_total: int = strawberry.field(description="Sections to push.")
    sections_changed: int = strawberry.field(description="Sections changed.")
    sections_unchanged: int = strawberry.field(
        description="Sections already in line, left unwritten."
    )
    sections_failed: int = strawberry.field(description="Sections that failed.")
    sections_skipped: int = strawberry.field(
        description="Sections not pushed, for example after a cancel."
    )
    categories_created: int = strawberry.field(description="Section categories made.")
    categories_updated: int = strawberry.field(
        description="Section category copies brought in line."
    )
    categories_renamed: int = strawberry.field(
        description="Teacher categories renamed out of the way of a pushed name."
    )
    categories_deleted: int = strawberry.field(description="Categories deleted.")
    categories_kept_in_use: int = strawberry.field(
        description="Categories that would go but hold assignments, so were kept."
    )
    created_at: datetime.datetime = strawberry.field(description="When submitted.")
    started_at: datetime.datetime | None = strawberry.field(
        description="When a worker started it; null while queued."
    )
    finished_at: datetime.datetime | None = strawberry.field(
        description="When it ended; null while active."
    )

    @resolver("Opaque global id.")
    def id(self) -> strawberry.ID:
        return global_id(GLOBAL_TYPE, self.pk)

    @resolver("Share of the sections done, from 0 to 1; 1 once the request ended.")
    def progress(self) -> float:
        if self.status in TERMINAL_STATUSES:
            return 1.0
        if not self.sections_total:
            return 0.0
        done = (
            self.sections_changed
            + self.sections_unchanged
            + self.sections_failed
            + self.sections_skipped
        )
        return min(done / self.sections_total, 1.0)

    @resolver("Seconds from start to end, or to now while running; null if queued.")
    def duration_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        end = self.finished_at or clock.now()
        return (end - self.started_at).total_seconds()

    @resolver("Who submitted the request.")
    async def requested_by(self, info: ApiInfo) -> User:
        user = await info.context.loaders.user.load(self.requested_by_pk)
        assert user is not None, "a push request always has its requester"
        return User.from_model(user)

    @resolver("The calendar pushed, or the calendar of the course pushed.")
    async def calendar(self, info: ApiInfo) -> Calendar:
        calendar = await info.context.loaders.calendar.load(self.calendar_pk)
        assert calendar is not None, "a push request always has its calendar"
        return Calendar.from_model(calendar)

    @resolver("The course pushed; null for a push of all courses of the calendar.")
    async def course(self, info: ApiInfo) -> Course | None:
        if self.course_pk is None:
            return None
        course = await info.context.loaders.course.load(self.course_pk)
        return Course.from_model(course) if course else None

    @resolver("The request whose failed sections this one retries, if any.")
    async def retry_of(self, info: ApiInfo) -> "PushRequest | None":
        if self.retry_of_pk is None:
            return None
        earlier = await info.context.loaders.push_request.load(self.retry_of_pk)
        return PushRequest.from_model(earlier) if earlier else None

    @resolver("What the request did to each section, in the order they were done.")
    async def section_results(
        self,
        first: First = None,
        after: After = None,
        outcome: Annotated[
            SectionOutcome | None,
            strawberry.argument(description="Only the sections with this outcome."),
        ] = None,
    ) -> Connection[SectionResult]:
        results = models.PushSectionResult.filter(push_request_id=self.pk)
        if outcome is not None:
            results = results.filter(outcome=outcome)
        results = results.order_by("id")
        return await connection_of_queryset(
            results, first, after, SectionResult.from_model
        )

    @classmethod
    def from_model(cls, request: models.PushRequest) -> Self:
        return cls(
            pk=request.pk,
            requested_by_pk=foreign_key(request, "requested_by"),
            calendar_pk=foreign_key(request, "calendar"),
            course_pk=optional_foreign_key(request, "course"),
            retry_of_pk=optional_foreign_key(request, "retry_of"),
            options=PushOptions.from_json(request.options),
            status=request.status,
            cancel_requested=request.cancel_requested,
            error=request.error,
            courses_total=request.courses_total,
            courses_done=request.courses_done,
            sections_total=request.sections_total,
            sections_changed=request.sections_changed,
            sections_unchanged=request.sections_unchanged,
            sections_failed=request.sections_failed,
            sections_skipped=request.sections_skipped,
            categories_created=request.categories_created,
            categories_updated=request.categories_updated,
            categories_renamed=request.categories_renamed,
            categories_deleted=request.categories_deleted,
            categories_kept_in_use=request.categories_kept_in_use,
            created_at=request.created_at,
            started_at=request.started_at,
            finished_at=request.finished_at,
        )
