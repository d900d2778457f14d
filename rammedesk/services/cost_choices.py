"""What the cost pages offer to choose from: an afdeling's takster, the kommuner to share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rammedesk.domain.costs.placement import PLACEMENT_UNITS
from rammedesk.domain.costs.takst_ref import StoredTakst
from rammedesk.domain.vocab import TakstArt

if TYPE_CHECKING:  # the GUI builds its pages before SQLAlchemy is loaded
    from rammedesk.storage.store import Store

HOVEDSTADEN = 1084


@dataclass(frozen=True)
class KommuneChoice:
    kode: int
    navn: str
    region_kode: int


def placement_takster(store: Store, afdeling_id: int) -> list[StoredTakst]:
    """The afdeling's takster a placement can use (døgn/dag/måned, an amount, not a tillæg),
    newest year first, then by ydelse."""
    with store.unit_of_work() as repos:
        found = repos.costs.afdeling_takster(afdeling_id)
    usable = [
        s
        for s in found
        if s.beloeb is not None and s.enhed in PLACEMENT_UNITS and s.art is not TakstArt.TILLAEG
    ]
    return sorted(usable, key=lambda s: (-s.aar, s.ydelse, s.takst_id))


def kommuner() -> list[KommuneChoice]:
    """All kommuner from the reference data (no database needed), by name."""
    from rammedesk.fileio.reference_csv import load_reference_data

    rows = load_reference_data().kommuner
    return sorted((KommuneChoice(k.kode, k.navn, k.region_kode) for k in rows), key=lambda k: k.navn)


def population_years(store: Store) -> list[int]:
    with store.unit_of_work() as repos:
        return repos.costs.population_years()
