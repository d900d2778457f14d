"""The P/L table being edited (år / sats % / kilde) without Qt: rows of text, validation.

The dialog's undo commands call ``set_cell``, ``insert`` and ``remove``; ``rates`` turns
the rows into ``PLRate``s or a Danish message per row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rammedesk.domain.costs.money import format_number
from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr

COLUMNS = ("År", "Sats (%)", "Kilde")
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_RATE = Decimal(50)


@dataclass(frozen=True)
class CellError:
    row: int  # 0-based
    column: int
    message: str

    @property
    def text(self) -> str:
        return f"Række {self.row + 1}, {COLUMNS[self.column]}: {self.message}"


def rate_text(value: Decimal) -> str:
    """Decimal("2.50") → "2,5"; Decimal("3.0") → "3"."""
    return format_number(value)


def parse_rate(text: str) -> Decimal | None:
    stripped = text.strip().rstrip("%").strip().replace("\u2212", "-")
    if not stripped:
        return None
    normal = stripped.replace(".", "").replace(",", ".") if "," in stripped else stripped
    try:
        value = Decimal(normal)
    except ArithmeticError:
        return None
    return value if value.is_finite() else None


class PLTablePresenter:
    def __init__(self, rates: list[PLRate] | None = None) -> None:
        self.rows: list[list[str]] = [[str(r.year), rate_text(r.rate_pct), r.source] for r in rates or []]

    def set_cell(self, row: int, column: int, text: str) -> str:
        """Set a cell; returns the previous text (for undo)."""
        old = self.rows[row][column]
        self.rows[row][column] = text
        return old

    def insert(self, row: int, values: list[str] | None = None) -> None:
        self.rows.insert(row, list(values) if values is not None else ["", "", ""])

    def remove(self, row: int) -> list[str]:
        return self.rows.pop(row)

    def next_year(self) -> str:
        years = [int(r[0]) for r in self.rows if r[0].strip().isdigit()]
        return str(max(years) + 1) if years else ""

    def errors(self) -> list[CellError]:
        found: list[CellError] = []
        seen: dict[int, int] = {}
        for i, (year_text, rate, source) in enumerate(self.rows):
            year = year_text.strip()
            if not year.isdigit() or not MIN_YEAR <= int(year) <= MAX_YEAR:
                found.append(CellError(i, 0, f"Skriv et årstal mellem {MIN_YEAR} og {MAX_YEAR}."))
            elif int(year) in seen:
                found.append(CellError(i, 0, f"Året {year} står også i række {seen[int(year)] + 1}."))
            else:
                seen[int(year)] = i
            value = parse_rate(rate)
            if value is None:
                found.append(CellError(i, 1, "Skriv satsen som et tal, fx 2,5."))
            elif not -MAX_RATE <= value <= MAX_RATE:
                found.append(CellError(i, 1, f"Satsen skal ligge mellem -{MAX_RATE} og {MAX_RATE} %."))
            if looks_like_cpr(source):
                found.append(CellError(i, 2, CPR_MESSAGE))
            elif len(source) > 200:
                found.append(CellError(i, 2, "Kilden må højst være 200 tegn."))
        return found

    def rates(self) -> list[PLRate]:
        """The rows as rates, by year; call only when ``errors()`` is empty."""
        result = []
        for year, rate, source in self.rows:
            value = parse_rate(rate)
            assert value is not None
            result.append(PLRate(int(year.strip()), value, source.strip()))
        return sorted(result, key=lambda r: r.year)
