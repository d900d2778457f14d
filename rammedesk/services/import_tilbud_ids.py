"""The CVR, P-nummer and telefon a takstfil gives its tilbud.

A value the file gives is stored on the tilbud, new or existing, when it differs from the one
stored (a stored NULL differs from any value; a blank cell changes nothing). An existing tilbud
keeps a before-image per import, so undo restores exactly what was stored. Two rows of one
tilbud giving different values for one identifier are a contradiction the import does not
guess at: the later row is refused, naming both values and rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rammedesk.domain import identifiers
from rammedesk.domain.takstfil import ColumnMapping, Field, RowError, TakstRow
from rammedesk.services.import_report import ID_LABELS, TilbudIdChange
from rammedesk.storage.imports import ImportStore, TilbudIds, TilbudKey

# Per identifier, in the order of TilbudIds: its field, and how a stored value is normalized
# as the reader normalizes the file's.
_IDS: tuple[tuple[Field, Callable[[str], str | None]], ...] = (
    (Field.CVR, identifiers.cvr_nummer),
    (Field.P_NUMMER, identifiers.p_nummer),
    (Field.TELEFON, identifiers.telefon),
)


def _of(row: TakstRow) -> TilbudIds:
    return (row.cvr, row.p_nummer, row.telefon)


def _same(stored: str | None, given: str, normalize: Callable[[str], str | None]) -> bool:
    """Whether the stored value is ``given`` as the file writes it ("70 20 30 40" is 70203040)."""
    return stored is not None and (stored == given or normalize(stored) == given)


class TilbudIdUpdates:
    """One import's identifier changes, row by row in the file's order."""

    def __init__(
        self,
        store: ImportStore,
        file: str,
        mapping: ColumnMapping,
        batch_id: int,
        created: Mapping[int, TilbudIds],
    ) -> None:
        self.store, self.file, self.batch_id, self.created = store, file, batch_id, created
        self.columns = {f: c for c, f in mapping.columns.items()}  # field → its column, for messages
        # (tilbud id, identifier index) → the value the file gave first, and its (sheet, row).
        self._first: dict[tuple[int, int], tuple[str, str, int]] = {}
        self._now: dict[int, TilbudIds] = {}  # the values as they will stand
        self._stored: dict[int, TilbudIds] = {}  # existing tilbud: as stored before this import
        self._before_kept: set[int] = set()
        self.changes: list[TilbudIdChange] = []

    @property
    def changed_tilbud(self) -> int:
        return len(self._before_kept)

    def load(self, tilbud_ids: set[int]) -> None:
        """Read the stored identifiers of the chunk's existing tilbud not read before."""
        missing = {i for i in tilbud_ids if i not in self._now and i not in self.created}
        if missing:
            stored = self.store.tilbud_ids(missing)
            self._stored.update(stored)
            self._now.update(stored)

    def claim(self, row: TakstRow, tk: TilbudKey) -> RowError | None:
        """Why the row is refused: an identifier an earlier row of its tilbud gave otherwise.
        Otherwise what it gives is what the later rows of its tilbud must agree with."""
        for i, given in enumerate(_of(row)):
            first = self._first.get((tk.id, i))
            if given is None or first is None or first[0] == given:
                continue
            value, sheet, at = first
            field = _IDS[i][0]
            name = ID_LABELS[field.value]
            where = f"række {at}" if sheet == row.sheet else f"række {at} i arket »{sheet}«"
            return RowError(
                self.file,
                row.sheet,
                row.row,
                self.columns.get(field),
                f"Tilbuddet »{tk.navn}« har {name} {value} i {where}, men {given} her. "
                "Ret værdien i den ene af rækkerne, så de er ens.",
            )
        for i, given in enumerate(_of(row)):
            if given is not None:
                self._first.setdefault((tk.id, i), (given, row.sheet, row.row))
        return None

    def take(self, row: TakstRow, tk: TilbudKey) -> None:
        """Store what an accepted row gives that differs from the tilbud's values (after ``claim``)."""
        now = self._now.get(tk.id)
        if now is None:
            now = self._now[tk.id] = self.created[tk.id]
        new = list(now)
        for i, given in enumerate(_of(row)):
            if given is None:  # a blank cell never erases a stored value
                continue
            field, normalize = _IDS[i]
            if not _same(now[i], given, normalize):
                new[i] = given
                if tk.id in self._stored:
                    self.changes.append(
                        TilbudIdChange(row.sheet, row.row, tk.navn, field.value, now[i], given)
                    )
        if tuple(new) == now:
            return
        old = None
        if tk.id in self._stored and tk.id not in self._before_kept:
            old = self._stored[tk.id]
            self._before_kept.add(tk.id)
        changed = (new[0], new[1], new[2])
        self._now[tk.id] = changed
        self.store.change_tilbud_ids(tk.id, old, changed, self.batch_id)
