"""A stored takst line as a placement calculation uses it (filled from the catalogue)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rammedesk.domain.vocab import Enhed, TakstArt


@dataclass(frozen=True)
class StoredTakst:
    takst_id: int
    ydelse_id: int
    afdeling_id: int
    tilbud: str
    afdeling: str
    ydelse: str
    aar: int
    art: TakstArt
    enhed: Enhed
    beloeb: Decimal | None  # None: individuel pris

    @property
    def label(self) -> str:
        return f"{self.tilbud} — {self.afdeling} — {self.ydelse} ({self.aar})"
