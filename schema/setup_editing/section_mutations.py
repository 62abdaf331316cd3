"""Section-level mutations, for the section's teachers and administrators.

Teachers keep categories of their own beside the pushed ones. Whatever a push
placed in the section (categories, calc options, composites) is locked: it is
managed by the course and refused here with MANAGED_BY_COURSE.
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
    DeleteSectionCategoryPayload,
    SectionCalcOptionsPayload,
    SectionCategoryPayload,
    SectionSetupPayload,
)
from schema.types.section import Section, SectionCalcOptions, SectionCategory
from setup_editing.calc_options import set_section_calc_options
from setup_editing.composites import set_section_composites
from setup_editing.section_categories import (
    create_section_category,
    delete_section_category,
    update_section_category,
)

CATEGORY_ID = strawberry.argument(description="The global id of a SectionCategory.")


@strawberry.type(description="Editing a section's own grading setup.")
class SectionSetupMutations:
    @mutation("Add a teacher-made category to a section.")
    async def create_section_category(
        self,
        info: ApiInfo,
        input: Annotated[inputs.CreateSectionCategoryInput, INPUT],
    ) -> SectionCategoryPayload:
        ids = IdReader()
        section_id = ids.one(input.section_id, "Section", "section_id")
        changes = category_input(input, ids)
        if ids.errors:
            return SectionCategoryPayload(category=None, errors=ids.errors)

        edit = create_section_category(info.context.viewer, section_id, changes)
        category, errors = await attempt(edit)
        saved = SectionCategory.from_model(category) if category else None
        return SectionCategoryPayload(category=saved, errors=errors)

    @mutation("Change a teacher-made category; pushed ones are managed by the course.")
    async def update_section_category(
        self,
        info: ApiInfo,
        input: Annotated[inputs.UpdateCategoryInput, INPUT],
    ) -> SectionCategoryPayload:
        ids = IdReader()
        category_id = ids.one(input.id, "SectionCategory", "id")
        changes = category_input(input, ids)
        if ids.errors:
            return SectionCategoryPayload(category=None, errors=ids.errors)

        edit = update_section_category(info.context.viewer, category_id, changes)
        category, errors = await attempt(edit)
        saved = SectionCategory.from_model(category) if category else None
        return SectionCategoryPayload(category=saved, errors=errors)

    @mutation(
        "Delete a teacher-made category that holds no assignments; pushed ones are"
        " managed by the course."
    )
    async def delete_section_category(
        self,
        info: ApiInfo,
        id: Annotated[strawberry.ID, CATEGORY_ID],
    ) -> DeleteSectionCategoryPayload:
        ids = IdReader(root=())
        category_id = ids.one(id, "SectionCategory", "id")
        if ids.errors:
            return DeleteSectionCategoryPayload(
                deleted_id=None, section=None, errors=ids.errors
            )

        edit = delete_section_category(info.context.viewer, category_id)
        section, errors = await attempt(edit, root=())
        if section is None:
            return DeleteSectionCategoryPayload(
                deleted_id=None, section=None, errors=errors
            )
        return DeleteSectionCategoryPayload(
            deleted_id=global_id("SectionCategory", category_id),
            section=Section.from_model(section),
            errors=[],
        )

    @mutation(
        "Set a section's own calc options of one term it meets in and one grading"
        " task; options pushed from the course are managed by the course."
    )
    async def set_section_calc_options(
        self,
        info: ApiInfo,
        input: Annotated[inputs.SetSectionCalcOptionsInput, INPUT],
    ) -> SectionCalcOptionsPayload:
        ids = IdReader()
        section_id = ids.one(input.section_id, "Section", "section_id")
        options = calc_options_input(input, ids)
        if ids.errors:
            return SectionCalcOptionsPayload(calc_options=None, errors=ids.errors)

        edit = set_section_calc_options(info.context.viewer, section_id, options)
        saved, errors = await attempt(edit)
        calc_options = SectionCalcOptions.from_model(saved) if saved else None
        return SectionCalcOptionsPayload(calc_options=calc_options, errors=errors)

    @mutation(
        "Set a section's own composite grades; composites pushed from the course"
        " are managed by the course."
    )
    async def set_section_composites(
        self,
        info: ApiInfo,
        input: Annotated[inputs.SetSectionCompositesInput, INPUT],
    ) -> SectionSetupPayload:
        ids = IdReader()
        section_id = ids.one(input.section_id, "Section", "section_id")
        composites = composite_inputs(input.composites, ids)
        if ids.errors:
            return SectionSetupPayload(section=None, errors=ids.errors)

        edit = set_section_composites(info.context.viewer, section_id, composites)
        section, errors = await attempt(edit)
        return SectionSetupPayload(
            section=Section.from_model(section) if section else None, errors=errors
        )
