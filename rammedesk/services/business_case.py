"""The new-tilbud business case (C-07) with its sharing set resolved from reference data and
the population table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rammedesk.domain.costs.business_case import (
    BusinessCase,
    BusinessCaseInput,
    ShareBasis,
    Sharing,
    compute_business_case,
)
from rammedesk.errors import UserError
from rammedesk.storage.store import Store

HOVEDSTADEN = 1084


def _kommune_names() -> tuple[dict[int, str], dict[int, int]]:
    from rammedesk.fileio.reference_csv import load_reference_data

    kommuner = load_reference_data().kommuner
    return {k.kode: k.navn for k in kommuner}, {k.kode: k.region_kode for k in kommuner}


def resolve_sharing(
    basis: ShareBasis,
    *,
    kommuner: Sequence[int] | None = None,
    entered: Mapping[int, Decimal] | None = None,
    store: Store | None = None,
    population_year: int | None = None,
    first_year: int | None = None,
) -> Sharing:
    """The kommuner and weights that share the dækning.

    Without ``kommuner`` (and without entered shares) all 29 kommuner of Region Hovedstaden
    share. By population, the year is ``population_year``, else the newest year in the table
    not after ``first_year``, else the newest year; without population data the sharing is
    empty and its note says so.
    """
    names, regions = _kommune_names()
    if basis is ShareBasis.ENTERED:
        if not entered:
            raise UserError("Angiv andelene, fx 101=50 147=25.", "andele")
        chosen = list(entered)
    else:
        chosen = list(kommuner) if kommuner else sorted(k for k, r in regions.items() if r == HOVEDSTADEN)
    unknown = [k for k in chosen if k not in names]
    if unknown:
        raise UserError(f"Ukendt kommunekode: {', '.join(map(str, unknown))}.", "kommuner")
    if len(set(chosen)) != len(chosen):
        raise UserError("En kommune er angivet flere gange.", "kommuner")
    picked = {k: names[k] for k in chosen}
    if basis is ShareBasis.ENTERED:
        assert entered is not None
        if any(v < 0 for v in entered.values()):
            raise UserError("En andel må ikke være negativ.", "andele")
        return Sharing(basis, dict(entered), picked, "Andele indtastet af brugeren.")
    if basis is ShareBasis.EQUAL:
        return Sharing(basis, dict.fromkeys(chosen, Decimal(1)), picked, "Lige store andele.")
    if store is None:
        raise UserError("Fordeling efter befolkningstal kræver databasen.", "--db")
    with store.unit_of_work() as repos:
        years = repos.costs.population_years()
        if not years:
            note = (
                "Der er ingen befolkningstal i databasen, så andelene kan ikke beregnes efter "
                "befolkning. Importér en befolkningstabel (rammedesk population import) eller brug "
                "lige store eller indtastede andele."
            )
            return Sharing(basis, {}, picked, note)
        year = population_year or max(
            (y for y in years if first_year is None or y <= first_year), default=years[-1]
        )
        population = repos.costs.population(year)
    missing = [k for k in chosen if k not in population]
    if missing:
        shown = ", ".join(f"{k} {names[k]}" for k in missing)
        raise UserError(f"Befolkningstal for {year} mangler for: {shown}.", "befolkning")
    weights = {k: Decimal(population[k]) for k in chosen}
    return Sharing(basis, weights, picked, f"Befolkningstal for {year} (befolkningstabellen).")


def business_case(inp: BusinessCaseInput, sharing: Sharing | None) -> BusinessCase:
    return compute_business_case(inp, sharing)
