"""Write an export to xlsx (openpyxl, imported lazily so program start stays fast).

Sheet "Tilbud": one header row (frozen, autofilter, repeated on every printed page), one row
per afdeling. Amounts are numeric cells built from the exact ``Decimal`` (xlsx stores IEEE
doubles anyway; openpyxl writes the Decimal's own digits) with the format ``#,##0.00``, which
Excel and LibreOffice show as 4.155,00 under a Danish locale. "individuel pris" is text in the
same column. Every text cell is written with :func:`~rammedesk.fileio.xlsx_text.put_text`: a
string cell holding the text exactly as it is, so no cell can become a formula (see that
module for the rule).

Sheet "Om udtrækket": what produced the file (query, filters, created, data as-of, version,
the DEMODATA warning). The same facts go into the workbook's document properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rammedesk.domain.export import DEMO_WARNING, HEADERS, ExportMeta, ExportRow
from rammedesk.fileio.xlsx_text import put_text, xml_safe
from rammedesk.presenters.formatting import format_date, format_int

DATA_SHEET = "Tilbud"
META_SHEET = "Om udtrækket"
MONEY_FORMAT = "#,##0.00"
INT_FORMAT = "0"
_MIN_WIDTH = 6
_MAX_WIDTH = 60
_WRAP_WIDTH = 50  # text columns wider than this wrap instead of growing
_PRINT_HEADER_MAX = 120


_HEADER_FILL = "1F3A5F"
_DEMO_FILL = "FFF3CD"
_DEMO_FONT = "9C2A00"


def created_text(meta: ExportMeta) -> str:
    return f"{format_date(meta.created.date())} kl. {meta.created:%H.%M}"


def meta_lines(meta: ExportMeta, exported: int) -> list[tuple[str, str]]:
    """The provenance as (label, value) pairs, shared by the xlsx info sheet and the pdf."""
    lines = [("Udtræk", meta.title)]
    lines.append(("Søgning", meta.query if meta.query.strip() else "(ingen søgetekst – alle tilbud)"))
    if meta.facets:
        lines.extend((f"Filter: {title}", value) for title, value in meta.facets)
    else:
        lines.append(("Filtre", "(ingen)"))
    shown = format_int(exported)
    total = format_int(meta.total)
    unit = "afdeling" if meta.total == 1 else "afdelinger"
    lines.append(("Antal", f"{shown} af {total} {unit}" if exported != meta.total else f"{shown} {unit}"))
    lines.append(("Udtrukket", created_text(meta)))
    lines.append(("Data pr.", format_date(meta.data_as_of) if meta.data_as_of else "ukendt"))
    lines.append(("Program", f"RammeDesk {meta.version}"))
    return lines


def _row_values(row: ExportRow) -> list[object]:
    return [
        row.tilbud,
        row.afdeling,
        row.kommune,
        row.region,
        row.driftsherre,
        row.paragraffer,
        row.maalgrupper,
        row.takst if row.takst is not None else row.takst_text,
        row.enhed,
        row.aar,
        row.pladser,
        row.note,
        row.tilbud_id,
        row.afdeling_id,
    ]


def write_xlsx(path: Path, rows: Sequence[ExportRow], meta: ExportMeta) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    money_col = HEADERS.index("Takst (kr.)") + 1
    widths = [len(h) + 3 for h in HEADERS]  # room for the autofilter button

    for col, title in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=col)
        put_text(cell, title)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", horizontal="right" if col == money_col else "left")

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    right_top = Alignment(horizontal="right", vertical="top")
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(_row_values(row), start=1):
            if value is None or value == "":
                continue  # no cell at all: an empty cell stays empty for filters and sums
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                put_text(cell, value)
                longest = max(len(line) for line in value.splitlines() or [""])
                if col == money_col:
                    cell.alignment = right_top
                else:
                    cell.alignment = wrap if longest > _WRAP_WIDTH or "\n" in value else top
                widths[col - 1] = max(widths[col - 1], min(longest, _WRAP_WIDTH) + 2)
            else:
                cell.value = value
                cell.alignment = top
                if col == money_col:
                    cell.number_format = MONEY_FORMAT
                    widths[col - 1] = max(widths[col - 1], 14)
                else:
                    cell.number_format = INT_FORMAT

    last_col = get_column_letter(len(HEADERS))
    last_row = max(1, len(rows) + 1)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(_MIN_WIDTH, min(width, _MAX_WIDTH))
    ws.row_dimensions[1].height = 20

    # Printing: landscape A4, fit to width, header row on every page, provenance in the margins.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    header = f"{meta.title} – udtrukket {created_text(meta)}"
    if meta.is_demo:
        header = f"{DEMO_WARNING} – {header}"
    # Excel refuses (and "repairs") header/footer text over 255 characters; "&" is a code there.
    ws.oddHeader.center.text = xml_safe(header)[:_PRINT_HEADER_MAX].replace("&", "&&")
    ws.oddFooter.left.text = f"RammeDesk {meta.version}"
    ws.oddFooter.right.text = "Side &P af &N"

    _write_meta_sheet(wb.create_sheet(META_SHEET), meta, len(rows))

    props = wb.properties
    props.title = xml_safe(meta.title)
    props.subject = xml_safe(meta.query)
    props.creator = f"RammeDesk {meta.version}"
    props.description = xml_safe(
        "; ".join(f"{label}: {value}" for label, value in meta_lines(meta, len(rows)))
    )
    props.keywords = "RammeDesk; DEMODATA" if meta.is_demo else "RammeDesk"
    wb.active = 0
    wb.save(path)


def _write_meta_sheet(ws: Any, meta: ExportMeta, exported: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    row = 1
    if meta.is_demo:
        cell = ws.cell(row=row, column=1)
        put_text(cell, DEMO_WARNING)
        cell.font = Font(bold=True, color=_DEMO_FONT, size=12)
        cell.fill = PatternFill("solid", fgColor=_DEMO_FILL)
        ws.cell(row=row, column=2).fill = PatternFill("solid", fgColor=_DEMO_FILL)
        row += 2
    for label, value in meta_lines(meta, exported):
        label_cell = ws.cell(row=row, column=1)
        put_text(label_cell, label)
        label_cell.font = Font(bold=True)
        label_cell.alignment = Alignment(vertical="top")
        value_cell = ws.cell(row=row, column=2)
        put_text(value_cell, value)
        value_cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80
