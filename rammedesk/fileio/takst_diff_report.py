"""The dry-run diff of an import (old → new takst, % change) as an xlsx file: changed takster,
and new takster against the takst of the year before.

Amounts are numeric cells; the names from the takstfil are string cells holding the text as it
is (:mod:`rammedesk.fileio.xlsx_text`), never formulas.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.xlsx_text import append_row, xml_safe

HEADERS = (
    "Ark",
    "Række",
    "Tilbud",
    "Afdeling",
    "Ydelse",
    "År",
    "Taksttype",
    "Sammenlignet med",
    "Gammel takst",
    "Ny takst",
    "Ændring %",
)
MONEY_FORMAT = "#,##0.00"


def _money(value: Decimal | None) -> object:
    return "individuel pris" if value is None else value


def write_diff_report(path: Path, changes: Sequence[Any], source_file: str) -> Path:
    """``changes``: services.import_report.TakstChange. Amounts are numbers; individuel pris is text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Ændringer"
    append_row(ws, HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for c in changes:
        append_row(
            ws,
            (
                c.sheet,
                c.row,
                c.tilbud,
                c.afdeling,
                c.ydelse,
                c.aar,
                c.art,
                c.compared_with,
                _money(c.old),
                _money(c.new),
                c.pct,
            ),
        )
    for row in ws.iter_rows(min_row=2, min_col=9, max_col=11):
        for cell in row:
            if isinstance(cell.value, (Decimal, int, float)):
                cell.number_format = MONEY_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:K{max(1, len(changes) + 1)}"
    for letter, width in zip("ABCDEFGHIJK", (14, 8, 30, 24, 20, 7, 12, 22, 14, 14, 11), strict=True):
        ws.column_dimensions[letter].width = width
    wb.properties.title = xml_safe(f"Ændringer i takster fra {source_file}")
    return write_atomically(path, wb.save)
