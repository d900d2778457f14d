"""Project a portfolio month by month (up to 120 months) in løbende and faste priser.

    project(portfolio, ProjectionSettings(...), pl, conventions) → Projection

Each placement's takst is uplifted with P/L from its takst year to each month's year
(løbende priser, as ``compute_placement_cost`` with ``pl_each_year``) or to the fixed-price
year (faste priser, C-03/C-09: ``V_b = V_y × I_b/I_y``, which for a takst of year t is simply
the takst uplifted from t to b). A factor to an earlier year is the inverse (deflation).

Monthly budget = the yearly budget × days in the month / days in the year, so a constant daily
cost that exactly meets the yearly budget is never marked over budget in a 31-day month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

import numpy as np

from rammedesk.domain.portfolio.calendar import days_in_month, days_in_year, month_key, months_of
from rammedesk.domain.portfolio.engine import (
    ChargeArrays,
    IntArray,
    allocate,
    common_denominator,
    round_half_up,
)
from rammedesk.domain.portfolio.expand import expand
from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement, Portfolio

MAX_MONTHS = 120
BUDGET_RULE = "Månedsbudget = årsbudget × dage i måneden / dage i året."
LOEBENDE_RULE = (
    "Løbende priser: hver takst og hvert tillæg fremskrives med P/L fra takståret til månedens "
    "år (en takst for et senere år end måneden tilbageregnes); egenbetalingen fremskrives ikke."
)


class FactorSource(Protocol):
    def factor(self, base_year: int, target_year: int) -> Decimal: ...


class ConventionsLike(Protocol):
    @property
    def charge_first_day(self) -> bool: ...
    @property
    def charge_last_day(self) -> bool: ...
    @property
    def hour_tillaeg_days_divisor(self) -> int: ...


@dataclass(frozen=True)
class ProjectionSettings:
    start: date  # the first month (any day in it)
    months: int = 60
    fixed_price_year: int | None = None  # faste priser of this year; default: the first year

    def __post_init__(self) -> None:
        if not 1 <= self.months <= MAX_MONTHS:
            raise ValueError(f"Fremskrivningen skal være 1 til {MAX_MONTHS} måneder, ikke {self.months}.")


def to_oere(value: Fraction) -> Decimal:
    """An exact kroner value rounded half-up (away from zero) to øre, once."""
    return Decimal(round_half_up(value.numerator * 100, value.denominator)).scaleb(-2)


def _kr(oere: int) -> Decimal:
    return Decimal(oere).scaleb(-2)


@dataclass(frozen=True)
class Series:
    """One group's forecast: exact numerators (øre × ``den``) per month, and the shown amounts.

    Shown amounts foot like domain/costs/placement.py's: the horizon total is the exact sum
    rounded half-up once; years are allocated to it and months to their year (largest
    remainder), each within 1 øre of its exact value.
    """

    months: tuple[date, ...]
    num: tuple[int, ...]  # løbende priser
    num_fixed: tuple[int, ...]  # faste priser
    den: int

    def _nums(self, fixed: bool) -> tuple[int, ...]:
        return self.num_fixed if fixed else self.num

    def exact_month(self, i: int, fixed: bool = False) -> Fraction:
        return Fraction(self._nums(fixed)[i], self.den * 100)

    def exact_year(self, year: int, fixed: bool = False) -> Fraction:
        nums = self._nums(fixed)
        return Fraction(
            sum(n for m, n in zip(self.months, nums, strict=True) if m.year == year), self.den * 100
        )

    def _year_nums(self, fixed: bool) -> dict[int, int]:
        years: dict[int, int] = {}
        for m, n in zip(self.months, self._nums(fixed), strict=True):
            years[m.year] = years.get(m.year, 0) + n
        return years

    def total(self, fixed: bool = False) -> Decimal:
        return _kr(round_half_up(sum(self._nums(fixed)), self.den))

    def _year_oere(self, fixed: bool) -> dict[int, int]:
        years = self._year_nums(fixed)
        target = round_half_up(sum(years.values()), self.den)
        return dict(zip(years, allocate(list(years.values()), self.den, target), strict=True))

    def per_year(self, fixed: bool = False) -> dict[int, Decimal]:
        return {y: _kr(o) for y, o in self._year_oere(fixed).items()}

    def per_month(self, fixed: bool = False) -> dict[str, Decimal]:
        nums = self._nums(fixed)
        out: dict[str, Decimal] = {}
        for year, shown in self._year_oere(fixed).items():
            idx = [i for i, m in enumerate(self.months) if m.year == year]
            parts = allocate([nums[i] for i in idx], self.den, shown)
            out.update({month_key(self.months[i]): _kr(o) for i, o in zip(idx, parts, strict=True)})
        return out


@dataclass(frozen=True)
class BudgetComparison:
    dimension: Dimension
    key: str
    budget_per_year: dict[int, Decimal]
    budget_per_month: dict[str, Decimal]  # only months in a budgeted year
    forecast_per_month: dict[str, Decimal]
    over_months: tuple[str, ...]  # "2027-03": exact forecast > exact monthly budget
    over_years: tuple[int, ...]


@dataclass(frozen=True)
class ProjectionAssumptions:
    start: date
    months: int
    fixed_price_year: int
    takst_years: tuple[int, ...]
    pl_factors: dict[tuple[int, int], Decimal]  # (takst år, mål-år) → faktor
    charge_first_day: bool
    charge_last_day: bool
    placements_known: int
    placements_generated: int
    placements_ended_by_afgang: int
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Projection:
    total: Series
    by_dimension: dict[Dimension, dict[str, Series]]
    budget: tuple[BudgetComparison, ...]
    assumptions: ProjectionAssumptions
    placements: tuple[Placement, ...] = field(repr=False)

    @property
    def months(self) -> tuple[date, ...]:
        return self.total.months

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({m.year for m in self.months}))


def _factor_tables(
    base_years: list[int], months: tuple[date, ...], fixed_year: int, pl: FactorSource
) -> tuple[dict[tuple[int, int], Fraction], dict[int, Fraction]]:
    """P/L factors from each takst year to each month's year (løbende) and to the fixed year."""
    years = sorted({m.year for m in months})
    running = {(b, y): _factor(pl, b, y) for b in base_years for y in years}
    fixed = {b: _factor(pl, b, fixed_year) for b in base_years}
    return running, fixed


def _factor(pl: FactorSource, base: int, target: int) -> Fraction:
    return Fraction(1) if base == target else Fraction(pl.factor(base, target))


class _Lifter:
    """Turns int64 group sums into exact numerators over the common denominator."""

    def __init__(self, arrays: ChargeArrays, months: tuple[date, ...], pl: FactorSource, fixed_year: int):
        self.arrays = arrays
        self.months = months
        self.base_years = sorted({int(b) for b in arrays.base_year}) or [months[0].year]
        running, fixed = _factor_tables(self.base_years, months, fixed_year, pl)
        both: dict[Any, Fraction] = {("r", *k): v for k, v in running.items()} | {
            ("f", k): v for k, v in fixed.items()
        }
        q, nums = common_denominator(both)
        self.q = q
        self.den = arrays.g0 * q  # numerators are øre × g0 × Q
        self.running = {
            b: np.array([nums[("r", b, m.year)] for m in months], dtype=object) for b in self.base_years
        }
        self.fixed = {b: nums[("f", b)] for b in self.base_years}
        self.running_matrix = np.array([self.running[b] for b in self.base_years], dtype=object)
        self.fixed_vector = np.array([self.fixed[b] for b in self.base_years], dtype=object)
        self.factors = {k: Decimal(v.numerator) / Decimal(v.denominator) for k, v in running.items()}

    def series(self, codes: IntArray) -> dict[int, Series]:
        """Per key (codes = key × number of takst years + takst-year index) → Series."""
        n_base = len(self.base_years)
        present, _, priced, egen = self.arrays.group_sums(codes)
        if len(present) == 0:
            return {}
        keys, base_index = np.divmod(present, n_base)
        running = self.running_matrix[base_index] * priced
        fixed = self.fixed_vector[base_index][:, None] * priced
        if egen is not None:  # egenbetaling is subtracted at face value (no P/L)
            running = running - egen * self.q
            fixed = fixed - egen * self.q
        # Rows of one key are adjacent (codes sorted); add them up per key.
        key_list = keys.tolist()
        firsts = [i for i, k in enumerate(key_list) if i == 0 or key_list[i - 1] != k]
        run_sum = np.add.reduceat(running, firsts, axis=0)
        fix_sum = np.add.reduceat(fixed, firsts, axis=0)
        return {
            key_list[i]: Series(self.months, tuple(run_sum[j].tolist()), tuple(fix_sum[j].tolist()), self.den)
            for j, i in enumerate(firsts)
        }


def project(
    portfolio: Portfolio,
    settings: ProjectionSettings,
    pl: FactorSource,
    conventions: ConventionsLike,
    progress: Callable[[str], None] | None = None,
) -> Projection:
    months = months_of(settings.start, settings.months)
    fixed_year = settings.fixed_price_year or months[0].year
    placements, generated, ended = expand(
        portfolio.placements, portfolio.tilgang, portfolio.afgang, months[0], len(months)
    )
    arrays = ChargeArrays(
        placements,
        months,
        conventions.charge_first_day,
        conventions.charge_last_day,
        conventions.hour_tillaeg_days_divisor,
    )
    lifter = _Lifter(arrays, months, pl, fixed_year)
    base_index = {b: i for i, b in enumerate(lifter.base_years)}
    base_codes = np.array([base_index[int(b)] for b in arrays.base_year], dtype=np.int64)
    total = lifter.series(base_codes).get(0) or _empty(months, lifter.den)
    by_dimension: dict[Dimension, dict[str, Series]] = {}
    for dim in Dimension:
        names, inverse = _key_codes([p.key(dim) for p in placements])
        codes = inverse * len(lifter.base_years) + base_codes
        per_key = lifter.series(codes)
        by_dimension[dim] = {str(names[k]): s for k, s in sorted(per_key.items())}
    budget = tuple(_compare(portfolio.budget, by_dimension, months, lifter.den))
    assumptions = ProjectionAssumptions(
        start=months[0],
        months=len(months),
        fixed_price_year=fixed_year,
        takst_years=tuple(lifter.base_years) if placements else (),
        pl_factors=lifter.factors,
        charge_first_day=conventions.charge_first_day,
        charge_last_day=conventions.charge_last_day,
        placements_known=len(portfolio.placements),
        placements_generated=generated,
        placements_ended_by_afgang=ended,
        rules=(LOEBENDE_RULE, f"Faste priser: {fixed_year}-priser.", BUDGET_RULE),
    )
    return Projection(total, by_dimension, budget, assumptions, tuple(placements))


def _key_codes(keys: list[str]) -> tuple[list[str], IntArray]:
    names = sorted(set(keys))
    index = {k: i for i, k in enumerate(names)}
    return names, np.array([index[k] for k in keys], dtype=np.int64)


def _empty(months: tuple[date, ...], den: int) -> Series:
    zeros = (0,) * len(months)
    return Series(months, zeros, zeros, den)


def _compare(
    lines: tuple[BudgetLine, ...],
    by_dimension: dict[Dimension, dict[str, Series]],
    months: tuple[date, ...],
    den: int,
) -> list[BudgetComparison]:
    groups: dict[tuple[Dimension, str], dict[int, Decimal]] = {}
    for line in lines:
        groups.setdefault((line.dimension, line.key), {})[line.aar] = line.beloeb
    out = []
    for (dim, key), yearly in sorted(groups.items()):
        series = by_dimension[dim].get(key) or _empty(months, den)
        forecast = series.per_month()
        budget_month: dict[str, Decimal] = {}
        over: list[str] = []
        covered: dict[int, Fraction] = {}  # the budget of the months inside the horizon
        for i, m in enumerate(months):
            if m.year not in yearly:
                continue
            exact = Fraction(yearly[m.year]) * days_in_month(m) / days_in_year(m.year)
            covered[m.year] = covered.get(m.year, Fraction(0)) + exact
            budget_month[month_key(m)] = to_oere(exact)
            if series.exact_month(i) > exact:
                over.append(month_key(m))
        over_years = tuple(y for y, b in sorted(covered.items()) if series.exact_year(y) > b)
        out.append(
            BudgetComparison(
                dim, key, dict(sorted(yearly.items())), budget_month, forecast, tuple(over), over_years
            )
        )
    return out
