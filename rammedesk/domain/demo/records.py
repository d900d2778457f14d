"""What the demo generator yields: plain immutable rows with integer ids.

The high-volume rows are NamedTuples (cheap to build by the million); their field names are
the column names of the catalogue tables, so storage can map them without a lookup table.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from rammedesk.domain.vocab import (
    DriftsherreArt,
    Enhed,
    Finansiering,
    MomsBasis,
    TakstArt,
    TakstStatus,
    Tilbudsform,
)

FIRST_YEAR = 2019
LAST_YEAR = 2027
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))

DEMO_BATCH_KILDE = "RammeDesk demodata (fiktive tilbud og takster)"
DEMO_PL_KILDE = "Demodata (fiktiv)"
DEMO_AS_OF = date(2026, 10, 15)  # takster 2027 are foreløbige, actual belægning known to 2025
LAST_ACTUAL_YEAR = 2025

# Rule ids (DOMAIN.md §4) that some demo tilbud break on purpose.
RULE_BELAEGNING = "T-03"
RULE_MIDT_TAKSTAFTALE = "T-06"
RULE_HOVEDSTADEN_PL = "T-08"


class DemoPlSats(NamedTuple):
    aar: int
    sats_pct: Decimal
    kilde: str
    dato: date
    is_demo: bool


class DemoDriftsherre(NamedTuple):
    id: int
    navn: str
    art: DriftsherreArt
    kommune_kode: int | None
    region_kode: int | None
    cvr: str | None


class DemoTilbud(NamedTuple):
    id: int
    navn: str
    driftsherre_id: int
    kommune_kode: int
    tp_tilbudsid: int | None
    tilbudsform: Tilbudsform
    beskrivelse: str
    adresse: str | None
    postnr: int | None
    by: str | None
    telefon: str | None
    email: str | None
    web: str | None
    cvr: str | None
    p_nummer: str | None
    landsdaekkende: bool
    sikret: bool
    brud: frozenset[str]  # rule ids broken on purpose; not stored


class DemoAfdeling(NamedTuple):
    id: int
    tilbud_id: int
    navn: str
    tp_afdelingsid: int | None
    tilbudsform: Tilbudsform
    beskrivelse: str


class DemoAfdelingMaalgruppe(NamedTuple):
    afdeling_id: int
    maalgruppe_id: str


class DemoAfdelingParagraf(NamedTuple):
    id: int
    afdeling_id: int
    paragraf_id: str
    aar: int
    pladser: int
    primaer: bool


class DemoYdelse(NamedTuple):
    id: int
    afdeling_id: int
    navn: str
    niveau: str | None
    paragraf_id: str | None


class DemoTakst(NamedTuple):
    id: int
    ydelse_id: int
    aar: int
    beloeb: Decimal | None
    individuel_pris: bool
    enhed: Enhed
    art: TakstArt
    moms_basis: MomsBasis
    finansiering: Finansiering
    status: TakstStatus


class DemoBelaegning(NamedTuple):
    id: int
    afdeling_id: int
    aar: int
    budgetteret_pct: Decimal | None
    faktisk_pct: Decimal | None


class DemoTilbudBundle(NamedTuple):
    """One tilbud with everything below it, in insert order."""

    tilbud: DemoTilbud
    afdelinger: tuple[DemoAfdeling, ...]
    maalgrupper: tuple[DemoAfdelingMaalgruppe, ...]
    paragraffer: tuple[DemoAfdelingParagraf, ...]
    ydelser: tuple[DemoYdelse, ...]
    takster: tuple[DemoTakst, ...]
    belaegning: tuple[DemoBelaegning, ...]
