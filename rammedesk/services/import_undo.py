"""Undo of the last takstfil import, and the mapping remembered per source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rammedesk.errors import UserError
from rammedesk.storage.store import Store


@dataclass(frozen=True)
class UndoReport:
    batch_id: int
    file: str | None
    restored: int
    removed: int
    removed_tilbud: int
    backup: Path | None


def undo_last_import(store: Store) -> UndoReport:
    from rammedesk.domain.vocab import BatchKind

    with store.unit_of_work() as repos:
        last = repos.imports.last_batch()
    backup = store.backup("foer-fortryd") if last is not None and last[1] == BatchKind.TAKSTFIL else None
    with store.unit_of_work() as repos:
        last = repos.imports.last_batch()
        if last is None or last[1] != BatchKind.TAKSTFIL:
            raise UserError(
                "Der er ingen import at fortryde: den seneste ændring er ikke en takstfil.",
                store.location.display,
            )
        batch_id, _kind, filnavn = last
        counts = repos.imports.undo_batch(batch_id)
        repos.invalidate_search_index()
    return UndoReport(
        batch_id, filnavn, counts["restored"], counts["removed"], counts["removed_tilbud"], backup
    )


def remembered_mapping(store: Store, source: str) -> str | None:
    """The mapping JSON last used for ``source``, if any."""
    with store.unit_of_work() as repos:
        return repos.imports.mapping_for(source)
