"""Readers for the small reference tables: P/L rates (år;sats;kilde) and population
(kommunekode;år;indbyggere), from csv or xlsx.

The same guards as the takstfil import (``takstfil_safety``: size, zip bombs, old .xls,
UTF-16; ``takstfil_csv``: encoding and delimiter detection). The header row is found among
the first rows by folded names (case, æøå and "aa" spelling do not matter). These tables are
small and feed every calculation, so a file with any bad row is refused whole: all errors
are listed (row and column as Excel shows them) and nothing is stored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.costs.population import Befolkning
from rammedesk.domain.cpr import looks_like_cpr
from rammedesk.domain.folding import fold
from rammedesk.domain.takstfil import ImportLimits, RowError
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_csv import read_csv_sheet
from rammedesk.fileio.takstfil_mapping import col_letter
from rammedesk.fileio.takstfil_safety import FileKind, check_xlsx, file_kind
from rammedesk.fileio.takstfil_xlsx import Cell, read_xlsx_sheet, xlsx_sheet_list

LIMITS = ImportLimits(max_file_bytes=5_000_000, max_rows=20_000)
HEADER_SCAN_ROWS = 20
MAX_ERRORS_SHOWN = 10
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_PL_PCT = Decimal(50)
_WORDS = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")

PL_COLUMNS = {
    "aar": ("aar", "year", "pl aar", "finansaar"),
    "sats": (
        "sats",
        "pl sats",
        "p l sats",
        "pl",
        "p l",
        "rate",
        "procent",
        "pct",
        "stigning",
        "sats pct",
        "sats i pct",
        "sats i procent",
        "pl pct",
        "p l pct",
    ),  # fmt: skip
    "kilde": ("kilde", "source", "kilder"),
}
POPULATION_COLUMNS = {
    "kommunekode": ("kommunekode", "kommune kode", "kode", "kommunenr", "kommune nr", "kommune"),
    "aar": ("aar", "year"),
    "indbyggere": ("indbyggere", "befolkning", "folketal", "antal", "population"),
}
PL_LABELS = {"aar": "år", "sats": "sats", "kilde": "kilde"}
POPULATION_LABELS = {"kommunekode": "kommunekode", "aar": "år", "indbyggere": "indbyggere"}


class TableFileError(UserError):
    """The file is refused; ``errors`` lists every bad cell."""

    def __init__(self, file: str, errors: Iterable[RowError]) -> None:
        self.errors = tuple(errors)
        shown = "; ".join(
            f"række {e.row}{_col(e)}: {e.reason.rstrip('.')}" for e in self.errors[:MAX_ERRORS_SHOWN]
        )
        more = len(self.errors) - MAX_ERRORS_SHOWN
        tail = f"; … og {more} fejl mere" if more > 0 else ""
        super().__init__(
            f"Filen er ikke indlæst ({len(self.errors)} fejl; intet er gemt): {shown}{tail}.", file
        )


def _col(e: RowError) -> str:
    return f", kolonne {e.column}" if e.column else ""


@dataclass(frozen=True)
class TableRow:
    row: int  # as Excel shows it
    cells: dict[str, Cell]
    columns: dict[str, str]  # field → column letter


def _norm(value: Cell) -> str:
    return " ".join(_WORDS.findall(fold(str(value)))) if value is not None else ""


def _sheet_rows(path: Path) -> tuple[str, list[tuple[int, list[Cell]]]]:
    kind = file_kind(path, LIMITS)
    if kind is FileKind.XLSX:
        check = check_xlsx(path, LIMITS)
        names, hidden = xlsx_sheet_list(path)
        visible = tuple(n for n in names if n not in hidden) or names  # a hidden sheet only if all are
        sheet = read_xlsx_sheet(path, check.first_usable(visible), LIMITS, check)
    else:
        sheet = read_csv_sheet(path, LIMITS)
    return sheet.name, list(sheet.rows)


def read_table(
    path: Path, columns: dict[str, tuple[str, ...]], labels: dict[str, str]
) -> tuple[str, list[TableRow]]:
    """The sheet name and the data rows below the header, cells keyed by field."""
    name, rows = _sheet_rows(path)
    for header_index, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            text = _norm(cell)
            for fld, names in columns.items():
                if text in names and fld not in found:
                    found[fld] = index
        required = [f for f in columns if f != "kilde"]
        if all(f in found for f in required):
            letters = {f: col_letter(i) for f, i in found.items()}
            data = [
                TableRow(number, {f: cells[i] if i < len(cells) else None for f, i in found.items()}, letters)
                for number, cells in rows[header_index + 1 :]
                if any(c is not None and str(c).strip() for c in cells)
            ]
            return name, data
    wanted = ";".join(labels.values())
    raise UserError(
        f"Overskriftsrækken blev ikke fundet i de første {HEADER_SCAN_ROWS} rækker. Filen skal have "
        f"kolonnerne {wanted} (store/små bogstaver og aa/å er ligegyldige).",
        path.name,
    )


def _number_text(value: Cell) -> Decimal:
    """A cell as Decimal: numbers from xlsx, Danish ("2,5", "1.234", "2,5 %") or plain text."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError
        return Decimal(str(round(value, 6)))
    text = _SPACES.sub("", str(value)).replace("\u2212", "-").rstrip("%")
    if not text:
        raise ValueError
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


@dataclass
class _Errors:
    file: str
    sheet: str
    found: list[RowError]

    def add(self, row: TableRow, fld: str, reason: str) -> None:
        self.found.append(RowError(self.file, self.sheet, row.row, row.columns.get(fld), reason))


def _year(row: TableRow, errors: _Errors) -> int | None:
    value = row.cells.get("aar")
    try:
        number = _number_text(value) if value is not None else None
    except ValueError:
        number = None
    if number is None or number != number.to_integral_value() or not MIN_YEAR <= number <= MAX_YEAR:
        shown = "tom" if value is None else f"»{value}«"
        errors.add(row, "aar", f"Året er {shown}; skriv et årstal som 2027.")
        return None
    return int(number)


def _pl_rate(value: Cell, report: list[str]) -> Decimal | None:
    if value is None:
        report.append("Satsen mangler; skriv stigningen i procent, fx 2,5.")
        return None
    try:
        rate = _number_text(value)
    except ValueError:
        report.append(f"Satsen »{value}« er ikke et tal; skriv stigningen i procent, fx 2,5.")
        return None
    if abs(rate) > MAX_PL_PCT:
        report.append(f"Satsen {value} % er urealistisk (over {MAX_PL_PCT} %).")
    elif 0 < abs(rate) < Decimal("0.1"):
        report.append(f"Satsen {value} ligner en brøk (0,025 = 2,5 %); skriv procenten, fx 2,5 — ikke 0,025.")
    elif rate != rate.quantize(Decimal("0.001")):
        report.append(f"Satsen {value} har mere end 3 decimaler.")
    else:
        return rate.quantize(Decimal("0.001"))
    return None


def read_pl_file(path: Path) -> list[PLRate]:
    """P/L rates from ``år;sats;kilde``; raises TableFileError listing every bad row."""
    file = path.name
    sheet, rows = read_table(path, PL_COLUMNS, PL_LABELS)
    errors = _Errors(file, sheet, [])
    rates: list[PLRate] = []
    seen: dict[int, int] = {}
    for row in rows:
        year = _year(row, errors)
        problems: list[str] = []
        rate = _pl_rate(row.cells.get("sats"), problems)
        for problem in problems:
            errors.add(row, "sats", problem)
        source = str(row.cells.get("kilde") or "").strip()
        if len(source) > 200:
            errors.add(row, "kilde", "Kilden er over 200 tegn; forkort den.")
        elif looks_like_cpr(source):
            errors.add(row, "kilde", "Teksten ligner et CPR-nummer og gemmes ikke.")
        if year is not None and year in seen:
            errors.add(row, "aar", f"År {year} står også i række {seen[year]}.")
        elif year is not None:
            seen[year] = row.row
        if year is not None and rate is not None:
            rates.append(PLRate(year, rate, source))
    if not rows:
        raise UserError("Filen har ingen rækker under overskriften.", file)
    if errors.found:
        raise TableFileError(file, errors.found)
    return rates


def read_population_file(path: Path, known_kommuner: frozenset[int]) -> list[Befolkning]:
    """Population from ``kommunekode;år;indbyggere``; an unknown kommunekode is an error."""
    file = path.name
    sheet, rows = read_table(path, POPULATION_COLUMNS, POPULATION_LABELS)
    errors = _Errors(file, sheet, [])
    result: list[Befolkning] = []
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        year = _year(row, errors)
        kode = _whole(row.cells.get("kommunekode"))
        if kode is None or kode not in known_kommuner:
            shown = row.cells.get("kommunekode")
            text = "" if shown is None else shown
            errors.add(row, "kommunekode", f"Kommunekoden »{text}« er ikke en dansk kommune (fx 101).")
        count = _whole(row.cells.get("indbyggere"))
        if count is None or count < 0:
            shown = row.cells.get("indbyggere")
            text = "" if shown is None else shown
            errors.add(row, "indbyggere", f"Indbyggertallet »{text}« er ikke et helt, ikke-negativt tal.")
        if kode is None or year is None or count is None:
            continue
        key = (kode, year)
        if key in seen:
            errors.add(row, "kommunekode", f"Kommune {kode} år {year} står også i række {seen[key]}.")
            continue
        seen[key] = row.row
        result.append(Befolkning(kode, year, count))
    if not rows:
        raise UserError("Filen har ingen rækker under overskriften.", file)
    if errors.found:
        raise TableFileError(file, errors.found)
    return result


def _whole(value: Cell) -> int | None:
    if value is None:
        return None
    try:
        number = _number_text(value)
    except ValueError:
        return None
    return int(number) if number == number.to_integral_value() else None
