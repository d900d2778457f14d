"""Reference data records: regions, kommuner, paragraffer, målgrupper."""

from __future__ import annotations

from dataclasses import dataclass

from rammedesk.domain.vocab import Aldersgruppe


@dataclass(frozen=True)
class RegionRef:
    kode: int
    navn: str


@dataclass(frozen=True)
class KommuneRef:
    kode: int
    navn: str
    region_kode: int


@dataclass(frozen=True)
class ParagrafRef:
    id: str
    lov: str
    nummer: str
    stk: int | None
    label: str
    beskrivelse: str
    i_rammeaftale: bool
    historisk: bool


@dataclass(frozen=True)
class MaalgruppeRef:
    id: str
    vokabular: str
    kode: str
    label: str
    aldersgruppe: Aldersgruppe


@dataclass(frozen=True)
class ReferenceData:
    regioner: tuple[RegionRef, ...]
    kommuner: tuple[KommuneRef, ...]
    paragraffer: tuple[ParagrafRef, ...]
    maalgrupper: tuple[MaalgruppeRef, ...]
