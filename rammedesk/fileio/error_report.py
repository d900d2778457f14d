"""The rejected rows of an import as an xlsx error report (file, sheet, row, column, reason).

File and sheet names and the reasons quote the takstfil; they are string cells holding the text
as it is (:mod:`rammedesk.fileio.xlsx_text`), never formulas.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rammedesk.domain.takstfil import RowError
from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.xlsx_text import append_row

HEADERS = ("Fil", "Ark", "Række", "Kolonne", "Hvad er galt, og hvad skal du gøre")


def write_error_report(path: Path, errors: Sequence[RowError]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "Afviste rækker"
    append_row(ws, HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for e in errors:
        append_row(ws, (e.file, e.sheet, e.row, e.column or "", e.reason))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{max(1, len(errors) + 1)}"
    for letter, width in zip("ABCDE", (28, 18, 8, 9, 100), strict=True):
        ws.column_dimensions[letter].width = width
    return write_atomically(path, wb.save)
