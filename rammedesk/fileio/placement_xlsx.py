"""One placement's cost to xlsx: the months with their lines, the years, and the inputs and
assumptions on their own sheet. Amounts are numeric cells (``#,##0.00``) from the shown,
øre-rounded values, so a SUM over a year's months in Excel equals the year's row (the file
holds no formulas itself). Text cells are string cells holding the text as it is
(:mod:`rammedesk.fileio.xlsx_text`), so none can become a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk import __version__
from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.costs.placement import CostLineKind, PlacementCost, PlacementSpec
from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.export_xlsx import MONEY_FORMAT
from rammedesk.fileio.xlsx_text import put_text, put_value
from rammedesk.presenters.formatting import MONTHS, format_date

SHEET = "Beregning"
YEARS_SHEET = "Pr. år"
INPUT_SHEET = "Forudsætninger"
KINDS = (CostLineKind.HOVED, CostLineKind.TIMETILLAEG, CostLineKind.DAGTILLAEG, CostLineKind.EGENBETALING)
HEADERS = ("År", "Måned", "Betalte dage", *(k.label for k in KINDS), "I alt (kr.)")
_HEADER_FILL = "1F3A5F"


def _header(ws: Any, titles: Sequence[str]) -> None:
    from openpyxl.styles import Font, PatternFill

    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=1, column=col)
        put_text(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    ws.freeze_panes = "A2"


def _money(ws: Any, row: int, col: int, value: Decimal) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.number_format = MONEY_FORMAT


def _inputs(spec: PlacementSpec, created: datetime) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("Takst (kr.)", spec.takst),
        ("Enhed", spec.unit.label),
        ("Takstens prisniveau (år)", spec.base_year),
        ("Start", format_date(spec.start)),
        ("Slut", format_date(spec.end) if spec.end else f"ingen (horisont {format_date(spec.stay_end)})"),
    ]
    if spec.tillaeg_rate is not None:
        rows += [
            ("Timetillæg (kr. pr. time)", spec.tillaeg_rate),
            ("Timer pr. uge", spec.tillaeg_hours_per_week),
        ]
    if spec.daily_tillaeg is not None:
        rows += [
            ("Dagtillæg (kr. pr. dag)", spec.daily_tillaeg),
            ("Andel af dagtillæg", spec.daily_tillaeg_fraction),
        ]
    if spec.notice_given is not None:
        rows += [
            ("Opsigelse givet", format_date(spec.notice_given)),
            ("Opsigelsesvarsel (dage)", spec.notice_days),
        ]
    if spec.egenbetaling_per_month is not None:
        rows.append(("Egenbetaling (kr. pr. måned)", spec.egenbetaling_per_month))
    if spec.pl_to_year is not None:
        rows.append(("P/L-fremskrevet til", spec.pl_to_year))
    if spec.pl_each_year:
        rows.append(("P/L", "løbende priser pr. år"))
    rows += [
        ("Beregnet", f"{format_date(created.date())} kl. {created:%H.%M}"),
        ("Program", f"RammeDesk {__version__}"),
    ]
    return rows


def write_cost_report(
    path: Path,
    result: PlacementCost,
    spec: PlacementSpec,
    pl_rates: Sequence[PLRate] = (),
    created: datetime | None = None,
) -> Path:
    """Write the report atomically; a failed write leaves no file (UserError)."""
    return write_atomically(
        path, lambda temp: _write(temp, result, spec, pl_rates, created or datetime.now())
    )


def _write(
    path: Path, result: PlacementCost, spec: PlacementSpec, pl_rates: Sequence[PLRate], created: datetime
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _header(ws, HEADERS)
    by_month: dict[tuple[int, int], dict[CostLineKind, Decimal]] = {}
    for line in result.lines:
        by_month.setdefault(line.month, {})[line.kind] = line.amount
    row = 2
    for (year, month), amount in result.per_month.items():
        ws.cell(row=row, column=1, value=year)
        put_text(ws.cell(row=row, column=2), MONTHS[month - 1])
        ws.cell(row=row, column=3, value=result.days_by_month.get((year, month), 0))
        for col, kind in enumerate(KINDS, start=4):
            if kind in by_month.get((year, month), {}):
                _money(ws, row, col, by_month[(year, month)][kind])
        _money(ws, row, len(HEADERS), amount)
        row += 1
    put_text(ws.cell(row=row, column=1), "I alt")
    ws.cell(row=row, column=1).font = Font(bold=True)
    ws.cell(row=row, column=3, value=result.days_charged)
    _money(ws, row, len(HEADERS), result.total)
    ws.cell(row=row, column=len(HEADERS)).font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (8, 12, 13, 16, 16, 16, 24, 18), strict=True):
        ws.column_dimensions[letter].width = width

    years = wb.create_sheet(YEARS_SHEET)
    _header(years, ("År", "Betalte dage", "Beløb (kr.)"))
    for r, (year, amount) in enumerate(result.per_year.items(), start=2):
        years.cell(row=r, column=1, value=year)
        years.cell(row=r, column=2, value=sum(d for (y, _), d in result.days_by_month.items() if y == year))
        _money(years, r, 3, amount)
    total_row = len(result.per_year) + 2
    put_text(years.cell(row=total_row, column=1), "I alt")
    years.cell(row=total_row, column=2, value=result.days_charged)
    _money(years, total_row, 3, result.total)
    years.column_dimensions["C"].width = 18

    inputs = wb.create_sheet(INPUT_SHEET)
    r = 1
    for label, value in _inputs(spec, created):
        put_text(inputs.cell(row=r, column=1), label)
        inputs.cell(row=r, column=1).font = Font(bold=True)
        put_value(inputs.cell(row=r, column=2), value)
        r += 1
    r += 1
    put_text(inputs.cell(row=r, column=1), "Forudsætninger")
    inputs.cell(row=r, column=1).font = Font(bold=True)
    for sentence in result.assumptions:
        r += 1
        put_text(inputs.cell(row=r, column=1), sentence)
    if pl_rates:
        r += 2
        for col, title in enumerate(("P/L-år", "Sats (%)", "Kilde"), start=1):
            put_text(inputs.cell(row=r, column=col), title)
            inputs.cell(row=r, column=col).font = Font(bold=True)
        for rate in pl_rates:
            r += 1
            inputs.cell(row=r, column=1, value=rate.year)
            inputs.cell(row=r, column=2, value=rate.rate_pct).number_format = "0.000"
            put_text(inputs.cell(row=r, column=3), rate.source)
    inputs.column_dimensions["A"].width = 34
    inputs.column_dimensions["B"].width = 30
    wb.active = 0
    wb.save(path)
