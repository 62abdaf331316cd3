"""The root Query: entry points into what the caller may see.

A single object the caller may not see answers null, exactly like a missing
one, so ids outside one's rights reveal nothing.
"""

from typing import Annotated

import strawberry

from auth.rights import (
    visible_calendars,
    visible_courses,
    visible_schools,
    visible_sections,
)
from schema.context import ApiInfo
from schema.fields import resolver
from schema.relay import (
    After,
    Connection,
    First,
    connection_of_queryset,
    decode_global_id,
)
from schema.types.course import Course
from schema.types.district import Calendar, School
from schema.types.section import Section
from schema.types.user import User


def _id_argument(type_name: str) -> object:
    return strawberry.argument(description=f"The global id of a {type_name}.")


@strawberry.type(description="The district as the caller may see it.")
class ReadQueries:
    @resolver("The caller.")
    def me(self, info: ApiInfo) -> User:
        return User.from_model(info.context.viewer)

    @resolver("The schools the caller may see, by name.")
    async def schools(
        self, info: ApiInfo, first: First = None, after: After = None
    ) -> Connection[School]:
        schools = visible_schools(info.context.viewer).order_by("name", "id")
        return await connection_of_queryset(schools, first, after, School.from_model)

    @resolver("The calendars the caller may see, latest school year first.")
    async def calendars(
        self, info: ApiInfo, first: First = None, after: After = None
    ) -> Connection[Calendar]:
        calendars = visible_calendars(info.context.viewer).order_by(
            "-start_date", "name", "id"
        )
        return await connection_of_queryset(
            calendars, first, after, Calendar.from_model
        )

    @resolver("One calendar; null when missing or not visible to the caller.")
    async def calendar(
        self,
        info: ApiInfo,
        id: Annotated[strawberry.ID, _id_argument("Calendar")],
    ) -> Calendar | None:
        pk = decode_global_id(id, "Calendar")
        found = await visible_calendars(info.context.viewer).get_or_none(id=pk)
        return Calendar.from_model(found) if found else None

    @resolver("One course; null when missing or not visible to the caller.")
    async def course(
        self,
        info: ApiInfo,
        id: Annotated[strawberry.ID, _id_argument("Course")],
    ) -> Course | None:
        pk = decode_global_id(id, "Course")
        found = await visible_courses(info.context.viewer).get_or_none(id=pk)
        return Course.from_model(found) if found else None

    @resolver("One section; null when missing or not visible to the caller.")
    async def section(
        self,
        info: ApiInfo,
        id: Annotated[strawberry.ID, _id_argument("Section")],
    ) -> Section | None:
        pk = decode_global_id(id, "Section")
        found = await visible_sections(info.context.viewer).get_or_none(id=pk)
        return Section.from_model(found) if found else None
