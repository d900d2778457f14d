"""Rows ⇄ domain values for the cost core: P/L rates, population, takster for a placement."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.population import Befolkning
from rammedesk.domain.costs.takst_ref import StoredTakst
from rammedesk.storage import tables as t


class CostStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- P/L ------------------------------------------------------------------------------

    def pl_rates(self) -> list[tuple[PLRate, date, bool]]:
        """Every stored rate with its registration date and whether it is demo data."""
        rows = self.session.scalars(select(t.PlSats).order_by(t.PlSats.aar))
        return [(PLRate(r.aar, r.sats_pct, r.kilde), r.dato, r.is_demo) for r in rows]

    def pl_table(self) -> PLTable:
        return PLTable(rate for rate, _, _ in self.pl_rates())

    def put_pl_rates(self, rates: list[PLRate], registered: date) -> tuple[int, int]:
        """Insert or replace the given years; other years are kept. Returns (new, replaced)."""
        years = [r.year for r in rates]
        existing = set(self.session.scalars(select(t.PlSats.aar).where(t.PlSats.aar.in_(years))))
        self.session.execute(delete(t.PlSats).where(t.PlSats.aar.in_(years)))
        self.session.add_all(
            t.PlSats(aar=r.year, sats_pct=r.rate_pct, kilde=r.source, dato=registered, is_demo=False)
            for r in rates
        )
        self.session.flush()
        return len(set(years) - existing), len(existing)

    # --- population -----------------------------------------------------------------------

    def kommune_codes(self) -> frozenset[int]:
        return frozenset(self.session.scalars(select(t.Kommune.kode)))

    def kommune_names(self) -> dict[int, str]:
        return {k.kode: k.navn for k in self.session.scalars(select(t.Kommune))}

    def region_kommuner(self, region_kode: int) -> list[int]:
        return list(
            self.session.scalars(
                select(t.Kommune.kode).where(t.Kommune.region_kode == region_kode).order_by(t.Kommune.kode)
            )
        )

    def put_population(self, rows: list[Befolkning]) -> tuple[int, int]:
        """Insert or replace (kommune, year) rows; others kept. Returns (new, replaced)."""
        keys = {(r.kommunekode, r.aar) for r in rows}
        existing = {
            (b.kommunekode, b.aar)
            for b in self.session.scalars(
                select(t.Befolkning).where(t.Befolkning.aar.in_({k[1] for k in keys}))
            )
        } & keys
        for kode, aar in existing:
            self.session.execute(
                delete(t.Befolkning).where(t.Befolkning.kommunekode == kode, t.Befolkning.aar == aar)
            )
        self.session.add_all(
            t.Befolkning(kommunekode=r.kommunekode, aar=r.aar, indbyggere=r.indbyggere) for r in rows
        )
        self.session.flush()
        return len(keys - existing), len(existing)

    def population(self, aar: int) -> dict[int, int]:
        rows = self.session.scalars(select(t.Befolkning).where(t.Befolkning.aar == aar))
        return {r.kommunekode: r.indbyggere for r in rows}

    def population_rows(self) -> list[Befolkning]:
        rows = self.session.scalars(select(t.Befolkning).order_by(t.Befolkning.aar, t.Befolkning.kommunekode))
        return [Befolkning(r.kommunekode, r.aar, r.indbyggere) for r in rows]

    def population_years(self) -> list[int]:
        return list(self.session.scalars(select(t.Befolkning.aar).distinct().order_by(t.Befolkning.aar)))

    def population_count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(t.Befolkning)) or 0)

    # --- takster --------------------------------------------------------------------------

    def _stored(self, where: ColumnElement[bool]) -> list[StoredTakst]:
        query = (
            select(t.Takst, t.Ydelse, t.Afdeling, t.Tilbud)
            .join(t.Ydelse, t.Takst.ydelse_id == t.Ydelse.id)
            .join(t.Afdeling, t.Ydelse.afdeling_id == t.Afdeling.id)
            .join(t.Tilbud, t.Afdeling.tilbud_id == t.Tilbud.id)
            .where(where)
            .order_by(t.Takst.aar, t.Ydelse.id, t.Takst.id)
        )
        return [
            StoredTakst(
                takst_id=tk.id,
                ydelse_id=y.id,
                afdeling_id=a.id,
                tilbud=tb.navn,
                afdeling=a.navn,
                ydelse=y.navn,
                aar=tk.aar,
                art=tk.art,
                enhed=tk.enhed,
                beloeb=tk.beloeb,
            )
            for tk, y, a, tb in self.session.execute(query)
        ]

    def takst(self, takst_id: int) -> StoredTakst | None:
        found = self._stored(t.Takst.id == takst_id)
        return found[0] if found else None

    def ydelse_takster(self, ydelse_id: int) -> list[StoredTakst]:
        return self._stored(t.Takst.ydelse_id == ydelse_id)

    def afdeling_takster(self, afdeling_id: int) -> list[StoredTakst]:
        return self._stored(t.Ydelse.afdeling_id == afdeling_id)
