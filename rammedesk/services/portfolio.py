"""Portfolio use cases: keep placements (undo-friendly), import a file, project with scenarios.

Undo/redo: every change to a placement is a ``PlacementChange`` (before → after, ``None`` for
"does not exist"). ``add_placement``/``edit_placement``/``delete_placement`` apply one and
return it; ``apply_change(store, change.inverse())`` undoes it and ``apply_change(store,
change)`` redoes it — a QUndoCommand holds the change and calls those two. A change applies
only when the row still matches its ``before`` (else a Danish UserError: someone changed it
meanwhile), so an undo never overwrites newer work. A deleted row comes back under its old
id, so later changes in the stack still point at it. Budgets and til-/afgang work the same
way through ``set_budget``/``set_assumptions``, which return the previous value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS, CostConventions
from rammedesk.domain.costs.pl import PLTable
from rammedesk.domain.cpr import refuse_cpr, refuse_cpr_file_name
from rammedesk.domain.portfolio.model import (
    Afgang,
    BudgetLine,
    Placement,
    Portfolio,
    PortfolioInputError,
    Tilgang,
)
from rammedesk.domain.portfolio.projection import ProjectionSettings
from rammedesk.domain.portfolio.scenarios import Comparison, Scenario, run_scenarios
from rammedesk.domain.takstfil import RowError
from rammedesk.errors import UserError
from rammedesk.fileio.portfolio_reader import ParsedPortfolio
from rammedesk.services.demo_guard import refuse_demo_database
from rammedesk.storage.portfolio import PortfolioInfo, PortfolioStore, StoredScenario
from rammedesk.storage.store import Store

FIELD_LABELS = {
    "sagsnummer": "Sagsnummer",
    "takst": "Takst",
    "enhed": "Enhed",
    "takst_aar": "Takstår",
    "slut": "Slutdato",
    "varsel_dage": "Varsel",
    "opsigelse_givet": "Opsigelse givet",
    "tillaeg_timesats": "Timesats",
    "tillaeg_timer_pr_uge": "Timer pr. uge",
    "egenbetaling_maaned": "Egenbetaling",
}


def user_error(exc: PortfolioInputError) -> UserError:
    return UserError(str(exc), FIELD_LABELS.get(exc.field, exc.field))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now().replace(microsecond=0)


def _clean(text: str, where: str, limit: int = 200) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > limit:
        raise UserError(f"Teksten er for lang (højst {limit} tegn).", where)
    refuse_cpr(cleaned, where)
    return cleaned


# -- portfolios --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedPortfolio:
    id: int
    portfolio: Portfolio
    placement_ids: tuple[int, ...]  # parallel to portfolio.placements


def list_portfolios(store: Store) -> list[PortfolioInfo]:
    with store.unit_of_work() as repos:
        return PortfolioStore(repos.session).portfolios()


def create_portfolio(store: Store, navn: str, kommune: str = "", now: datetime | None = None) -> int:
    navn = _clean(navn, "Navn")
    if not navn:
        raise UserError("Giv porteføljen et navn.", "Navn")
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        if ps.by_name(navn) is not None:
            raise UserError(f"Der findes allerede en portefølje med navnet »{navn}«.", "Navn")
        return ps.create(Portfolio(navn, _clean(kommune, "Kommune", 100)), _now(now))


def load_portfolio(store: Store, portfolio_id: int) -> LoadedPortfolio:
    with store.unit_of_work() as repos:
        found = PortfolioStore(repos.session).load(portfolio_id)
    if found is None:
        raise UserError(f"Porteføljen (id {portfolio_id}) findes ikke længere.", "Portefølje")
    return LoadedPortfolio(portfolio_id, *found)


def delete_portfolio(store: Store, portfolio_id: int) -> None:
    with store.unit_of_work() as repos:
        PortfolioStore(repos.session).delete(portfolio_id)


# -- placements: undoable changes ----------------------------------------------------------------


@dataclass(frozen=True)
class PlacementChange:
    portfolio_id: int
    placement_id: int
    before: Placement | None  # None: the row did not exist
    after: Placement | None  # None: the row is deleted

    def inverse(self) -> PlacementChange:
        return replace(self, before=self.after, after=self.before)

    @property
    def text(self) -> str:
        """A short Danish label for the undo menu."""
        shown = self.after or self.before
        sag = shown.sagsnummer if shown else ""
        if self.before is None:
            return f"Tilføj anbringelse {sag}"
        if self.after is None:
            return f"Slet anbringelse {sag}"
        return f"Ret anbringelse {sag}"


def apply_change(store: Store, change: PlacementChange, now: datetime | None = None) -> PlacementChange:
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        if not ps.exists(change.portfolio_id):
            raise UserError("Porteføljen findes ikke længere.", "Portefølje")
        current = ps.placement(change.placement_id)
        if (current[1] if current else None) != change.before:
            raise UserError(
                "Anbringelsen er ændret, siden handlingen blev lavet, så den kan ikke fortrydes eller "
                "gentages. Indlæs porteføljen igen.",
                f"Anbringelse {change.placement_id}",
            )
        if change.after is None:
            ps.delete_placement(change.placement_id)
        elif change.before is None:
            ps.insert_placement(change.portfolio_id, change.after, change.placement_id)
        else:
            ps.update_placement(change.placement_id, change.after)
        ps.touch(change.portfolio_id, _now(now))
    return change


def add_placement(
    store: Store, portfolio_id: int, placement: Placement, now: datetime | None = None
) -> PlacementChange:
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        if not ps.exists(portfolio_id):
            raise UserError("Porteføljen findes ikke længere.", "Portefølje")
        new_id = ps.insert_placement(portfolio_id, placement)
        ps.touch(portfolio_id, _now(now))
    return PlacementChange(portfolio_id, new_id, None, placement)


def _existing(store: Store, placement_id: int) -> tuple[int, Placement]:
    with store.unit_of_work() as repos:
        found = PortfolioStore(repos.session).placement(placement_id)
    if found is None:
        raise UserError("Anbringelsen findes ikke længere.", f"Anbringelse {placement_id}")
    return found


def edit_placement(
    store: Store, placement_id: int, placement: Placement, now: datetime | None = None
) -> PlacementChange:
    portfolio_id, before = _existing(store, placement_id)
    return apply_change(store, PlacementChange(portfolio_id, placement_id, before, placement), now)


def delete_placement(store: Store, placement_id: int, now: datetime | None = None) -> PlacementChange:
    portfolio_id, before = _existing(store, placement_id)
    return apply_change(store, PlacementChange(portfolio_id, placement_id, before, None), now)


# -- budget and til-/afgang: set, returning the previous value (undo = set it back) ---------------


def set_budget(store: Store, portfolio_id: int, lines: Sequence[BudgetLine]) -> tuple[BudgetLine, ...]:
    if len({(b.dimension, b.key, b.aar) for b in lines}) != len(lines):
        raise UserError("Samme gruppe og år står to gange i budgettet.", "Budget")
    for line in lines:
        _clean(line.key, "Budgetgruppe")
        if line.beloeb < 0:
            raise UserError("Et budget må ikke være negativt.", f"Budget {line.key} {line.aar}")
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        found = ps.load(portfolio_id)
        if found is None:
            raise UserError("Porteføljen findes ikke længere.", "Portefølje")
        ps.replace_budget(portfolio_id, tuple(lines))
        return found[0].budget


def set_assumptions(
    store: Store, portfolio_id: int, tilgang: Sequence[Tilgang], afgang: Sequence[Afgang]
) -> tuple[tuple[Tilgang, ...], tuple[Afgang, ...]]:
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        found = ps.load(portfolio_id)
        if found is None:
            raise UserError("Porteføljen findes ikke længere.", "Portefølje")
        ps.set_assumptions(portfolio_id, replace(found[0], tilgang=tuple(tilgang), afgang=tuple(afgang)))
        return found[0].tilgang, found[0].afgang


# -- scenarios ---------------------------------------------------------------------------------


def list_scenarios(store: Store, portfolio_id: int) -> list[StoredScenario]:
    with store.unit_of_work() as repos:
        return PortfolioStore(repos.session).scenarios(portfolio_id)


def save_scenario(
    store: Store, portfolio_id: int, document: dict[str, object], now: datetime | None = None
) -> int:
    """Store a scenario document (the scenario file format); it is parsed first to refuse errors."""
    from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenario_from_json

    try:
        scenario = scenario_from_json(document)
    except ScenarioFormatError as exc:
        raise UserError(str(exc), exc.where) from None
    with store.unit_of_work() as repos:
        return PortfolioStore(repos.session).save_scenario(
            portfolio_id, _clean(scenario.navn, "Navn"), document, _now(now)
        )


def delete_scenario(store: Store, scenario_id: int) -> None:
    with store.unit_of_work() as repos:
        PortfolioStore(repos.session).delete_scenario(scenario_id)


def scenario_documents(store: Store, portfolio_id: int) -> tuple[dict[str, Any], ...]:
    """The portfolio's scenarios as documents: what an undo of a scenario edit puts back."""
    return tuple(s.document for s in list_scenarios(store, portfolio_id))


def set_scenarios(
    store: Store, portfolio_id: int, documents: Sequence[dict[str, Any]], now: datetime | None = None
) -> None:
    """Make the portfolio's scenarios exactly ``documents`` (by name), in one transaction."""
    from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenario_from_json

    try:
        names = [_clean(scenario_from_json(d).navn, "Navn") for d in documents]
    except ScenarioFormatError as exc:
        raise UserError(str(exc), exc.where) from None
    with store.unit_of_work() as repos:
        ps = PortfolioStore(repos.session)
        for stored in ps.scenarios(portfolio_id):
            if stored.navn not in names:
                ps.delete_scenario(stored.id)
        for name, document in zip(names, documents, strict=True):
            ps.save_scenario(portfolio_id, name, document, _now(now))


# -- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioImportReport:
    file: str
    portfolio_id: int | None  # None: nothing stored (dry run, or refused)
    navn: str
    rows_read: int
    placements: int
    budget_lines: int
    tilgang: int
    afgang: int
    rejected: tuple[RowError, ...]
    replaced: bool
    dry_run: bool


def portfolio_from_parsed(parsed: ParsedPortfolio, navn: str, kommune: str = "") -> Portfolio:
    return Portfolio(
        navn=navn,
        kommune=kommune,
        placements=tuple(r.placement for r in parsed.placements),
        budget=parsed.budget,
        tilgang=parsed.tilgang,
        afgang=parsed.afgang,
    )


def import_portfolio(
    store: Store,
    parsed: ParsedPortfolio,
    navn: str,
    kommune: str = "",
    *,
    replace_existing: bool = False,
    all_or_nothing: bool = False,
    dry_run: bool = False,
    now: datetime | None = None,
    allow_demo: bool = False,
) -> PortfolioImportReport:
    """Store the valid rows in one transaction (or nothing, with ``all_or_nothing`` and errors).

    An existing portfolio of the same name is replaced only with ``replace_existing``;
    its scenarios are kept.
    """
    refuse_cpr_file_name(parsed.file)  # stored as the portfolio's source
    navn = _clean(navn, "Navn")
    if not navn:
        raise UserError("Giv porteføljen et navn (--name).", "Navn")
    kommune = _clean(kommune, "Kommune", 100)
    refused = bool(parsed.errors) and all_or_nothing
    portfolio = portfolio_from_parsed(parsed, navn, kommune)
    portfolio_id: int | None = None
    replaced = False
    if not refused and not dry_run:
        with store.unit_of_work() as repos:
            refuse_demo_database(repos, store, "Kommunens rigtige anbringelser", allow_demo)
            ps = PortfolioStore(repos.session)
            existing = ps.by_name(navn)
            if existing is not None and not replace_existing:
                raise UserError(
                    f"Der findes allerede en portefølje med navnet »{navn}«. Vælg et andet navn, eller "
                    "erstat den (--replace).",
                    "Navn",
                )
            if existing is not None:
                portfolio_id, replaced = _replace(ps, existing, portfolio, parsed.file, _now(now)), True
            else:
                portfolio_id = ps.create(portfolio, _now(now), kilde=parsed.file)
    return PortfolioImportReport(
        file=parsed.file,
        portfolio_id=portfolio_id,
        navn=navn,
        rows_read=parsed.rows_read,
        placements=len(parsed.placements),
        budget_lines=len(parsed.budget),
        tilgang=len(parsed.tilgang),
        afgang=len(parsed.afgang),
        rejected=parsed.errors,
        replaced=replaced,
        dry_run=dry_run or refused,
    )


def _replace(ps: PortfolioStore, portfolio_id: int, portfolio: Portfolio, kilde: str, now: datetime) -> int:
    for placement_id in ps.placement_ids(portfolio_id):
        ps.delete_placement(placement_id)
    for p in portfolio.placements:
        ps.insert_placement(portfolio_id, p)
    ps.replace_budget(portfolio_id, portfolio.budget)
    ps.set_assumptions(portfolio_id, portfolio)
    ps.touch(portfolio_id, now)
    return portfolio_id


# -- projection --------------------------------------------------------------------------------


def project_portfolio(
    portfolio: Portfolio,
    settings: ProjectionSettings,
    pl: PLTable,
    scenarios: Sequence[Scenario] = (),
    conventions: CostConventions = DEFAULT_CONVENTIONS,
) -> Comparison:
    """The base projection and each scenario beside it. A missing P/L year is a UserError
    (MissingPLYear) naming the year."""
    return run_scenarios(portfolio, scenarios, settings, pl, conventions)
