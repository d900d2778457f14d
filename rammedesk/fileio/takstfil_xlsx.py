"""Read an xlsx/xlsm takstfil with python-calamine, after takstfil_safety has passed it.

calamine decodes ``_x0007_`` escapes (so control characters reach the row checks as such),
reads cached formula values (an error value such as ``#DIV/0!`` as an empty cell: the sheet
scan in takstfil_safety records those in ``SheetRows.uncached``), and ignores the sheet's
declared ``<dimension>`` (a sheet that declares a million rows but has five yields five). It
loads one sheet into memory, which the zip limits in ``ImportLimits`` bound; rows are then
handed on one at a time.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from rammedesk.domain.cpr import find_cpr
from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_safety import XlsxCheck
from rammedesk.fileio.xlsx_formulas import excel_error_reason, unreadable_error
from rammedesk.fileio.xlsx_readable import readable_copy

Cell = object  # str | int | float | bool | date | datetime | time | timedelta | None


@dataclass
class SheetRows:
    """One sheet's rows: (Excel row number, cells from column A), plus merged ranges."""

    name: str
    rows: Iterator[tuple[int, list[Cell]]]
    total_rows: int
    # (first row, first col, last row, last col), 1-based rows and 0-based columns.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    title: str = ""  # set by csv: nothing; xlsx: nothing (the title block is read as rows)
    # Formula cells saved without their value: (row, 0-based column) → the formula; error
    # cells (which calamine reads as empty): → an ``xlsx_formulas.ExcelError``.
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_cols: frozenset[int] = frozenset()  # 0-based columns hidden in Excel


def _open(path: Path) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except (pc.CalamineError, pc.ZipError, pc.XmlError, pc.PasswordError) as exc:
        raise UserError(
            f"Excel-filen kan ikke læses ({_short(exc)}). Åbn den i Excel, gem den igen og prøv igen.",
            path.name,
        ) from exc
    except (OSError, ValueError) as exc:
        raise UserError(f"Excel-filen kan ikke læses ({_short(exc)}).", path.name) from exc


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"


def _sheets_named(names: list[str], shown: int = 10) -> str:
    """The file's sheets for a message: a name holding a CPR-like number is never repeated."""
    listed = [f"»{n}«" if find_cpr(n) is None else "(et ark, hvis navn ligner et CPR-nummer)" for n in names]
    more = f" og {len(listed) - shown} flere" if len(listed) > shown else ""
    return f"Filen har arkene {', '.join(listed[:shown])}{more}."


def xlsx_sheet_names(path: Path) -> tuple[str, ...]:
    return xlsx_sheet_list(path)[0]


def xlsx_sheet_list(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    """The worksheets in workbook order, and those of them hidden in Excel ("hidden" or "very
    hidden": old years, lookup tables), which no default picks."""
    wb = _open(path)
    try:
        sheets = [m for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        names = tuple(m.name for m in sheets) or tuple(wb.sheet_names)
        hidden = frozenset(m.name for m in sheets if m.visible != pc.SheetVisibleEnum.Visible)
    finally:
        wb.close()
    if not names:
        raise UserError("Excel-filen har ingen ark.", path.name)
    return names, hidden


def read_xlsx_sheet(path: Path, sheet: str, limits: ImportLimits, check: XlsxCheck) -> SheetRows:
    """``check``: ``check_xlsx``'s result for this file (a sheet it found too large is refused
    here, before calamine would size its grid and abort)."""
    check.refuse_if_oversized(sheet)
    wb = _open(path)
    try:
        try:
            data = wb.get_sheet_by_name(sheet)
        except pc.WorksheetNotFound as exc:
            if sheet in wb.sheet_names:  # listed in the workbook, but its part is missing
                raise UserError(
                    f"Arket »{sheet}« er nævnt i filen, men dets indhold mangler: filen er beskadiget. "
                    "Åbn den i Excel, gem den igen, og indlæs den igen.",
                    path.name,
                ) from exc
            raise UserError(
                f"Arket »{sheet}« findes ikke i filen. {_sheets_named(wb.sheet_names)} Vælg et af dem.",
                path.name,
            ) from exc
        except (pc.CalamineError, pc.ZipError, pc.XmlError) as exc:
            data = _read_past_unreadable_errors(path, sheet, check, exc)
    finally:
        wb.close()
    end = data.end
    total = end[0] + 1 if end else 0
    if total > limits.max_rows:
        raise UserError(
            f"Arket »{sheet}« har {total:,} rækker; grænsen er {limits.max_rows:,} (indstillingen "
            "»største antal rækker«). Del filen op eller hæv grænsen.".replace(",", "."),
            path.name,
        )
    start = data.start
    col_offset = start[1] if start else 0
    merged = [(r0 + 1, c0, r1 + 1, c1) for (r0, c0), (r1, c1) in (data.merged_cell_ranges or [])]
    return SheetRows(
        sheet,
        _rows(data, col_offset),
        total,
        merged,
        uncached=check.uncached.get(sheet, {}),
        hidden_cols=check.hidden_cols.get(sheet, frozenset()),
    )


_COPY_FAILED = (
    pc.CalamineError,
    pc.ZipError,
    pc.XmlError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
)


def _read_past_unreadable_errors(
    path: Path, sheet: str, check: XlsxCheck, exc: Exception
) -> pc.CalamineSheet:
    """calamine refused the sheet. Over an error value it cannot read (``#SPILL!``), read a copy
    with those values blanked (the scan has them, so their rows are still refused by name);
    otherwise, or if the copy fails too, refuse the sheet, naming the error cell if there is one."""
    error = unreadable_error(check.uncached.get(sheet, {}))
    if error is not None or "error value" in str(exc):
        try:
            wb = pc.CalamineWorkbook.from_filelike(readable_copy(path))
            try:
                return wb.get_sheet_by_name(sheet)
            finally:
                wb.close()
        except _COPY_FAILED:
            pass  # refused below, as the original was
    if error is not None:
        raise UserError(f"Arket »{sheet}« kan ikke læses. {excel_error_reason(error)}", path.name) from exc
    raise UserError(
        f"Arket »{sheet}« kan ikke læses ({_short(exc)}). Gem filen igen fra Excel.", path.name
    ) from exc


def _rows(data: pc.CalamineSheet, col_offset: int) -> Iterator[tuple[int, list[Cell]]]:
    pad: list[Cell] = [None] * col_offset
    for index, raw in enumerate(data.iter_rows(), start=1):
        yield index, pad + [None if v == "" else v for v in raw]
