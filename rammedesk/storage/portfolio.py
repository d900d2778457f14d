"""Rows ⇄ domain values for portfolios, their placements, budgets and scenarios."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rammedesk.domain.portfolio.model import BudgetLine, Placement, Portfolio
from rammedesk.domain.portfolio.scenario_json import assumptions_from_json, assumptions_to_json
from rammedesk.storage import tables as t

_FIELDS = (
    "sagsnummer",
    "tilbud_navn",
    "tilbud_id",
    "afdeling_id",
    "driftsherre",
    "paragraf",
    "maalgruppe",
    "gruppe",
    "takst",
    "enhed",
    "takst_aar",
    "start",
    "slut",
    "opsigelse_givet",
    "varsel_dage",
    "tillaeg_timesats",
    "tillaeg_timer_pr_uge",
    "egenbetaling_maaned",
)


@dataclass(frozen=True)
class PortfolioInfo:
    id: int
    navn: str
    kommune: str
    kilde: str
    placements: int
    opdateret: datetime


@dataclass(frozen=True)
class StoredScenario:
    id: int
    navn: str
    document: dict[str, Any]


def _placement(row: t.PortfolioPlacement) -> Placement:
    return Placement(**{f: getattr(row, f) for f in _FIELDS})


class PortfolioStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- portfolios ------------------------------------------------------------------------------

    def portfolios(self) -> list[PortfolioInfo]:
        out = []
        for row in self.session.scalars(select(t.Portfolio).order_by(t.Portfolio.navn)):
            count = len(self.placement_ids(row.id))
            out.append(PortfolioInfo(row.id, row.navn, row.kommune, row.kilde, count, row.opdateret))
        return out

    def by_name(self, navn: str) -> int | None:
        return self.session.scalar(select(t.Portfolio.id).where(t.Portfolio.navn == navn))

    def exists(self, portfolio_id: int) -> bool:
        return self.session.get(t.Portfolio, portfolio_id) is not None

    def create(self, p: Portfolio, now: datetime, kilde: str = "") -> int:
        row = t.Portfolio(
            navn=p.navn,
            kommune=p.kommune,
            antagelser_json=json.dumps(assumptions_to_json(p.tilgang, p.afgang), ensure_ascii=False),
            kilde=kilde,
            opdateret=now,
        )
        self.session.add(row)
        self.session.flush()
        self.replace_budget(row.id, p.budget)
        for placement in p.placements:
            self.insert_placement(row.id, placement)
        return row.id

    def delete(self, portfolio_id: int) -> None:
        self.session.execute(delete(t.Portfolio).where(t.Portfolio.id == portfolio_id))

    def load(self, portfolio_id: int) -> tuple[Portfolio, tuple[int, ...]] | None:
        """The portfolio and its placement ids (in the order of ``placements``)."""
        row = self.session.get(t.Portfolio, portfolio_id)
        if row is None:
            return None
        rows = list(
            self.session.scalars(
                select(t.PortfolioPlacement)
                .where(t.PortfolioPlacement.portfolio_id == portfolio_id)
                .order_by(t.PortfolioPlacement.id)
            )
        )
        budget = tuple(
            BudgetLine(b.dimension, b.gruppe, b.aar, b.beloeb)
            for b in self.session.scalars(
                select(t.PortfolioBudget)
                .where(t.PortfolioBudget.portfolio_id == portfolio_id)
                .order_by(t.PortfolioBudget.dimension, t.PortfolioBudget.gruppe, t.PortfolioBudget.aar)
            )
        )
        tilgang, afgang = assumptions_from_json(json.loads(row.antagelser_json))
        portfolio = Portfolio(
            row.navn, row.kommune, tuple(_placement(r) for r in rows), budget, tilgang, afgang
        )
        return portfolio, tuple(r.id for r in rows)

    def touch(self, portfolio_id: int, now: datetime) -> None:
        row = self.session.get(t.Portfolio, portfolio_id)
        if row is not None:
            row.opdateret = now

    # -- placements ------------------------------------------------------------------------------

    def placement_ids(self, portfolio_id: int) -> list[int]:
        return list(
            self.session.scalars(
                select(t.PortfolioPlacement.id).where(t.PortfolioPlacement.portfolio_id == portfolio_id)
            )
        )

    def placement(self, placement_id: int) -> tuple[int, Placement] | None:
        """(portfolio id, placement) or None."""
        row = self.session.get(t.PortfolioPlacement, placement_id)
        return (row.portfolio_id, _placement(row)) if row else None

    def insert_placement(self, portfolio_id: int, p: Placement, placement_id: int | None = None) -> int:
        """Insert; ``placement_id`` re-creates a deleted row under its old id (undo)."""
        row = t.PortfolioPlacement(portfolio_id=portfolio_id, **{f: getattr(p, f) for f in _FIELDS})
        if placement_id is not None:
            row.id = placement_id
        self.session.add(row)
        self.session.flush()
        return row.id

    def update_placement(self, placement_id: int, p: Placement) -> None:
        row = self.session.get(t.PortfolioPlacement, placement_id)
        assert row is not None
        for f in _FIELDS:
            setattr(row, f, getattr(p, f))
        self.session.flush()

    def delete_placement(self, placement_id: int) -> None:
        self.session.execute(delete(t.PortfolioPlacement).where(t.PortfolioPlacement.id == placement_id))

    # -- budget and assumptions ------------------------------------------------------------------

    def replace_budget(self, portfolio_id: int, lines: tuple[BudgetLine, ...]) -> None:
        self.session.execute(delete(t.PortfolioBudget).where(t.PortfolioBudget.portfolio_id == portfolio_id))
        for b in lines:
            self.session.add(
                t.PortfolioBudget(
                    portfolio_id=portfolio_id, dimension=b.dimension, gruppe=b.key, aar=b.aar, beloeb=b.beloeb
                )
            )
        self.session.flush()

    def set_assumptions(self, portfolio_id: int, p: Portfolio) -> None:
        row = self.session.get(t.Portfolio, portfolio_id)
        assert row is not None
        row.antagelser_json = json.dumps(assumptions_to_json(p.tilgang, p.afgang), ensure_ascii=False)

    # -- scenarios -------------------------------------------------------------------------------

    def scenarios(self, portfolio_id: int) -> list[StoredScenario]:
        rows = self.session.scalars(
            select(t.PortfolioScenario)
            .where(t.PortfolioScenario.portfolio_id == portfolio_id)
            .order_by(t.PortfolioScenario.navn)
        )
        return [StoredScenario(r.id, r.navn, json.loads(r.scenarie_json)) for r in rows]

    def save_scenario(self, portfolio_id: int, navn: str, document: dict[str, Any], now: datetime) -> int:
        row = self.session.scalar(
            select(t.PortfolioScenario).where(
                t.PortfolioScenario.portfolio_id == portfolio_id, t.PortfolioScenario.navn == navn
            )
        )
        text = json.dumps(document, ensure_ascii=False)
        if row is None:
            row = t.PortfolioScenario(portfolio_id=portfolio_id, navn=navn, scenarie_json=text, opdateret=now)
            self.session.add(row)
        else:
            row.scenarie_json, row.opdateret = text, now
        self.session.flush()
        return row.id

    def delete_scenario(self, scenario_id: int) -> None:
        self.session.execute(delete(t.PortfolioScenario).where(t.PortfolioScenario.id == scenario_id))
