"""Read a portfolio file (xlsx/xlsm or csv) into placements, budget lines and til-/afgang.

    read_portfolio(path, limits=) → ParsedPortfolio

xlsx: the sheet named like "Anbringelser"/"Placeringer" (else the first sheet) holds the
placements; optional sheets "Budget", "Tilgang" and "Afgang" hold the rest (docs/cli.md lists
the columns). csv: placements only. The file passes takstfil_safety first (zip bombs, DTDs,
size and row limits). The header is the first of the top 20 rows naming both a case number
and a takst column. A bad value refuses its row with a Danish reason naming sheet, row and
column as Excel shows them; a CPR-like value anywhere on a row refuses that row, and the
number is neither stored nor repeated in the message. A cell the import reads that holds a
formula saved without its result, or an Excel error (#DIV/0!, #REF! …, which the xlsx reader
sees as empty), refuses its row too: the sheet scan finds both (``SheetRows.uncached``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.domain.folding import fold
from rammedesk.domain.portfolio.model import (
    Afgang,
    BudgetLine,
    Placement,
    PortfolioInputError,
    Tilgang,
)
from rammedesk.domain.takstfil import ImportLimits, RowError
from rammedesk.errors import UserError
from rammedesk.fileio import portfolio_values as v
from rammedesk.fileio.takstfil_csv import read_csv_sheet
from rammedesk.fileio.takstfil_mapping import col_letter
from rammedesk.fileio.takstfil_safety import FileKind, check_xlsx, file_kind, sha256_of
from rammedesk.fileio.takstfil_xlsx import Cell, SheetRows, read_xlsx_sheet, xlsx_sheet_list
from rammedesk.fileio.xlsx_formulas import uncached_reason

HEADER_SCAN_ROWS = 20
_PLACEMENT_SHEETS = ("anbringelser", "placeringer", "portefoelje", "sager", "portfolio")
_LABELS = {  # column names as the messages show them
    "sagsnummer": "sagsnummer",
    "takst": "takst",
    "enhed": "enhed",
    "takst_aar": "takstår",
    "start": "start",
    "beloeb": "beløb",
    "aar": "år",
    "dimension": "dimension",
    "key": "gruppe",
    "antal": "antal",
    "fra": "fra",
}


@dataclass(frozen=True)
class PlacementRow:
    sheet: str
    row: int
    placement: Placement


@dataclass(frozen=True)
class ParsedPortfolio:
    file: str
    sha256: str
    sheets: tuple[str, ...]
    rows_read: int
    placements: tuple[PlacementRow, ...]
    budget: tuple[BudgetLine, ...]
    tilgang: tuple[Tilgang, ...]
    afgang: tuple[Afgang, ...]
    errors: tuple[RowError, ...]


class _RowRefused(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _header(
    rows: list[tuple[int, list[Cell]]], columns: dict[str, frozenset[str]], required: tuple[str, ...]
) -> tuple[int, dict[str, int]] | None:
    for number, cells in rows[:HEADER_SCAN_ROWS]:
        found: dict[str, int] = {}
        for c, cell in enumerate(cells):
            key = v.header_key(cell)
            for name, words in columns.items():
                if key in words and name not in found:
                    found[name] = c
                    break
        if all(r in found for r in required):
            return number, found
    return None


class _Row:
    """One data row with the column positions; getters raise _RowRefused naming the column."""

    def __init__(self, cells: list[Cell], columns: dict[str, int]) -> None:
        self.cells = cells
        self.columns = columns

    def raw(self, name: str) -> Cell:
        c = self.columns.get(name)
        return self.cells[c] if c is not None and c < len(self.cells) else None

    def get(self, name: str, parse: Callable[[Cell], Any], required: bool = False) -> Any:
        column = self.columns.get(name)
        letter = col_letter(column) if column is not None else None
        try:
            value = parse(self.raw(name))
        except v.CellError as exc:
            raise _RowRefused(letter, str(exc)) from None
        if required and value in (None, ""):
            raise _RowRefused(letter, f"Cellen »{_LABELS.get(name, name)}« er tom.")
        return value


def _blank(cells: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _cpr_column(cells: list[Cell]) -> str | None:
    for c, cell in enumerate(cells):
        if (
            isinstance(cell, str | int | float)
            and not isinstance(cell, bool)
            and looks_like_cpr(v.text(cell))
        ):
            return col_letter(c)
    return None


def _placement(row: _Row) -> Placement:
    tilbud = row.get("tilbud", v.text)
    afdeling = row.get("afdeling", v.text)
    values = {
        "sagsnummer": row.get("sagsnummer", v.text, required=True),
        "takst": row.get("takst", v.amount, required=True),
        "enhed": row.get("enhed", v.unit, required=True),
        "takst_aar": row.get("takst_aar", v.integer, required=True),
        "start": row.get("start", v.a_date, required=True),
        "slut": row.get("slut", v.a_date),
        "tilbud_navn": f"{tilbud} – {afdeling}" if tilbud and afdeling else tilbud or afdeling,
        "tilbud_id": row.get("tilbud_id", v.integer),
        "afdeling_id": row.get("afdeling_id", v.integer),
        "driftsherre": row.get("driftsherre", v.text),
        "paragraf": row.get("paragraf", v.text),
        "maalgruppe": row.get("maalgruppe", v.text),
        "gruppe": row.get("gruppe", v.text),
        "opsigelse_givet": row.get("opsigelse_givet", v.a_date),
        "varsel_dage": row.get("varsel_dage", v.integer) or 0,
        "tillaeg_timesats": row.get("tillaeg_timesats", v.amount) or Decimal(0),
        "tillaeg_timer_pr_uge": row.get("tillaeg_timer_pr_uge", v.number) or Decimal(0),
        "egenbetaling_maaned": row.get("egenbetaling_maaned", v.amount) or Decimal(0),
    }
    placement: Placement = _validated(row, lambda: Placement(**values))
    return placement


def _validated(row: _Row, build: Callable[[], Any]) -> Any:
    try:
        return build()
    except PortfolioInputError as exc:
        column = _column_of(row, exc.field)
        raise _RowRefused(column, str(exc)) from None


def _column_of(row: _Row, field: str) -> str | None:
    name = {"tilbud_navn": "tilbud"}.get(field, field)
    c = row.columns.get(name)
    return col_letter(c) if c is not None else None


def _budget(row: _Row) -> BudgetLine:
    return BudgetLine(
        row.get("dimension", v.dimension, required=True),
        row.get("key", v.text, required=True),
        row.get("aar", v.integer, required=True),
        row.get("beloeb", v.amount, required=True),
    )


def _tilgang(row: _Row) -> Tilgang:
    month: Callable[[Cell], Any] = lambda c: v.a_date(c, month_ok=True)  # noqa: E731
    values = {
        "navn": row.get("navn", v.text) or "Tilgang",
        "antal": row.get("antal", v.integer, required=True),
        "fra": row.get("fra", month, required=True),
        "til": row.get("til", month),
        "takst": row.get("takst", v.amount, required=True),
        "enhed": row.get("enhed", v.unit, required=True),
        "takst_aar": row.get("takst_aar", v.integer, required=True),
        "varighed_mdr": row.get("varighed_mdr", v.integer) or 0,
        "paragraf": row.get("paragraf", v.text),
        "maalgruppe": row.get("maalgruppe", v.text),
        "gruppe": row.get("gruppe", v.text),
        "tilbud_navn": row.get("tilbud", v.text),
        "driftsherre": row.get("driftsherre", v.text),
        "tillaeg_timesats": row.get("tillaeg_timesats", v.amount) or Decimal(0),
        "tillaeg_timer_pr_uge": row.get("tillaeg_timer_pr_uge", v.number) or Decimal(0),
    }
    tilgang: Tilgang = _validated(row, lambda: Tilgang(**values))
    return tilgang


def _afgang(row: _Row) -> Afgang:
    month: Callable[[Cell], Any] = lambda c: v.a_date(c, month_ok=True)  # noqa: E731
    dim = row.get("dimension", lambda c: v.dimension(c) if c not in (None, "") else None)
    afgang: Afgang = _validated(
        row,
        lambda: Afgang(
            navn=row.get("navn", v.text) or "Afgang",
            antal=row.get("antal", v.integer, required=True),
            fra=row.get("fra", month, required=True),
            til=row.get("til", month),
            dimension=dim,
            key=row.get("key", v.text),
        ),
    )
    return afgang


_SHEETS: dict[str, tuple[dict[str, frozenset[str]], tuple[str, ...], Callable[[_Row], Any]]] = {
    "placements": (v.PLACEMENT_COLUMNS, ("sagsnummer", "takst"), _placement),
    "budget": (v.BUDGET_COLUMNS, ("dimension", "key", "aar", "beloeb"), _budget),
    "tilgang": (v.TILGANG_COLUMNS, ("antal", "fra", "takst"), _tilgang),
    "afgang": (v.AFGANG_COLUMNS, ("antal", "fra"), _afgang),
}
_SHEET_NAMES = {"budget": ("budget", "budgetter"), "tilgang": ("tilgang",), "afgang": ("afgang",)}


def _read_sheet(
    name: str, kind: str, sheet: SheetRows, file: str, limits: ImportLimits
) -> tuple[list[tuple[int, Any]], list[RowError], int]:
    columns, required, build = _SHEETS[kind]
    rows = sheet.rows
    head = [next(rows, None) for _ in range(HEADER_SCAN_ROWS)]
    head_rows = [r for r in head if r is not None]
    found = _header(head_rows, columns, required)
    if found is None:
        wanted = ", ".join(f"»{_LABELS.get(r, r)}«" for r in required)
        raise UserError(
            f"Arket »{name}« har ingen overskriftsrække med {wanted} i de første {HEADER_SCAN_ROWS} rækker. "
            "Se kolonnerne i vejledningen (docs/cli.md, »Porteføljefil«).",
            file,
        )
    header_row, positions = found
    used = set(positions.values())
    uncached: dict[int, list[tuple[int, str]]] = {}
    for (r, c), formula in sorted(sheet.uncached.items()):
        if c in used:
            uncached.setdefault(r, []).append((c, formula))

    def data() -> Iterator[tuple[int, list[Cell]]]:
        yield from (r for r in head_rows if r[0] > header_row)
        yield from rows

    out: list[tuple[int, Any]] = []
    errors: list[RowError] = []
    seen: dict[tuple[Any, str, int], int] = {}  # budget (dimension, group, year) → row
    read = 0
    for number, cells in data():
        if number in uncached:
            read += 1
            errors.extend(
                RowError(file, name, number, col_letter(c), uncached_reason(f)) for c, f in uncached[number]
            )
            continue
        if _blank(cells):
            continue
        read += 1
        long_cell = next(
            (c for c, x in enumerate(cells) if isinstance(x, str) and len(x) > limits.max_cell_chars), None
        )
        if long_cell is not None:
            errors.append(RowError(file, name, number, col_letter(long_cell), "Cellen er for lang."))
            continue
        cpr = _cpr_column(cells)
        if cpr is not None:
            errors.append(RowError(file, name, number, cpr, CPR_MESSAGE))
            continue
        try:
            value = build(_Row(cells, positions))
        except _RowRefused as exc:
            errors.append(RowError(file, name, number, exc.column, exc.reason))
            continue
        if isinstance(value, BudgetLine):
            key = (value.dimension, value.key, value.aar)
            if key in seen:
                reason = f"Budgettet for {value.key} i {value.aar} står allerede i række {seen[key]}."
                errors.append(RowError(file, name, number, None, reason))
                continue
            seen[key] = number
        out.append((number, value))
    return out, errors, read


def read_portfolio(path: Path, limits: ImportLimits | None = None) -> ParsedPortfolio:
    path = Path(path)
    limits = limits or ImportLimits()
    kind = file_kind(path, limits)
    file = path.name
    parts: dict[str, list[tuple[int, Any]]] = {k: [] for k in _SHEETS}
    errors: list[RowError] = []
    read = 0
    placement_sheet: str
    if kind is FileKind.CSV:
        data = read_csv_sheet(path, limits)
        placement_sheet = data.name
        sheets: tuple[str, ...] = (data.name,)
        plan = [(data.name, "placements", data)]
    else:
        check = check_xlsx(path, limits)
        sheets, hidden = xlsx_sheet_list(path)
        folded = {fold(s).strip(): s for s in sheets}
        # By name, else the first sheet the user sees (a hidden one only when all are hidden).
        first = next((s for s in sheets if s not in hidden), sheets[0])
        placement_sheet = next((folded[k] for k in _PLACEMENT_SHEETS if k in folded), first)
        plan = [(placement_sheet, "placements", read_xlsx_sheet(path, placement_sheet, limits, check))]
        for kind_name, names in _SHEET_NAMES.items():
            sheet = next((folded[n] for n in names if n in folded), None)
            if sheet is not None and sheet != placement_sheet:
                plan.append((sheet, kind_name, read_xlsx_sheet(path, sheet, limits, check)))
    for sheet, kind_name, sheet_rows in plan:
        got, errs, n = _read_sheet(sheet, kind_name, sheet_rows, file, limits)
        parts[kind_name] = got
        errors.extend(errs)
        read += n
    return ParsedPortfolio(
        file=file,
        sha256=sha256_of(path),
        sheets=sheets,
        rows_read=read,
        placements=tuple(PlacementRow(placement_sheet, n, p) for n, p in parts["placements"]),
        budget=tuple(b for _, b in parts["budget"]),
        tilgang=tuple(t for _, t in parts["tilgang"]),
        afgang=tuple(a for _, a in parts["afgang"]),
        errors=tuple(errors),
    )
