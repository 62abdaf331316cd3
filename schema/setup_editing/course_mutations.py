"""Course-setup mutations, for the administrators of the course's calendar.

Changes wait at course level until a push carries them to the sections; each
one is logged, so the awaiting-push report can say who changed what and when.
"""

from typing import Annotated

import strawberry

from schema.context import ApiInfo
from schema.relay import global_id
from schema.setup_editing import inputs
from schema.setup_editing.convert import (
    calc_options_input,
    category_input,
    composite_inputs,
)
from schema.setup_editing.errors import IdReader, attempt
from schema.setup_editing.fields import INPUT, mutation
from schema.setup_editing.payloads import (
    CourseCalcOptionsPayload,
    CourseCategoryPayload,
    CourseSetupPayload,
    DeleteCourseCategoryPayload,
)
from schema.types.course import Course, CourseCalcOptions, CourseCategory
from setup_editing.advisory import set_course_advisory
from setup_editing.calc_options import set_course_calc_options
from setup_editing.composites import set_course_composites
from setup_editing.course_categories import (
    create_course_category,
    delete_course_category,
    update_course_category,
)

CATEGORY_ID = strawberry.argument(description="The global id of a CourseCategory.")


@strawberry.type(description="Editing a course's grading setup.")
class CourseSetupMutations:
    @mutation("Add a category to a course; the next push copies it to the sections.")
    async def create_course_category(
        self,
        info: ApiInfo,
        input: Annotated[inputs.CreateCourseCategoryInput, INPUT],
    ) -> CourseCategoryPayload:
        ids = IdReader()
        course_id = ids.one(input.course_id, "Course", "course_id")
        changes = category_input(input, ids)
        if ids.errors:
            return CourseCategoryPayload(category=None, errors=ids.errors)

        edit = create_course_category(info.context.viewer, course_id, changes)
        category, errors = await attempt(edit)
        saved = CourseCategory.from_model(category) if category else None
        return CourseCategoryPayload(category=saved, errors=errors)

    @mutation("Change a course category; the next push renames or updates its copies.")
    async def update_course_category(
        self,
        info: ApiInfo,
        input: Annotated[inputs.UpdateCategoryInput, INPUT],
    ) -> CourseCategoryPayload:
        ids = IdReader()
        category_id = ids.one(input.id, "CourseCategory", "id")
        changes = category_input(input, ids)
        if ids.errors:
            return CourseCategoryPayload(category=None, errors=ids.errors)

        edit = update_course_category(info.context.viewer, category_id, changes)
        category, errors = await attempt(edit)
        saved = CourseCategory.from_model(category) if category else None
        return CourseCategoryPayload(category=saved, errors=errors)

    @mutation(
        "Delete a course category. The next push deletes its section copies that"
        " hold no assignments and keeps, unlocked, those that do."
    )
    async def delete_course_category(
        self,
        info: ApiInfo,
        id: Annotated[strawberry.ID, CATEGORY_ID],
    ) -> DeleteCourseCategoryPayload:
        ids = IdReader(root=())
        category_id = ids.one(id, "CourseCategory", "id")
        if ids.errors:
            return DeleteCourseCategoryPayload(
                deleted_id=None, course=None, errors=ids.errors
            )

        edit = delete_course_category(info.context.viewer, category_id)
        course, errors = await attempt(edit, root=())
        if course is None:
            return DeleteCourseCategoryPayload(
                deleted_id=None, course=None, errors=errors
            )
        return DeleteCourseCategoryPayload(
            deleted_id=global_id("CourseCategory", category_id),
            course=Course.from_model(course),
            errors=[],
        )

    @mutation("Set every calc option of one term and grading task of a course.")
    async def set_course_calc_options(
        self,
        info: ApiInfo,
        input: Annotated[inputs.SetCourseCalcOptionsInput, INPUT],
    ) -> CourseCalcOptionsPayload:
        ids = IdReader()
        course_id = ids.one(input.course_id, "Course", "course_id")
        options = calc_options_input(input, ids)
        if ids.errors:
            return CourseCalcOptionsPayload(calc_options=None, errors=ids.errors)

        edit = set_course_calc_options(info.context.viewer, course_id, options)
        saved, errors = await attempt(edit)
        calc_options = CourseCalcOptions.from_model(saved) if saved else None
        return CourseCalcOptionsPayload(calc_options=calc_options, errors=errors)

    @mutation("Set composite grades of a course, each for one term and composite task.")
    async def set_course_composites(
        self,
        info: ApiInfo,
        input: Annotated[inputs.SetCourseCompositesInput, INPUT],
    ) -> CourseSetupPayload:
        ids = IdReader()
        course_id = ids.one(input.course_id, "Course", "course_id")
        composites = composite_inputs(input.composites, ids)
        if ids.errors:
            return CourseSetupPayload(course=None, errors=ids.errors)

        edit = set_course_composites(info.context.viewer, course_id, composites)
        course, errors = await attempt(edit)
        return CourseSetupPayload(
            course=Course.from_model(course) if course else None, errors=errors
        )

    @mutation("Set whether a course is an advisory class; a push sets its sections.")
    async def set_course_advisory(
        self,
        info: ApiInfo,
        input: Annotated[inputs.SetCourseAdvisoryInput, INPUT],
    ) -> CourseSetupPayload:
        ids = IdReader()
        course_id = ids.one(input.course_id, "Course", "course_id")
        if ids.errors:
            return CourseSetupPayload(course=None, errors=ids.errors)

        edit = set_course_advisory(info.context.viewer, course_id, input.advisory)
        course, errors = await attempt(edit)
        return CourseSetupPayload(
            course=Course.from_model(course) if course else None, errors=errors
        )
