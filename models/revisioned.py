"""Models with columns that only the database and the push engine write."""

from collections.abc import Iterable
from typing import Any, ClassVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


class RevisionedModel(Model):
    """A model whose revision columns a whole-object save must not write back.

    ``save()`` without ``update_fields`` writes every column as it was read.
    For a setup revision or a push stamp that may be stale by then, and a
    revision set back could make an old push stamp match again, so the push
    would skip a section that is not in line. Such a save leaves these
    columns alone; naming them in ``update_fields`` still writes them.
    """

    KEPT_BY_DATABASE: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    async def save(
        self,
        using_db: BaseDBAsyncClient | None = None,
        update_fields: Iterable[str] | None = None,
        force_create: bool = False,
        force_update: bool = False,
    ) -> None:
        if update_fields is None and self._saved_in_db and not force_create:
            update_fields = self._columns_a_save_writes()
        await super().save(using_db, update_fields, force_create, force_update)

    def _columns_a_save_writes(self) -> list[str]:
        meta: Any = self._meta
        return [
            name
            for name in meta.fields_db_projection
            if name != meta.pk_attr and name not in self.KEPT_BY_DATABASE
        ]
