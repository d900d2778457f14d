"""Save the P/L table as edited in the GUI: validated whole, stored in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.errors import UserError
from rammedesk.storage.pl_edit import replace_pl_table
from rammedesk.storage.store import Store

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_RATE = Decimal(50)
MAX_SOURCE = 200


@dataclass(frozen=True)
class PLSaveReport:
    new: int
    changed: int
    removed: int
    table: PLTable


def check_rates(rates: Sequence[PLRate]) -> None:
    """Raise a Danish UserError naming the row (1-based) of the first bad rate."""
    seen: dict[int, int] = {}
    for number, rate in enumerate(rates, start=1):
        where = f"P/L-tabellen, række {number}"
        if not MIN_YEAR <= rate.year <= MAX_YEAR:
            raise UserError(f"Året {rate.year} skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.", where)
        if rate.year in seen:
            raise UserError(f"Året {rate.year} står også i række {seen[rate.year]}.", where)
        seen[rate.year] = number
        if not rate.rate_pct.is_finite() or not -MAX_RATE <= rate.rate_pct <= MAX_RATE:
            raise UserError(f"Satsen skal ligge mellem -{MAX_RATE} % og {MAX_RATE} %.", where)
        if len(rate.source) > MAX_SOURCE:
            raise UserError(f"Kilden må højst være {MAX_SOURCE} tegn.", where)
        if looks_like_cpr(rate.source):
            raise UserError(CPR_MESSAGE, where)


def save_pl_table(store: Store, rates: Sequence[PLRate], today: date | None = None) -> PLSaveReport:
    """Replace the stored P/L table with ``rates`` (all or nothing)."""
    check_rates(rates)
    table = PLTable(rates)
    with store.unit_of_work("P/L-tabellen") as repos:
        new, changed, removed = replace_pl_table(repos.session, table.rates, today or date.today())
    return PLSaveReport(new, changed, removed, table)
