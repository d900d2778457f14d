"""Use cases of the cost core: one placement's cost, the P/L table, the population table.

The calculation itself is pure (``domain/costs``); these functions fetch what it needs from
the database (the P/L table, a stored takst) and store the imported reference tables in one
transaction each.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS, CostConventions
from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.placement import (
    PLACEMENT_UNITS,
    PlacementCost,
    PlacementSpec,
    compute_placement_cost,
)
from rammedesk.domain.costs.population import Befolkning
from rammedesk.domain.costs.takst_ref import StoredTakst
from rammedesk.domain.cpr import refuse_cpr_file_name
from rammedesk.domain.vocab import TakstArt
from rammedesk.errors import UserError
from rammedesk.services.demo_guard import refuse_demo_database
from rammedesk.storage.store import Store

# --- one placement ----------------------------------------------------------------------


def load_pl_table(store: Store) -> PLTable:
    with store.unit_of_work() as repos:
        return repos.costs.pl_table()


def calculate_placement(
    spec: PlacementSpec,
    conv: CostConventions = DEFAULT_CONVENTIONS,
    store: Store | None = None,
) -> PlacementCost:
    """The cost of one placement; the P/L table is read from ``store`` only when needed."""
    pl = None
    if spec.pl_to_year is not None or spec.pl_each_year:
        if store is None:
            raise UserError("P/L-fremskrivning kræver en database med P/L-tabellen.", "--pl-to")
        pl = load_pl_table(store)
    return compute_placement_cost(spec, conv, pl)


def find_takst(
    store: Store,
    *,
    takst_id: int | None = None,
    ydelse_id: int | None = None,
    afdeling_id: int | None = None,
    year: int | None = None,
) -> StoredTakst:
    """The stored takst a placement uses: by id, or the ydelse's/afdeling's takst for ``year``.

    For a ydelse or afdeling the takst of ``year`` is used, else the newest year before it
    (the result's ``aar`` says which; P/L can uplift it). An afdeling must have exactly one
    main ydelse (not a tillæg) with a takst in døgn/dag/måned, else the ydelser are named.
    """
    with store.unit_of_work() as repos:
        if takst_id is not None:
            found = repos.costs.takst(takst_id)
            if found is None:
                raise UserError(f"Der findes ingen takst med id {takst_id}.", "takst")
            return _usable(found)
        if ydelse_id is not None:
            candidates = repos.costs.ydelse_takster(ydelse_id)
            where, what = "ydelse", f"ydelsen med id {ydelse_id}"
        elif afdeling_id is not None:
            candidates = repos.costs.afdeling_takster(afdeling_id)
            where, what = "afdeling", f"afdelingen med id {afdeling_id}"
        else:
            raise UserError("Angiv en takst, en ydelse eller en afdeling.", "takst")
    main = [c for c in candidates if c.art is not TakstArt.TILLAEG and c.enhed in PLACEMENT_UNITS]
    if not main:
        raise UserError(f"Der er ingen takst pr. døgn, dag eller måned for {what}.", where)
    ydelser = sorted({(c.ydelse_id, c.ydelse) for c in main})
    if len(ydelser) > 1:
        names = ", ".join(f"{i} {n}" for i, n in ydelser)
        raise UserError(f"Afdelingen har flere ydelser; vælg en af dem: {names}.", where)
    dated = [c for c in main if year is None or c.aar <= year]
    if not dated:
        first = min(c.aar for c in main)
        raise UserError(f"{what.capitalize()} har ingen takst for {year} eller før (første: {first}).", where)
    return _usable(max(dated, key=lambda c: (c.aar, c.art is TakstArt.SAMLET, c.takst_id)))


def _usable(found: StoredTakst) -> StoredTakst:
    if found.beloeb is None:
        raise UserError(
            f"Taksten for {found.label} er individuel pris; skriv beløbet selv.", f"takst {found.takst_id}"
        )
    if found.enhed not in PLACEMENT_UNITS:
        raise UserError(
            f"Taksten for {found.label} er pr. {found.enhed.label}; en anbringelse regnes i døgn, dag "
            "eller måned (brug den som tillæg).",
            f"takst {found.takst_id}",
        )
    return found


def spec_with_stored_takst(spec: PlacementSpec, stored: StoredTakst) -> PlacementSpec:
    """``spec`` with takst, unit and takst year taken from a stored takst."""
    assert stored.beloeb is not None  # _usable checked it
    return dataclasses.replace(spec, takst=stored.beloeb, unit=stored.enhed, takst_year=stored.aar)


# --- P/L table --------------------------------------------------------------------------


@dataclass(frozen=True)
class PLImportReport:
    file: str
    rates: tuple[PLRate, ...]
    new: int
    replaced: int


@dataclass(frozen=True)
class StoredPLRate:
    rate: PLRate
    registered: date
    demo: bool


def import_pl_file(
    store: Store, path: Path, today: date | None = None, *, allow_demo: bool = False
) -> PLImportReport:
    """Read and store a P/L file; any bad row refuses the whole file (nothing stored)."""
    from rammedesk.fileio.small_tables import read_pl_file

    refuse_cpr_file_name(path)  # the name is stored as the batch's source
    rates = read_pl_file(path)
    with store.unit_of_work(path.name) as repos:
        refuse_demo_database(repos, store, "Rigtige P/L-satser", allow_demo)
        new, replaced = repos.costs.put_pl_rates(rates, today or date.today())
    return PLImportReport(path.name, tuple(rates), new, replaced)


def list_pl(store: Store) -> list[StoredPLRate]:
    with store.unit_of_work() as repos:
        return [StoredPLRate(r, d, demo) for r, d, demo in repos.costs.pl_rates()]


# --- population -------------------------------------------------------------------------


@dataclass(frozen=True)
class PopulationImportReport:
    file: str
    rows: int
    years: tuple[int, ...]
    new: int
    replaced: int


def import_population_file(store: Store, path: Path, *, allow_demo: bool = False) -> PopulationImportReport:
    """Read and store a population file; an unknown kommunekode refuses the file."""
    from rammedesk.fileio.small_tables import read_population_file

    refuse_cpr_file_name(path)  # the name is stored as the batch's source
    with store.unit_of_work() as repos:
        known = repos.costs.kommune_codes()
    rows = read_population_file(path, known)
    with store.unit_of_work(path.name) as repos:
        refuse_demo_database(repos, store, "Rigtige befolkningstal", allow_demo)
        new, replaced = repos.costs.put_population(rows)
    years = tuple(sorted({r.aar for r in rows}))
    return PopulationImportReport(path.name, len(rows), years, new, replaced)


def list_population(store: Store, year: int | None = None) -> tuple[list[Befolkning], dict[int, str]]:
    """Stored population rows (of ``year`` or all) and kommune names."""
    with store.unit_of_work() as repos:
        rows = repos.costs.population_rows()
        names = repos.costs.kommune_names()
    return [r for r in rows if year is None or r.aar == year], names
