"""The full picture of one tilbud, for the details view and `rammedesk show`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    """Where a figure came from: the import batch."""

    batch_id: int
    kind: str
    kilde: str
    filnavn: str | None
    as_of: date


@dataclass(frozen=True)
class TakstLine:
    aar: int
    beloeb: Decimal | None  # None: individuel pris
    enhed: str
    art: str
    status: str
    finansiering: str
    moms_basis: str
    source: Source


@dataclass(frozen=True)
class YdelseDetails:
    id: int
    navn: str
    niveau: str | None
    paragraf: str | None
    takster: tuple[TakstLine, ...]  # by year, ascending


@dataclass(frozen=True)
class PladsLine:
    paragraf_id: str
    paragraf: str
    aar: int
    pladser: int
    primaer: bool


@dataclass(frozen=True)
class BelaegningLine:
    aar: int
    budgetteret_pct: Decimal | None
    faktisk_pct: Decimal | None


@dataclass(frozen=True)
class AfdelingDetails:
    id: int
    navn: str
    tilbudsform: str
    beskrivelse: str
    tp_afdelingsid: int | None
    pladser: tuple[PladsLine, ...]
    maalgrupper: tuple[tuple[str, str], ...]  # (id, label)
    ydelser: tuple[YdelseDetails, ...]
    belaegning: tuple[BelaegningLine, ...]


@dataclass(frozen=True)
class TilbudDetails:
    id: int
    navn: str
    kommune: str
    kommune_kode: int
    region: str
    driftsherre: str
    driftsherre_art: str
    tilbudsform: str
    beskrivelse: str
    tp_tilbudsid: int | None
    adresse: str | None
    postnr: int | None
    by: str | None
    telefon: str | None
    email: str | None
    web: str | None
    cvr: str | None
    landsdaekkende: bool
    sikret: bool
    source: Source
    afdelinger: tuple[AfdelingDetails, ...]
    p_nummer: str | None = None

    def newest_as_of(self) -> date:
        dates = [self.source.as_of] + [
            line.source.as_of for a in self.afdelinger for y in a.ydelser for line in y.takster
        ]
        return max(dates)

    def is_stale(self, today: date) -> bool:
        """Data older than a year gets a visible warning."""
        return (today - self.newest_as_of()).days > 365
