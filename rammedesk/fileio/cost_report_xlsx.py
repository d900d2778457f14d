"""Write a ``CostReport`` to xlsx (openpyxl, imported lazily), atomically.

One sheet per table (numbers are numeric cells from the exact Decimal, with formats that
show as 1.234,56 under a Danish locale; a bold totals row), a sheet "Grafdata" with each
chart's series, and the sheet "Forudsætninger": title, municipality, date, facts,
assumptions, conventions and the P/L table. Text cells are string cells holding the text as it
is (:mod:`rammedesk.fileio.xlsx_text`), so none can become a formula.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rammedesk.domain.costs.report import Cell, ColumnKind, CostReport, ReportChart, ReportTable
from rammedesk.domain.export import DEMO_WARNING
from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.xlsx_text import put_text, xml_safe

__all__ = ["write_cost_report_xlsx"]

ASSUMPTIONS_SHEET = "Forudsætninger"
CHART_SHEET = "Grafdata"
FORMATS = {
    ColumnKind.MONEY: "#,##0.00",
    ColumnKind.INT: "#,##0",
    ColumnKind.PERCENT: '0.0" %"',
    ColumnKind.NUMBER: "#,##0.00",
    ColumnKind.YEAR: "0",
}
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = "1F3A5F"
_TOTAL_FILL = "E8ECF2"


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_ILLEGAL.sub("-", xml_safe(title)).strip("'") or "Tabel"
    base = base[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _put(ws: Any, row: int, col: int, value: Cell, kind: ColumnKind, *, bold: bool = False) -> int:
    """Write one cell; returns the width it needs."""
    from openpyxl.styles import Alignment, Font

    if value is None or value == "":
        return 0
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        put_text(cell, value)
        width = len(value)
    else:
        cell.value = value
        cell.number_format = FORMATS.get(kind, "General")
        cell.alignment = Alignment(horizontal="right")
        width = len(f"{value:,.2f}") + 1
    if bold:
        cell.font = Font(bold=True)
    return width


def _write_table(ws: Any, table: ReportTable, report: CostReport) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    row = 1
    title = ws.cell(row=row, column=1)
    put_text(title, table.title)
    title.font = Font(bold=True, size=13)
    row += 1
    put_text(ws.cell(row=row, column=1), f"{report.municipality_text} · {report.created_text}")
    row += 1
    if report.is_demo:
        demo = ws.cell(row=row, column=1)
        put_text(demo, DEMO_WARNING)
        demo.font = Font(bold=True, color="9C2A00")
        row += 1
    row += 1
    header_row = row
    widths = [len(h) + 2 for h in table.headers]
    kinds = [table.kind(c) for c in range(len(table.headers))]
    for col, header in enumerate(table.headers, start=1):
        cell = ws.cell(row=row, column=col)
        put_text(cell, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        right = kinds[col - 1] is not ColumnKind.TEXT
        cell.alignment = Alignment(horizontal="right" if right else "left")
    for values in table.rows:
        row += 1
        for col, value in enumerate(values, start=1):
            widths[col - 1] = max(widths[col - 1], _put(ws, row, col, value, kinds[col - 1]) + 2)
    if table.totals is not None:
        row += 1
        for col, value in enumerate(table.totals, start=1):
            widths[col - 1] = max(widths[col - 1], _put(ws, row, col, value, kinds[col - 1], bold=True) + 2)
            ws.cell(row=row, column=col).fill = PatternFill("solid", fgColor=_TOTAL_FILL)
    if table.note:
        row += 2
        put_text(ws.cell(row=row, column=1), table.note)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(8, min(width, 60))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.right.text = "Side &P af &N"


def _write_chart_data(ws: Any, charts: tuple[ReportChart, ...]) -> None:
    from openpyxl.styles import Font

    row = 1
    for chart in charts:
        head = ws.cell(row=row, column=1)
        put_text(head, chart.title)
        head.font = Font(bold=True)
        row += 1
        series = [*chart.series, *([chart.budget] if chart.budget else [])]
        put_text(ws.cell(row=row, column=1), "")
        for col, s in enumerate(series, start=2):
            cell = ws.cell(row=row, column=col)
            put_text(cell, s.label)
            cell.font = Font(bold=True)
        for x in chart.x_labels:
            row += 1
            put_text(ws.cell(row=row, column=1), x)
            for col, s in enumerate(series, start=2):
                value = dict(s.points).get(x)
                _put(ws, row, col, value, ColumnKind.MONEY)
        row += 2
    ws.column_dimensions["A"].width = 16
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 18


def _write_assumptions(ws: Any, report: CostReport) -> None:
    from openpyxl.styles import Alignment, Font

    row = 1
    bold = Font(bold=True)

    def pair(label: str, value: Cell, kind: ColumnKind = ColumnKind.TEXT) -> None:
        nonlocal row
        cell = ws.cell(row=row, column=1)
        put_text(cell, label)
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
        if isinstance(value, str):
            put_text(ws.cell(row=row, column=2), value)
            ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        else:
            _put(ws, row, 2, value, kind)
        row += 1

    def heading(text: str) -> None:
        nonlocal row
        row += 1
        cell = ws.cell(row=row, column=1)
        put_text(cell, text)
        cell.font = Font(bold=True, size=12)
        row += 1

    if report.is_demo:
        cell = ws.cell(row=row, column=1)
        put_text(cell, DEMO_WARNING)
        cell.font = Font(bold=True, color="9C2A00")
        row += 2
    pair("Rapport", report.title)
    pair("Kommune", report.municipality_text)
    pair("Udarbejdet", report.created_text)
    pair("Program", f"RammeDesk {report.version}")
    for label, value in report.facts:
        pair(label, value)
    if report.assumptions:
        heading("Forudsætninger")
        for number, text in enumerate(report.assumptions, start=1):
            pair(str(number), text)
    if report.conventions:
        heading("Konventioner")
        for number, text in enumerate(report.conventions, start=1):
            pair(str(number), text)
    heading("P/L-tabel")
    if report.pl_note:
        pair("Brugt", report.pl_note)
    if report.pl_rates:
        for col, header in enumerate(("År", "Sats (%)", "Kilde"), start=1):
            cell = ws.cell(row=row, column=col)
            put_text(cell, header)
            cell.font = bold
        row += 1
        for rate in report.pl_rates:
            _put(ws, row, 1, rate.year, ColumnKind.YEAR)
            _put(ws, row, 2, rate.rate_pct, ColumnKind.NUMBER)
            _put(ws, row, 3, rate.source, ColumnKind.TEXT)
            row += 1
    else:
        pair("", "P/L-tabellen er tom.")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 30


def write_cost_report_xlsx(path: Path, report: CostReport) -> Path:
    """Write ``report`` to ``path`` (replaced atomically); returns the path."""

    def write(temp: Path) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        taken: set[str] = {ASSUMPTIONS_SHEET.lower(), CHART_SHEET.lower()}
        first = True
        for table in report.tables:
            ws = wb.active if first else wb.create_sheet()
            ws.title = _sheet_title(table.title, taken)
            _write_table(ws, table, report)
            first = False
        if report.charts:
            _write_chart_data(wb.create_sheet(CHART_SHEET), report.charts)
        assumptions = wb.active if first else wb.create_sheet()
        assumptions.title = ASSUMPTIONS_SHEET
        _write_assumptions(assumptions, report)
        props = wb.properties
        props.title = xml_safe(report.title)
        props.creator = f"RammeDesk {report.version}"
        props.subject = xml_safe(report.municipality_text)
        props.keywords = "RammeDesk; DEMODATA" if report.is_demo else "RammeDesk"
        wb.active = 0
        wb.save(temp)

    return write_atomically(path, write)
