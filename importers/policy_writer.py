"""Writing the planned setup changes of a policy, and recording who made them.

Called inside the caller's transaction: deletes come first so that a name or a
term and task freed by a delete can be taken by a create.
"""

from importers.policy_current import chunks
from importers.policy_diff import SetupWrites
from importers.policy_setup import CompositeParts
from models import (
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    CourseSetupChange,
    User,
)
from push.setup import CALC_FIELDS, CATEGORY_FIELDS

BATCH_SIZE = 1000
SUMMARY_MAX_LENGTH = 500


async def write_setup(
    writes: SetupWrites, *, changed_by: User | None, source_label: str
) -> None:
    """Apply the planned writes and a ``CourseSetupChange`` per changed course."""
    await _delete(writes)
    await _update(writes)
    await _create(writes)
    await _write_composites(writes)
    await _write_advisory(writes.advisory)
    await CourseSetupChange.bulk_create(
        [
            CourseSetupChange(
                course_id=course_id,
                changed_by=changed_by,
                source="policy",
                summary=f"{source_label}: {text}"[:SUMMARY_MAX_LENGTH],
            )
            for course_id, text in writes.course_summaries.items()
        ],
        batch_size=BATCH_SIZE,
    )


async def _delete(writes: SetupWrites) -> None:
    for chunk in chunks(writes.category_deletes):
        await CourseCategory.filter(id__in=chunk).delete()
    for chunk in chunks(writes.calc_deletes):
        await CourseCalcOption.filter(id__in=chunk).delete()
    for chunk in chunks(writes.composite_deletes):
        await CourseComposite.filter(id__in=chunk).delete()


async def _update(writes: SetupWrites) -> None:
    for category in writes.category_updates:
        await category.save(update_fields=CATEGORY_FIELDS)
    for option in writes.calc_updates:
        await option.save(update_fields=CALC_FIELDS)


async def _create(writes: SetupWrites) -> None:
    await CourseCategory.bulk_create(writes.category_creates, batch_size=BATCH_SIZE)
    await CourseCalcOption.bulk_create(writes.calc_creates, batch_size=BATCH_SIZE)


async def _write_composites(writes: SetupWrites) -> None:
    replaced = [composite_id for composite_id, _ in writes.composite_updates]
    for chunk in chunks(replaced):
        await CourseCompositePart.filter(composite_id__in=chunk).delete()
    parts = [
        part
        for composite_id, wanted in writes.composite_updates
        for part in _parts(composite_id, wanted)
    ]
    for course_id, (term_id, task_id), wanted in writes.composite_creates:
        composite = await CourseComposite.create(
            course_id=course_id, term_id=term_id, grading_task_id=task_id
        )
        parts += _parts(composite.id, wanted)
    await CourseCompositePart.bulk_create(parts, batch_size=BATCH_SIZE)


def _parts(composite_id: int, wanted: CompositeParts) -> list[CourseCompositePart]:
    return [
        CourseCompositePart(
            composite_id=composite_id, component_task_id=task_id, weight=weight
        )
        for task_id, weight in wanted
    ]


async def _write_advisory(advisory: dict[int, bool]) -> None:
    for flag in (True, False):
        ids = [course_id for course_id, value in advisory.items() if value is flag]
        for chunk in chunks(ids):
            await Course.filter(id__in=chunk).update(advisory=flag)
