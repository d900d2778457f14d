"""What a takstfil import reports: counts, refusals, ambiguous rows and the diff of takster."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rammedesk.domain.takstfil import ColumnMapping, RowError
from rammedesk.errors import UserError


@dataclass(frozen=True)
class TakstChange:
    sheet: str
    row: int
    tilbud: str
    afdeling: str
    ydelse: str
    aar: int
    art: str
    old: Decimal | None
    new: Decimal | None
    old_individuel: bool
    new_individuel: bool
    # The year of ``old``: None for a changed takst (the same year's stored value); the year
    # before for a new takst compared with the stored takst of the year before.
    old_aar: int | None = None

    @property
    def compared_with(self) -> str:
        """What ``old`` is, in the words the diff shows."""
        return "Gemt takst samme år" if self.old_aar is None else f"Takst {self.old_aar} (ny takst)"

    @property
    def pct(self) -> Decimal | None:
        if self.old is None or self.new is None or self.old == 0:
            return None
        return ((self.new - self.old) / self.old * 100).quantize(Decimal("0.01"))


ID_LABELS = {"cvr": "CVR", "p_nummer": "P-nummer", "telefon": "telefonnummer"}


@dataclass(frozen=True)
class TilbudIdChange:
    """A CVR, P-nummer or telefon the file gives an existing tilbud in place of the stored one."""

    sheet: str
    row: int
    tilbud: str
    field: str  # "cvr", "p_nummer" or "telefon", as the mapping file names the column's field
    old: str | None
    new: str

    @property
    def label(self) -> str:
        """The identifier as messages name it."""
        return ID_LABELS.get(self.field, self.field)


@dataclass(frozen=True)
class Ambiguous:
    sheet: str
    row: int
    tilbud: str
    candidates: tuple[int, ...]
    labels: tuple[str, ...] = ()  # per candidate: "Solsikken, Aarhus (tilbud 12)"


@dataclass(frozen=True)
class ImportReport:
    file: str
    sheet: str
    rows_read: int
    imported: int  # takst values stored (or that would be, in a dry run)
    new_takster: int
    unchanged: int
    new_tilbud: int
    changed_takster: int
    rejected: tuple[RowError, ...]
    ambiguous: tuple[Ambiguous, ...]
    mapping: ColumnMapping
    batch_id: int | None
    dry_run: bool
    changes: tuple[TakstChange, ...] = ()
    backup: Path | None = None
    # Takster the reader accepted (before matching); 0 when none could be stored or kept.
    valid_takster: int = 0
    # New takster whose ydelse has a stored takst of the year before (same art, unit and moms
    # basis): the yearly file's change against last year. Counted in ``new_takster``.
    new_vs_previous: tuple[TakstChange, ...] = ()
    # New tilbud given their beliggenhedskommune as driftsherre: the file names no driftsherre.
    assumed_driftsherre: int = 0
    # Existing tilbud whose CVR, P-nummer or telefon the file changes (undo restores them), and
    # the changes, one per tilbud and identifier, in the file's row order.
    changed_tilbud_info: int = 0
    tilbud_changes: tuple[TilbudIdChange, ...] = ()

    @property
    def diff(self) -> tuple[TakstChange, ...]:
        """Changed takster and new ones against the year before, in the file's row order."""
        return tuple(sorted((*self.changes, *self.new_vs_previous), key=lambda c: (c.sheet, c.row, c.aar)))


class NoValidRows(UserError):
    """No row of the file could be applied; ``rejected`` says why, row by row."""

    def __init__(self, message: str, where: str, rejected: list[RowError]) -> None:
        super().__init__(message, where)
        self.rejected = tuple(sorted(dict.fromkeys(rejected), key=lambda e: (e.sheet, e.row)))
