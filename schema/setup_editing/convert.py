"""From GraphQL inputs to the edit package's inputs, decoding global ids."""

from collections.abc import Sequence

from schema.setup_editing import inputs
from schema.setup_editing.errors import IdReader
from setup_editing.calc_options import CalcOptionsInput
from setup_editing.categories import CategoryInput
from setup_editing.composites import ComponentInput, CompositeInput

CategorySource = (
    inputs.CreateCourseCategoryInput
    | inputs.CreateSectionCategoryInput
    | inputs.UpdateCategoryInput
)


def category_input(source: CategorySource, ids: IdReader) -> CategoryInput:
    task_ids = (
        None
        if source.grading_task_ids is None
        else ids.many(source.grading_task_ids, "GradingTask", "grading_task_ids")
    )
    return CategoryInput(
        name=source.name,
        weight=source.weight,
        sequence=source.sequence,
        hidden=source.hidden,
        exclude_from_calculation=source.exclude_from_calculation,
        drop_lowest=source.drop_lowest,
        drop_highest=source.drop_highest,
        grading_task_ids=task_ids,
    )


def calc_options_input(
    source: inputs.CalcOptionsInput, ids: IdReader
) -> CalcOptionsInput:
    return CalcOptionsInput(
        term_id=ids.one(source.term_id, "Term", "term_id"),
        grading_task_id=ids.one(
            source.grading_task_id, "GradingTask", "grading_task_id"
        ),
        calc_type=source.calc_type,
        weighted=source.weighted,
        use_score_percent=source.use_score_percent,
        last_n_assignments=source.last_n_assignments,
        rounding_decimals=source.rounding_decimals,
        rounding_mode=source.rounding_mode,
        grading_scale=source.grading_scale,
    )


def composite_inputs(
    sources: Sequence[inputs.CompositeInput], ids: IdReader
) -> list[CompositeInput]:
    return [
        CompositeInput(
            term_id=ids.one(source.term_id, "Term", "composites", i, "term_id"),
            grading_task_id=ids.one(
                source.grading_task_id,
                "GradingTask",
                "composites",
                i,
                "grading_task_id",
            ),
            components=[
                ComponentInput(
                    grading_task_id=ids.one(
                        part.grading_task_id,
                        "GradingTask",
                        *("composites", i, "components", j, "grading_task_id"),
                    ),
                    weight=part.weight,
                )
                for j, part in enumerate(source.components)
            ],
        )
        for i, source in enumerate(sources)
    ]
