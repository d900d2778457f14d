"""Hovedstaden's economic model for new places (DOMAIN.md C-07, §8 #11).

For each start-up year t (at most three): budget_t (default full occupancy: places × takst
× days), takstindtægt_t = places × takst × days × belægning_t, underskud_t = budget_t −
takstindtægt_t, dækning_t = min(pct_t, 75 %) × max(0, underskud_t), and each kommune's share
of dækning_t in proportion to its weight (population, equal, or entered shares).
Exact Decimal; shown amounts rounded once, half-up to øre, shares footing to the dækning.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from rammedesk.domain.costs.money import ZERO, allocate_map, format_kr, format_number, round_oere
from rammedesk.errors import UserError

MAX_COVER_PCT = Decimal(75)
DEFAULT_COVER_PCT = (Decimal(75), Decimal(50), Decimal(25))
MAX_YEARS = 3
HUNDRED = Decimal(100)


class ShareBasis(StrEnum):
    POPULATION = "population"
    EQUAL = "equal"
    ENTERED = "entered"

    @property
    def label(self) -> str:
        return {"population": "befolkningstal", "equal": "lige store andele", "entered": "indtastede andele"}[
            self.value
        ]


@dataclass(frozen=True)
class Sharing:
    """Who shares the dækning and by what weight (kommunekode → weight)."""

    basis: ShareBasis
    weights: Mapping[int, Decimal]
    names: Mapping[int, str]
    note: str = ""  # e.g. "Befolkningstal for 2025 (befolkningstabellen)."


@dataclass(frozen=True)
class BusinessCaseInput:
    places: int
    takst: Decimal  # kr. per døgn
    occupancy_pct: Sequence[Decimal]  # belægning per start-up year, 1-3 years
    cover_pct: Sequence[Decimal] = DEFAULT_COVER_PCT
    first_year: int | None = None  # calendar year of year 1 (needed for real days)
    real_days: bool = False  # False: 365 days a year (the T-03 basis); True: the calendar's
    budget: Sequence[Decimal] | None = None  # per year; default full occupancy


@dataclass(frozen=True)
class BusinessCaseYear:
    number: int  # 1..3
    calendar_year: int | None
    days: int
    budget: Decimal
    occupancy_pct: Decimal
    takstindtaegt: Decimal
    underskud: Decimal
    cover_pct: Decimal  # after the 75 % cap
    daekning: Decimal
    shares: dict[int, Decimal]  # kommunekode → shown share; empty when it cannot be computed


@dataclass(frozen=True)
class BusinessCase:
    years: list[BusinessCaseYear]
    assumptions: list[str]
    names: dict[int, str]

    @property
    def total_daekning(self) -> Decimal:
        return sum((y.daekning for y in self.years), ZERO)


def _check(inp: BusinessCaseInput) -> None:
    n = len(inp.occupancy_pct)
    if not 1 <= n <= MAX_YEARS:
        raise UserError(
            f"Opstartsperioden er på op til {MAX_YEARS} år; angiv belægning for 1-{MAX_YEARS} år "
            f"(der er angivet {n}).",
            "belægning",
        )
    if inp.places <= 0:
        raise UserError("Antal pladser skal være mindst 1.", "pladser")
    if not inp.takst.is_finite() or inp.takst < 0:
        raise UserError("Taksten må ikke være negativ.", "takst")
    for pct in inp.occupancy_pct:
        if not ZERO <= pct <= HUNDRED:
            raise UserError(f"Belægningen {format_number(pct)} % skal ligge mellem 0 og 100.", "belægning")
    if len(inp.cover_pct) < n:
        raise UserError(f"Angiv en dækningsprocent for hvert af de {n} år.", "dækning")
    if any(p < 0 for p in inp.cover_pct):
        raise UserError("En dækningsprocent må ikke være negativ.", "dækning")
    if inp.budget is not None and (len(inp.budget) < n or any(b < 0 for b in inp.budget)):
        raise UserError(f"Angiv et ikke-negativt budget for hvert af de {n} år.", "budget")
    if inp.real_days and inp.first_year is None:
        raise UserError("Faktiske dage kræver det første kalenderår.", "første år")


def _days(inp: BusinessCaseInput, index: int) -> tuple[int | None, int]:
    year = inp.first_year + index if inp.first_year is not None else None
    if inp.real_days and year is not None:
        return year, 366 if calendar.isleap(year) else 365
    return year, 365


def compute_business_case(inp: BusinessCaseInput, sharing: Sharing | None) -> BusinessCase:
    _check(inp)
    notes = [
        f"{inp.places} pladser à {format_kr(inp.takst)} kr. pr. døgn.",
        "Dage pr. år: faktiske kalenderdage." if inp.real_days else "Dage pr. år: 365 (beregningsgrundlag).",
        "Budget pr. år: indtastet."
        if inp.budget is not None
        else "Budget pr. år = pladser × takst × dage (fuld belægning).",
        "Takstindtægt = pladser × takst × dage × belægning; underskud = budget − takstindtægt.",
        "Dækning = dækningsprocent (højst 75 %) × underskud (0 ved overskud).",
    ]
    years: list[BusinessCaseYear] = []
    for i, occupancy in enumerate(inp.occupancy_pct):
        cal_year, days = _days(inp, i)
        full = inp.places * inp.takst * days
        budget = inp.budget[i] if inp.budget is not None else full
        income = full * occupancy / HUNDRED
        deficit = budget - income
        asked = inp.cover_pct[i]
        pct = min(asked, MAX_COVER_PCT)
        if asked > MAX_COVER_PCT:
            notes.append(f"År {i + 1}: dækningsprocent {format_number(asked)} er over loftet; 75 % brugt.")
        cover = pct * max(ZERO, deficit) / HUNDRED
        shown_cover = round_oere(cover)
        shares = _shares(shown_cover, sharing) if sharing is not None and sharing.weights else {}
        years.append(
            BusinessCaseYear(
                number=i + 1,
                calendar_year=cal_year,
                days=days,
                budget=round_oere(budget),
                occupancy_pct=occupancy,
                takstindtaegt=round_oere(income),
                underskud=round_oere(deficit),
                cover_pct=pct,
                daekning=shown_cover,
                shares=shares,
            )
        )
    if sharing is None:
        notes.append("Dækningen er ikke fordelt på kommuner.")
    else:
        if sharing.note:
            notes.append(sharing.note)
        if sharing.weights:
            notes.append(
                f"Dækningen fordeles på {len(sharing.weights)} kommuner efter {sharing.basis.label}; "
                "andelene summer præcist til dækningen (afrundet til øre)."
            )
    return BusinessCase(years, notes, dict(sharing.names) if sharing else {})


def _shares(amount: Decimal, sharing: Sharing) -> dict[int, Decimal]:
    total = sum(sharing.weights.values(), ZERO)
    if total <= 0:
        raise UserError("Andelene summer til 0; angiv mindst én positiv andel.", "andele")
    exact = {k: amount * w / total for k, w in sharing.weights.items()}
    return allocate_map(exact, amount)
