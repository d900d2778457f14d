"""Write a portfolio projection (and its scenarios) to xlsx, atomically.

Sheets: "Pr. måned" (base and each scenario, løbende and faste priser), "Pr. år" (with the
differences to the base), "Grupper" (per paragraf, målgruppe, gruppe, tilbud, driftsherre and
year), "Budget mod prognose" (budget against forecast per month, months over budget marked), and the inputs
on their own sheets: "Forudsætninger" (P/L table, factors, conventions, rules, scenarios) and
"Anbringelser" (the placements projected, generated ones included). Amounts are numeric cells
with ``#,##0.00``; text cells are string cells holding the text as it is
(:mod:`rammedesk.fileio.xlsx_text`), so no cell becomes a formula and the "Anbringelser" sheet
reads back as an import with the same names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk.domain.costs.pl import PLTable
from rammedesk.domain.portfolio.calendar import month_key
from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.portfolio.scenarios import Comparison
from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.export_xlsx import MONEY_FORMAT
from rammedesk.fileio.xlsx_text import put_text, xml_safe

_HEADER_FILL = "1F3A5F"
# The placements sheet uses the import's own column names, so it can be read back in.
PLACEMENT_HEADERS = (
    "Sagsnummer", "Tilbud", "Driftsherre", "Paragraf", "Målgruppe", "Gruppe", "Takst", "Enhed", "Takstår",
    "Start", "Slut", "Opsigelse givet", "Varsel (dage)", "Timesats", "Timer pr. uge", "Egenbetaling",
)  # fmt: skip
_OVER_FILL = "F8D7DA"


@dataclass(frozen=True)
class PortfolioExportMeta:
    title: str  # e.g. "Portefølje Budget 2027 (portefølje.xlsx)"
    kommune: str
    created: str  # "23.11.2026 kl. 22.10"
    version: str
    conventions: tuple[str, ...]
    pl: PLTable


class _Sheet:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0
        self.widths: dict[int, int] = {}

    def header(self, titles: Sequence[str]) -> None:
        from openpyxl.styles import Font, PatternFill

        self.put(titles)
        for col in range(1, len(titles) + 1):
            cell = self.ws.cell(row=self.row, column=col)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.ws.freeze_panes = self.ws.cell(row=self.row + 1, column=1).coordinate

    def put(self, values: Sequence[object], fill: str | None = None) -> None:
        from openpyxl.styles import PatternFill

        self.row += 1
        for col, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = self.ws.cell(row=self.row, column=col)
            if isinstance(value, str):
                put_text(cell, value)
                width = len(value) + 2
            else:
                cell.value = value
                if isinstance(value, Decimal):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                width = 14
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            self.widths[col] = max(self.widths.get(col, 8), min(width, 60))

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.page_setup.orientation = "landscape"
        self.ws.oddFooter.right.text = "Side &P af &N"


def write_projection_xlsx(path: Path, comparison: Comparison, meta: PortfolioExportMeta) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    base = comparison.base
    names = ["Basis"] + [r.scenario.navn for r in comparison.scenarios]
    series = [base.total] + [r.projection.total for r in comparison.scenarios]

    months = _Sheet(wb.active)
    months.ws.title = "Pr. måned"
    months.header(
        ["Måned"] + [f"{n} (løbende priser)" for n in names] + [f"{n} (faste priser)" for n in names]
    )
    running = [s.per_month() for s in series]
    fixed = [s.per_month(fixed=True) for s in series]
    for m in base.months:
        key = month_key(m)
        months.put([key] + [r[key] for r in running] + [f[key] for f in fixed])
    months.finish()

    years = _Sheet(wb.create_sheet("Pr. år"))
    head = ["År", "Basis (løbende)", "Basis (faste)"]
    for r in comparison.scenarios:
        head += [f"{r.scenario.navn} (løbende)", "Forskel", f"{r.scenario.navn} (faste)", "Forskel (faste)"]
    years.header(head)
    base_years, base_fixed = base.total.per_year(), base.total.per_year(fixed=True)
    for y in base.years:
        values: list[object] = [y, base_years[y], base_fixed[y]]
        for r in comparison.scenarios:
            d = next(x for x in r.years if x.year == y)
            values += [d.scenario, d.difference, d.scenario_fixed, d.difference_fixed]
        years.put(values)
    years.put(["I alt", base.total.total(), base.total.total(fixed=True)])
    years.finish()

    groups = _Sheet(wb.create_sheet("Grupper"))
    groups.header(["Opdelt efter", "Gruppe"] + [str(y) for y in base.years] + ["I alt"])
    for dim in Dimension:
        for key, s in base.by_dimension[dim].items():
            per_year = s.per_year()
            groups.put([dim.label, key] + [per_year[y] for y in base.years] + [s.total()])
    groups.finish()

    budget = _Sheet(wb.create_sheet("Budget mod prognose"))
    budget.header(["Opdelt efter", "Gruppe", "Måned", "Budget", "Prognose", "Over budget"])
    for c in base.budget:
        for key, amount in c.budget_per_month.items():
            over = key in c.over_months
            budget.put(
                [c.dimension.label, c.key, key, amount, c.forecast_per_month[key], "ja" if over else "nej"],
                fill=_OVER_FILL if over else None,
            )
    budget.finish()

    _assumptions(_Sheet(wb.create_sheet("Forudsætninger")), comparison, meta)
    _placements(_Sheet(wb.create_sheet("Anbringelser")), comparison)
    wb.properties.title = xml_safe(meta.title)
    wb.properties.creator = f"RammeDesk {meta.version}"
    return write_atomically(path, wb.save)


def _assumptions(sheet: _Sheet, comparison: Comparison, meta: PortfolioExportMeta) -> None:
    a = comparison.base.assumptions
    sheet.header(["Forudsætning", "Værdi"])
    sheet.put(["Portefølje", meta.title])
    if meta.kommune:
        sheet.put(["Kommune", meta.kommune])
    sheet.put(["Lavet", meta.created])
    sheet.put(["Program", f"RammeDesk {meta.version}"])
    sheet.put(["Periode", f"{month_key(a.start)} og {a.months} måneder frem"])
    sheet.put(["Faste priser", f"{a.fixed_price_year}-priser"])
    sheet.put(["Takstår (P/L-basisår)", ", ".join(str(y) for y in a.takst_years) or "(ingen)"])
    sheet.put(["Kendte anbringelser", a.placements_known])
    sheet.put(["Forventede nye (tilgang)", a.placements_generated])
    sheet.put(["Afsluttet af afgang", a.placements_ended_by_afgang])
    for line in meta.conventions:
        sheet.put(["Regel", line])
    for line in a.rules:
        sheet.put(["Regel", line])
    sheet.put([])
    sheet.put(["P/L-tabel: år", "Sats (%)", "Kilde"])
    for rate in meta.pl.rates:
        sheet.put([rate.year, rate.rate_pct, rate.source])
    sheet.put([])
    sheet.put(["P/L-faktor fra takstår", "til år", "Faktor"])
    for (base, target), factor in sorted(a.pl_factors.items()):
        if target > base:
            sheet.put([base, target, float(factor)])
    for r in comparison.scenarios:
        sheet.put([])
        sheet.put([f"Scenarie: {r.scenario.navn}", r.scenario.beskrivelse])
        for line in r.scenario.describe():
            sheet.put(["Ændring", line])
    sheet.finish()


def _placements(sheet: _Sheet, comparison: Comparison) -> None:
    sheet.header(PLACEMENT_HEADERS)
    for p in comparison.base.placements:
        sheet.put(
            [
                p.sagsnummer,
                p.tilbud_navn,
                p.driftsherre,
                p.paragraf,
                p.maalgruppe,
                p.gruppe,
                p.takst,
                p.enhed.label,
                p.takst_aar,
                p.start,
                p.slut,
                p.opsigelse_givet,
                p.varsel_dage,
                p.tillaeg_timesats,
                float(p.tillaeg_timer_pr_uge),
                p.egenbetaling_maaned,
            ]
        )
    sheet.finish()
