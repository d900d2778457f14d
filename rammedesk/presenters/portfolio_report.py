"""The projection and the scenario comparison as ``CostReport`` documents for the shared writers
(``fileio/cost_report_xlsx.py`` / ``cost_report_pdf.py``): numbers as exact Decimals, the
assumptions, conventions and P/L table beside them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS
from rammedesk.domain.costs.pl import PLTable
from rammedesk.domain.costs.report import Cell, ChartSeries, ColumnKind, CostReport, ReportChart, ReportTable
from rammedesk.domain.portfolio.model import Portfolio
from rammedesk.domain.portfolio.projection import Projection
from rammedesk.domain.portfolio.scenarios import Comparison
from rammedesk.presenters import scenarios as sc
from rammedesk.presenters.portfolio import (
    TOTAL_DIMENSIONS,
    BudgetSubject,
    assumption_lines,
    budget_note,
    month_label,
    month_rows,
    over_budget_summary,
    whole_kr,
)

M, T, Y = ColumnKind.MONEY, ColumnKind.TEXT, ColumnKind.YEAR


def _pl(projection: Projection, pl: PLTable) -> tuple[tuple[Any, ...], str]:
    a = projection.assumptions
    last = projection.years[-1]
    used = tuple(r for r in pl.rates if any(b < r.year <= last for b in a.takst_years))
    bases = ", ".join(str(b) for b in a.takst_years) or "ingen"
    note = f"Takstår {bases}, fremskrevet til hvert års priser til og med {last}"
    return used, f"{note}; faste priser: {a.fixed_price_year}."


def _month_table(projection: Projection, subject: BudgetSubject) -> tuple[ReportTable, list[Any]]:
    rows = month_rows(projection, subject)
    table = ReportTable(
        "Pr. måned",
        (
            "Måned",
            "Prognose (kr.)",
            "Faste priser (kr.)",
            "Budget (kr.)",
            "Forskel (kr.)",
            "Over budget",
        ),
        tuple(
            (
                month_label(r.month),
                r.forecast,
                r.forecast_fixed,
                r.budget,
                None if r.budget is None else r.forecast - r.budget,
                "ja" if r.over else "",
            )
            for r in rows
        ),
        kinds=(T, M, M, M, M, T),
        note=(
            f"Prognose i løbende priser; forskel = prognose − budget. {budget_note(projection, subject)} "
            f"{over_budget_summary(rows)}"
        ),
    )
    return table, rows


def _year_table(projection: Projection) -> ReportTable:
    run, fixed = projection.total.per_year(), projection.total.per_year(fixed=True)
    return ReportTable(
        "Pr. år",
        ("År", "Løbende priser (kr.)", "Faste priser (kr.)"),
        tuple((y, run[y], fixed[y]) for y in projection.years),
        kinds=(Y, M, M),
        totals=("I alt", projection.total.total(), projection.total.total(fixed=True)),
    )


WIDE_YEARS = 3  # up to this many years a group's years are columns; more would not fit a page


def _dimension_table(projection: Projection, dim: Any) -> ReportTable:
    years = projection.years
    total = projection.total.per_year()
    rows: list[tuple[Cell, ...]] = []
    if len(years) <= WIDE_YEARS:
        for key, series in projection.by_dimension[dim].items():
            per_year = series.per_year()
            rows.append((key, *(per_year.get(y, Decimal(0)) for y in years), series.total()))
        return ReportTable(
            f"Pr. {dim.label.lower()}",
            (dim.label, *(f"{y} (kr.)" for y in years), "I alt (kr.)"),
            tuple(rows),
            kinds=(T, *(M for _ in years), M),
            totals=("I alt", *(total[y] for y in years), projection.total.total()),
        )
    for key, series in projection.by_dimension[dim].items():
        run, fixed = series.per_year(), series.per_year(fixed=True)
        rows.extend((key, y, run.get(y, Decimal(0)), fixed.get(y, Decimal(0))) for y in years)
        rows.append((key, "I alt", series.total(), series.total(fixed=True)))
    return ReportTable(
        f"Pr. {dim.label.lower()}",
        (dim.label, "År", "Løbende priser (kr.)", "Faste priser (kr.)"),
        tuple(rows),
        kinds=(T, T, M, M),
        totals=("I alt", "", projection.total.total(), projection.total.total(fixed=True)),
    )


def projection_report(
    portfolio: Portfolio,
    projection: Projection,
    pl: PLTable,
    *,
    subject: BudgetSubject | None = None,
    created: datetime,
    version: str,
    is_demo: bool = False,
    municipality: str = "",
) -> CostReport:
    subject = subject or BudgetSubject("Hele porteføljen", None)
    months_table, rows = _month_table(projection, subject)
    a = projection.assumptions
    pl_rates, pl_note = _pl(projection, pl)
    chart = ReportChart(
        "Prognose og budget pr. måned" + ("" if subject.dimension is None else f" – {subject.label}"),
        (ChartSeries("Prognose", tuple((month_label(r.month), r.forecast) for r in rows)),),
        budget=(
            ChartSeries(
                "Budget", tuple((month_label(r.month), r.budget) for r in rows if r.budget is not None)
            )
            if any(r.budget is not None for r in rows)
            else None
        ),
    )
    return CostReport(
        title=f"Fremskrivning af porteføljen »{portfolio.navn}«",
        municipality=portfolio.kommune or municipality,
        created=created,
        version=version,
        facts=(
            ("Portefølje", portfolio.navn),
            ("Periode", f"{month_label(projection.months[0])} – {month_label(projection.months[-1])}"),
            ("Kendte anbringelser", str(a.placements_known)),
            ("Forventede nye / afgange", f"{a.placements_generated} / {a.placements_ended_by_afgang}"),
            ("I alt, løbende priser", f"{whole_kr(projection.total.total())} kr."),
            (
                "I alt, faste priser",
                f"{whole_kr(projection.total.total(fixed=True))} kr. ({a.fixed_price_year}-priser)",
            ),
        ),
        assumptions=tuple(assumption_lines(projection)),
        conventions=tuple(DEFAULT_CONVENTIONS.describe()),
        pl_rates=pl_rates,
        pl_note=pl_note,
        tables=(
            _year_table(projection),
            months_table,
            *(_dimension_table(projection, d) for d in TOTAL_DIMENSIONS),
        ),
        charts=(chart,),
        is_demo=is_demo,
    )


def comparison_report(
    portfolio: Portfolio,
    comparison: Comparison,
    pl: PLTable,
    documents: Sequence[dict[str, Any]],
    *,
    created: datetime,
    version: str,
    is_demo: bool = False,
    municipality: str = "",
) -> CostReport:
    base = comparison.base
    years = base.years

    # Long format (a row per year and scenario) keeps four columns for any number of scenarios.
    results = [(r.scenario.navn, r) for r in comparison.scenarios]

    def per_year(fixed: bool) -> ReportTable:
        base_years = base.total.per_year(fixed)
        rows: list[tuple[Cell, ...]] = []
        for i, y in enumerate(years):
            rows.append((y, "Basis", base_years[y], None))
            for name, r in results:
                d = r.years[i]
                rows.append(
                    (
                        y,
                        name,
                        d.scenario_fixed if fixed else d.scenario,
                        d.difference_fixed if fixed else d.difference,
                    )
                )
        prices = "faste priser" if fixed else "løbende priser"
        return ReportTable(
            f"Pr. år, {prices}",
            ("År", "Scenarie", f"Udgift, {prices} (kr.)", "Forskel fra basis (kr.)"),
            tuple(rows),
            kinds=(Y, T, M, M),
        )

    totals: list[tuple[Cell, ...]] = [("Basis", base.total.total(), None, base.total.total(fixed=True), None)]
    totals += [
        (
            name,
            r.projection.total.total(),
            sc.total_difference(comparison, r),
            r.projection.total.total(fixed=True),
            sc.total_difference(comparison, r, fixed=True),
        )
        for name, r in results
    ]
    whole = ReportTable(
        "Hele perioden",
        ("Scenarie", "Løbende priser (kr.)", "Forskel (kr.)", "Faste priser (kr.)", "Forskel, faste (kr.)"),
        tuple(totals),
        kinds=(T, M, M, M, M),
    )

    described = ReportTable(
        "Scenarierne",
        ("Scenarie", "Ændringer"),
        tuple((str(d.get("navn", "")), " ".join(sc.describe(d))) for d in documents),
        kinds=(T, T),
    )
    months, lines = sc.chart_lines(comparison)
    chart = ReportChart(
        "Udgift pr. måned, løbende priser",
        tuple(
            ChartSeries(name, tuple((month_label(m), v) for m, v in zip(months, vs, strict=True)))
            for name, vs in lines
        ),
    )
    pl_rates, pl_note = _pl(base, pl)
    facts = [
        ("Portefølje", portfolio.navn),
        ("Periode", f"{month_label(months[0])} – {month_label(months[-1])}"),
    ]
    facts += [
        (r.scenario.navn, f"{sc.signed(r.total_difference)} kr. i forhold til basis")
        for r in comparison.scenarios
    ]
    return CostReport(
        title=f"Scenarier for porteføljen »{portfolio.navn}«",
        municipality=portfolio.kommune or municipality,
        created=created,
        version=version,
        facts=tuple(facts),
        assumptions=tuple(assumption_lines(base)),
        conventions=tuple(DEFAULT_CONVENTIONS.describe()),
        pl_rates=pl_rates,
        pl_note=pl_note,
        tables=(whole, per_year(False), per_year(True), described),
        charts=(chart,),
        is_demo=is_demo,
    )
