"""Scenarios: named overrides of the portfolio's assumptions, projected and compared to the base.

    apply_scenario(portfolio, scenario) → Portfolio (the changed assumptions)
    run_scenarios(portfolio, scenarios, settings, pl, conventions) → Comparison

An override changes takster by a percentage (rounded once per takst to øre: a takst is a
price in øre), sets or scales tillæg hours, moves planned end dates, adds til-/afgang, or swaps
the P/L table. Filters pick placements by a dimension value (e.g. paragraf SEL_108).
Differences are computed on the exact values and rounded once, half-up to øre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from rammedesk.domain.costs.money import format_kr
from rammedesk.domain.costs.placement import MONTHS, format_date
from rammedesk.domain.portfolio.calendar import add_months, month_end
from rammedesk.domain.portfolio.model import Afgang, Dimension, Placement, Portfolio, Tilgang
from rammedesk.domain.portfolio.projection import (
    ConventionsLike,
    FactorSource,
    Projection,
    ProjectionSettings,
    project,
    to_oere,
)

OERE = Decimal("0.01")


@dataclass(frozen=True)
class Filter:
    """Placements whose ``dimension`` value is ``key``; None = all placements."""

    dimension: Dimension
    key: str

    def matches(self, p: Placement) -> bool:
        return p.key(self.dimension) == (self.key or "(ikke angivet)")

    def describe(self) -> str:
        return f"{self.dimension.label.lower()} {self.key}"


@dataclass(frozen=True)
class TakstChange:
    pct: Decimal
    filter: Filter | None = None

    def describe(self) -> str:
        sign = "+" if self.pct > 0 else ""
        return f"Takst {sign}{_number(self.pct)} %{_where(self.filter)} (afrundet til øre pr. takst)."


@dataclass(frozen=True)
class TillaegHours:
    """Set tillæg hours per week (``timer``) or scale them (``faktor``)."""

    timer: Decimal | None = None
    faktor: Decimal | None = None
    filter: Filter | None = None

    def describe(self) -> str:
        if self.timer is not None:
            return f"Tillægstimer sat til {_number(self.timer)} pr. uge{_where(self.filter)}."
        return f"Tillægstimer ganget med {_number(self.faktor or Decimal(1))}{_where(self.filter)}."


@dataclass(frozen=True)
class EndChange:
    """A new planned end for one case (``slut`` None = open-ended), or all ends moved by months."""

    sagsnummer: str = ""
    slut: date | None = None
    flyt_mdr: int = 0
    filter: Filter | None = None

    def describe(self) -> str:
        if self.sagsnummer:
            new = format_date(self.slut) if self.slut else "ingen (løbende)"
            return f"Sag {self.sagsnummer}: ny slutdato {new}."
        sign = "+" if self.flyt_mdr > 0 else ""
        return f"Planlagte slutdatoer flyttet {sign}{self.flyt_mdr} måneder{_where(self.filter)}."


@dataclass(frozen=True)
class ExtraTilgang:
    tilgang: Tilgang

    def describe(self) -> str:
        t = self.tilgang
        lasting = f", {t.varighed_mdr} måneder hver" if t.varighed_mdr else ", løbende"
        what = f" ({t.paragraf})" if t.paragraf else ""
        return (
            f"Tilgang »{t.navn}«{what}: {t.antal} nye pr. måned {_period(t.fra, t.til)}, "
            f"takst {format_kr(t.takst)} kr. pr. {t.enhed.label} (takstår {t.takst_aar}){lasting}."
        )


@dataclass(frozen=True)
class ExtraAfgang:
    afgang: Afgang

    def describe(self) -> str:
        a = self.afgang
        where = f" for {a.dimension.label.lower()} {a.key}" if a.dimension is not None else ""
        return f"Afgang »{a.navn}«: {a.antal} pr. måned {_period(a.fra, a.til)}{where}."


Override = TakstChange | TillaegHours | EndChange | ExtraTilgang | ExtraAfgang


@dataclass(frozen=True)
class Scenario:
    navn: str
    aendringer: tuple[Override, ...] = ()
    pl: FactorSource | None = None  # another P/L table; None = the base table
    pl_beskrivelse: str = ""
    beskrivelse: str = ""

    def describe(self) -> list[str]:
        lines = [o.describe() for o in self.aendringer]
        if self.pl is not None:
            lines.append(f"Anden P/L-tabel: {self.pl_beskrivelse or 'fra scenariet'}.")
        return lines


def _where(f: Filter | None) -> str:
    return f" for {f.describe()}" if f else ""


def _number(value: Decimal) -> str:
    """Danish: whole numbers bare (3), others with two decimals (2,50)."""
    return format_kr(value, 0 if value == value.to_integral() else 2)


def _month(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _period(fra: date, til: date | None) -> str:
    if til is not None and (til.year, til.month) == (fra.year, fra.month):
        return f"i {_month(fra)}"
    return f"fra {_month(fra)}" + (f" til {_month(til)}" if til else " og frem")


def _matches(f: Filter | None, p: Placement) -> bool:
    return f is None or f.matches(p)


def _one(p: Placement, o: Override) -> Placement:
    if isinstance(o, TakstChange) and _matches(o.filter, p):
        takst = (p.takst * (1 + o.pct / 100)).quantize(OERE, rounding=ROUND_HALF_UP)
        return replace(p, takst=takst)
    if isinstance(o, TillaegHours) and _matches(o.filter, p):
        hours = o.timer if o.timer is not None else p.tillaeg_timer_pr_uge * (o.faktor or Decimal(1))
        return replace(p, tillaeg_timer_pr_uge=hours.quantize(OERE, rounding=ROUND_HALF_UP))
    if isinstance(o, EndChange):
        if o.sagsnummer and p.sagsnummer == o.sagsnummer:
            return replace(p, slut=o.slut)
        if not o.sagsnummer and p.slut is not None and _matches(o.filter, p):
            return replace(p, slut=max(p.start, move_months(p.slut, o.flyt_mdr)))
    return p


def move_months(day: date, months: int) -> date:
    """The same day ``months`` later; a month's last day stays the last day (31 Jan + 1 = 28/29 Feb)."""
    old_end = month_end(date(day.year, day.month, 1))
    new_end = month_end(add_months(date(day.year, day.month, 1), months))
    return new_end if day == old_end else new_end.replace(day=min(day.day, new_end.day))


def apply_scenario(portfolio: Portfolio, scenario: Scenario) -> Portfolio:
    placements = list(portfolio.placements)
    tilgang = list(portfolio.tilgang)
    afgang = list(portfolio.afgang)
    for o in scenario.aendringer:
        if isinstance(o, ExtraTilgang):
            tilgang.append(o.tilgang)
        elif isinstance(o, ExtraAfgang):
            afgang.append(o.afgang)
        else:
            placements = [_one(p, o) for p in placements]
        # Takst and hours changes reach the expected new placements too.
        if isinstance(o, TakstChange | TillaegHours):
            tilgang = [_tilgang(t, o) for t in tilgang]
    return replace(portfolio, placements=tuple(placements), tilgang=tuple(tilgang), afgang=tuple(afgang))


def _tilgang(t: Tilgang, o: TakstChange | TillaegHours) -> Tilgang:
    probe = Placement(
        sagsnummer="x",
        takst=t.takst,
        enhed=t.enhed,
        takst_aar=t.takst_aar,
        start=t.fra,
        tilbud_navn=t.tilbud_navn,
        driftsherre=t.driftsherre,
        paragraf=t.paragraf,
        maalgruppe=t.maalgruppe,
        gruppe=t.gruppe,
        tillaeg_timesats=t.tillaeg_timesats,
        tillaeg_timer_pr_uge=t.tillaeg_timer_pr_uge,
    )
    changed = _one(probe, o)
    return replace(t, takst=changed.takst, tillaeg_timer_pr_uge=changed.tillaeg_timer_pr_uge)


@dataclass(frozen=True)
class YearDiff:
    year: int
    base: Decimal
    scenario: Decimal
    difference: Decimal  # exact difference, rounded once
    base_fixed: Decimal
    scenario_fixed: Decimal
    difference_fixed: Decimal


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    projection: Projection
    years: tuple[YearDiff, ...]
    total_difference: Decimal


@dataclass(frozen=True)
class Comparison:
    base: Projection
    scenarios: tuple[ScenarioResult, ...] = field(default_factory=tuple)


def compare(base: Projection, scenario: Scenario, projection: Projection) -> ScenarioResult:
    years = []
    for y in base.years:
        b, s = base.total.exact_year(y), projection.total.exact_year(y)
        bf, sf = base.total.exact_year(y, fixed=True), projection.total.exact_year(y, fixed=True)
        years.append(
            YearDiff(
                y,
                base.total.per_year()[y],
                projection.total.per_year()[y],
                to_oere(s - b),
                base.total.per_year(fixed=True)[y],
                projection.total.per_year(fixed=True)[y],
                to_oere(sf - bf),
            )
        )
    total = sum((projection.total.exact_year(y) - base.total.exact_year(y) for y in base.years), Fraction(0))
    return ScenarioResult(scenario, projection, tuple(years), to_oere(total))


def run_scenarios(
    portfolio: Portfolio,
    scenarios: Sequence[Scenario],
    settings: ProjectionSettings,
    pl: FactorSource,
    conventions: ConventionsLike,
) -> Comparison:
    base = project(portfolio, settings, pl, conventions)
    results = []
    for sc in scenarios:
        changed = apply_scenario(portfolio, sc)
        proj = project(changed, settings, sc.pl or pl, conventions)
        results.append(compare(base, sc, proj))
    return Comparison(base, tuple(results))
