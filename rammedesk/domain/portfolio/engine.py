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


def _days(first: IntArray, last: IntArray, starts: IntArray, ends: IntArray) -> IntArray:
    days: IntArray = (
        np.minimum(last[:, None], ends[None, :]) - np.maximum(first[:, None], starts[None, :]) + 1
    )
    np.maximum(days, 0, out=days)
    return days


def _ints(values: Sequence[int]) -> IntArray:
    return np.array(values, dtype=np.int64)


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
        horizon_end = month_end(months[-1]).toordinal()
        skip_first = 0 if charge_first_day else 1
        skip_last = 0 if charge_last_day else 1
        ends = [p.charge_end for p in placements]
        first = _ints([p.start.toordinal() + skip_first for p in placements])
        last = _ints([horizon_end if e is None else e.toordinal() - skip_last for e in ends])
        takst = _ints([int(p.takst.scaleb(2)) for p in placements])
        monthly = np.array([p.enhed is Enhed.MAANED for p in placements], dtype=bool)
        tillaeg = _ints(
            [int(p.tillaeg_timesats.scaleb(2)) * int(p.tillaeg_timer_pr_uge.scaleb(2)) for p in placements]
        )
        egen = _ints([int(p.egenbetaling_maaned.scaleb(2)) for p in placements])
        self.base_year = _ints([p.takst_aar for p in placements])
        month_starts = _ints([m.toordinal() for m in months])
        month_ends = _ints([month_end(m).toordinal() for m in months])
        days = _days(first, last, month_starts, month_ends)
        parts = [
            days * np.where(monthly, 0, takst)[:, None],
            days * np.where(monthly, takst, 0)[:, None],
            days * tillaeg[:, None],
        ]
        self.has_egen = bool(egen.any())
        if self.has_egen:
            stay_last = _ints(
                [horizon_end if p.slut is None else p.slut.toordinal() - skip_last for p in placements]
            )
            parts.append(_days(first, stay_last, month_starts, month_ends) * egen[:, None])
        self.months = len(months)
        self.parts: IntArray = (
            np.concatenate(parts, axis=1) if placements else np.zeros((0, 4 * len(months)), np.int64)
        )
        self.month_days = [days_in_month(m) for m in months]
        self.g0 = math.lcm(28, 29, 30, 31, 100 * tillaeg_divisor)
        per_month = [self.g0 // d for d in self.month_days]
        # Multipliers that lift (daily | monthly | tillæg | egen) øre parts to øre × g0.
        self.lift = np.array(
            [self.g0] * self.months
            + per_month
            + [self.g0 // (100 * tillaeg_divisor)] * self.months
            + per_month,
            dtype=object,
        )[: self.parts.shape[1]]

    def _fits_int64(self, sums: IntArray) -> bool:
        """Whether every lifted cell and the sum of a month's three priced parts stay below 2**62."""
        if sums.size == 0:
            return True
        peak = np.abs(sums).max(axis=0).tolist()  # per column, as Python ints
        m = self.months
        lift = self.lift.tolist()
        worst = max(sum(peak[k * m + i] * lift[k * m + i] for k in range(3)) for i in range(m))
        if self.has_egen:
            worst = max(worst, *(peak[3 * m + i] * lift[3 * m + i] for i in range(m)))
        return bool(worst < 2**62)

    def group_sums(self, codes: IntArray) -> tuple[IntArray, IntArray, ObjArray, ObjArray | None]:
        """Exact sums per group code, sorted by code: (codes, row starts in the sorted order,
        priced part, egenbetaling part) with the parts in øre × g0 as Python integers."""
        order = np.argsort(codes, kind="stable")
        present, starts = np.unique(codes[order], return_index=True)
        if len(order) == 0:
            empty = np.zeros((0, self.months), dtype=object)
            return present, starts, empty, None
        sums = np.add.reduceat(self.parts[order], starts, axis=0)
        m = self.months
        if self._fits_int64(sums):  # the common case: lift in int64, exactly
            lifted = sums * self.lift.astype(np.int64)
            priced: ObjArray = (lifted[:, :m] + lifted[:, m : 2 * m] + lifted[:, 2 * m : 3 * m]).astype(
                object
            )
            egen = lifted[:, 3 * m :].astype(object) if self.has_egen else None
        else:
            lifted = sums.astype(object) * self.lift
            priced = lifted[:, :m] + lifted[:, m : 2 * m] + lifted[:, 2 * m : 3 * m]
            egen = lifted[:, 3 * m :] if self.has_egen else None
        return present, starts, priced, egen


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
