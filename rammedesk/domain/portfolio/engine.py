"""Exact month sums over many placements in integer øre (numpy int64, then Python ints).

A placement's charged days in month m are ``min(last, month_end) − max(first, month_start) + 1``
(clipped at 0), computed for all placements and months at once. Its cost in month m is

    factor(takst_år → år_m) × (døgn/dag: takst × dage  +  måned: takst × dage / dage_i_måneden
                                + tillæg: timesats × timer_pr_uge × dage / 7)
    − egenbetaling pr. måned × opholdsdage / dage_i_måneden          (never P/L-uplifted)

Takst and rates are integer øre and hours integer hundredths, so each part is an integer
over a small denominator (1, days in the month, 100 × 7). Summing the parts per group in int64
is exact (model.py bounds the inputs so no sum nears 2**63); the sums are then lifted to
Python integers over the common denominator ``g0 × Q`` (g0 = lcm(28, 29, 30, 31, 700), Q the
common denominator of the P/L factors), so every month, year and difference is an exact
rational, rounded to øre only where it is shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from rammedesk.domain.portfolio.calendar import days_in_month, month_end
from rammedesk.domain.portfolio.model import Placement
from rammedesk.domain.vocab import Enhed

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[Any]
PARTS = ("daily", "monthly", "tillaeg", "egen")


def _days(first: IntArray, last: IntArray, starts: IntArray, ends: IntArray) -> IntArray:
    days: IntArray = (
        np.minimum(last[:, None], ends[None, :]) - np.maximum(first[:, None], starts[None, :]) + 1
    )
    np.maximum(days, 0, out=days)
    return days


class ChargeArrays:
    """Per placement × month integer parts (see the module docstring)."""

    def __init__(
        self,
        placements: Sequence[Placement],
        months: tuple[date, ...],
        charge_first_day: bool,
        charge_last_day: bool,
        tillaeg_divisor: int = 7,
    ) -> None:
        n = len(placements)
        horizon_end = month_end(months[-1]).toordinal()
        cols = {
            k: np.zeros(n, dtype=np.int64) for k in ("first", "last", "stay_last", "takst", "tillaeg", "egen")
        }
        monthly = np.zeros(n, dtype=bool)
        base_year = np.empty(n, dtype=np.int64)
        skip_last = 0 if charge_last_day else 1
        for i, p in enumerate(placements):
            cols["first"][i] = p.start.toordinal() + (0 if charge_first_day else 1)
            end = p.charge_end
            cols["last"][i] = horizon_end if end is None else end.toordinal() - skip_last
            cols["stay_last"][i] = horizon_end if p.slut is None else p.slut.toordinal() - skip_last
            cols["takst"][i] = int(p.takst * 100)
            monthly[i] = p.enhed is Enhed.MAANED
            cols["tillaeg"][i] = int(p.tillaeg_timesats * 100) * int(p.tillaeg_timer_pr_uge * 100)
            cols["egen"][i] = int(p.egenbetaling_maaned * 100)
            base_year[i] = p.takst_aar
        starts = np.array([m.toordinal() for m in months], dtype=np.int64)
        ends = np.array([month_end(m).toordinal() for m in months], dtype=np.int64)
        days = _days(cols["first"], cols["last"], starts, ends)
        takst = cols["takst"]
        self.parts: dict[str, IntArray] = {
            "daily": days * np.where(monthly, 0, takst)[:, None],
            "monthly": days * np.where(monthly, takst, 0)[:, None],
            "tillaeg": days * cols["tillaeg"][:, None],
        }
        if cols["egen"].any():
            self.parts["egen"] = _days(cols["first"], cols["stay_last"], starts, ends) * cols["egen"][:, None]
        self.base_year = base_year
        self.month_days = [days_in_month(m) for m in months]
        self.g0 = math.lcm(28, 29, 30, 31, 100 * tillaeg_divisor)
        self.tillaeg_scale = 100 * tillaeg_divisor

    def group_sums(self, codes: IntArray) -> tuple[list[int], dict[str, IntArray]]:
        """Row sums per group code: (present codes, part → rows of sums), exact in int64."""
        order = np.argsort(codes, kind="stable")
        present, starts = np.unique(codes[order], return_index=True)
        if len(order) == 0:
            return [], {}
        sums = {k: np.add.reduceat(v[order], starts, axis=0) for k, v in self.parts.items()}
        return [int(c) for c in present], sums

    def lifted(self, sums: dict[str, IntArray], row: int) -> tuple[ObjArray, ObjArray | None]:
        """(priced part, egenbetaling part) of one group row in øre × g0, as Python integers."""
        per_month = np.array([self.g0 // d for d in self.month_days], dtype=object)
        priced: ObjArray = (
            sums["daily"][row].astype(object) * self.g0
            + sums["monthly"][row].astype(object) * per_month
            + sums["tillaeg"][row].astype(object) * (self.g0 // self.tillaeg_scale)
        )
        egen: ObjArray | None = None
        if "egen" in sums:
            egen = sums["egen"][row].astype(object) * per_month
        return priced, egen


def common_denominator(factors: dict[Any, Fraction]) -> tuple[int, dict[Any, int]]:
    """(Q, numerators over Q) for a set of rational factors."""
    q = math.lcm(1, *(f.denominator for f in factors.values()))
    return q, {k: f.numerator * (q // f.denominator) for k, f in factors.items()}


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator/denominator rounded half away from zero to an integer."""
    q, r = divmod(abs(numerator), denominator)
    q += 2 * r >= denominator
    return q if numerator >= 0 else -q


def allocate(numerators: Sequence[int], denominator: int, target: int) -> list[int]:
    """Integer parts (øre) summing to ``target``, each within 1 of its exact value:
    floors plus one for the largest remainders (earliest wins ties) — as domain/costs/money.py
    does, so a shown breakdown foots the way a spreadsheet SUM() checks it."""
    floors = [n // denominator for n in numerators]
    extra = target - sum(floors)
    order = sorted(range(len(numerators)), key=lambda i: (-(numerators[i] - floors[i] * denominator), i))
    result = list(floors)
    for i in order[:extra]:
        result[i] += 1
    return result
