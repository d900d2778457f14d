"""A cost report document (placement calculation, business case, projection, scenarios).

Pure data for the generic writers ``fileio/cost_report_xlsx.py`` and ``cost_report_pdf.py``:
a title, the municipality and date, facts (label/value), the assumptions in plain Danish, the
P/L table and the conventions used, one or more tables and optional charts. Cells are exact
``Decimal`` (money), ``int`` or text; each column says how its numbers are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from rammedesk.domain.costs.pl import PLRate

Cell = Decimal | int | str | None


class ColumnKind(StrEnum):
    TEXT = "text"
    MONEY = "money"  # kr. to øre: 1.234,56
    INT = "int"  # grouped whole number: 1.234
    PERCENT = "percent"  # a number of per cent, e.g. Decimal("75") shown 75,0 %
    NUMBER = "number"  # a number with up to two decimals (hours, factors)
    YEAR = "year"  # an int shown without grouping: 2027


@dataclass(frozen=True)
class ReportTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kinds: tuple[ColumnKind, ...] = ()  # per column; default from the first non-empty cell
    totals: tuple[Cell, ...] | None = None  # shown bold under the rows
    note: str = ""  # one sentence under the table

    def __post_init__(self) -> None:
        width = len(self.headers)
        for row in (*self.rows, *([self.totals] if self.totals is not None else [])):
            if len(row) != width:
                raise ValueError(f"row {row!r} has {len(row)} cells, the table has {width} columns")
        if self.kinds and len(self.kinds) != width:
            raise ValueError("kinds must name every column")

    def kind(self, column: int) -> ColumnKind:
        if self.kinds:
            return self.kinds[column]
        for row in self.rows:
            value = row[column]
            if isinstance(value, bool) or value is None or isinstance(value, str):
                continue
            return ColumnKind.INT if isinstance(value, int) else ColumnKind.MONEY
        return ColumnKind.TEXT


@dataclass(frozen=True)
class ChartSeries:
    label: str
    points: tuple[tuple[str, Decimal], ...]  # (x label, value), in x order


@dataclass(frozen=True)
class ReportChart:
    title: str
    series: tuple[ChartSeries, ...]
    budget: ChartSeries | None = None  # drawn dashed; points above it are marked
    bars: bool = False  # bars instead of lines (few x values, e.g. years)
    y_label: str = "kr."

    @property
    def x_labels(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for series in (*self.series, *([self.budget] if self.budget else [])):
            for x, _ in series.points:
                seen.setdefault(x, None)
        return tuple(seen)


@dataclass(frozen=True)
class CostReport:
    title: str
    municipality: str  # "" when not chosen; the header then says so
    created: datetime
    version: str
    facts: tuple[tuple[str, str], ...] = ()
    assumptions: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()
    pl_rates: tuple[PLRate, ...] = ()  # the P/L table as it was used
    pl_note: str = ""  # base year and target, e.g. "Basisår 2027, fremskrevet til 2029."
    tables: tuple[ReportTable, ...] = ()
    charts: tuple[ReportChart, ...] = ()
    is_demo: bool = False

    @property
    def created_text(self) -> str:
        return f"{self.created.day:02d}.{self.created.month:02d}.{self.created.year} kl. {self.created:%H.%M}"

    @property
    def municipality_text(self) -> str:
        return self.municipality or "(ingen kommune valgt)"
