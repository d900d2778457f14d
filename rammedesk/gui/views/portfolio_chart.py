"""Month-by-month charts: forecast against budget (over-budget months as red points), and one
line per scenario.

Months are category positions labelled at each January (a date axis would need epoch floats
and prints English month names); amounts are shown in mio. kr. (or 1.000 kr. for small
portfolios) with the Danish decimal comma.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rammedesk.gui.qt import (
    QCategoryAxis,
    QChart,
    QChartView,
    QColor,
    QLineSeries,
    QLocale,
    QPainter,
    QPen,
    QScatterSeries,
    Qt,
    QValueAxis,
    QWidget,
)
from rammedesk.presenters.portfolio import MonthRow

COLOURS = ("#1f5f8b", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2b6cb0", "#9b2c2c")
BUDGET_COLOUR = "#4a5568"
OVER_COLOUR = "#c53030"


def scale_for(values: Sequence[Decimal]) -> tuple[Decimal, str]:
    top = max((abs(v) for v in values), default=Decimal(0))
    if top >= Decimal(2_000_000):
        return Decimal(1_000_000), "mio. kr."
    return Decimal(1000), "1.000 kr."


class MonthChart(QChartView):
    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(QChart(), parent)
        self.setObjectName(object_name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        chart = self.chart()
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        chart.setBackgroundRoundness(6)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.lines: dict[str, QLineSeries] = {}
        self.over_points: QScatterSeries | None = None

    def clear(self, title: str = "") -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        self.lines = {}
        self.over_points = None

    def _axes(
        self, months: Sequence[date], values: Sequence[Decimal]
    ) -> tuple[QCategoryAxis, QValueAxis, Decimal]:
        chart = self.chart()
        divisor, unit = scale_for(values)
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        step = 1 if len(months) <= 36 else (2 if len(months) <= 72 else 3)
        for i, m in enumerate(months):
            if m.month == 1 or i == 0:
                if (m.year - months[0].year) % step == 0 or i == 0:
                    x_axis.append(str(m.year) if m.month == 1 else f"{m.month:02d}/{m.year}", i)
        x_axis.setRange(0, max(len(months) - 1, 1))
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.1f" if unit == "mio. kr." else "%.0f")
        y_axis.setTitleText(unit)
        top = float(max(values, default=Decimal(0)) / divisor)
        y_axis.setRange(0, top * 1.1 if top > 0 else 1)
        y_axis.applyNiceNumbers()
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        return x_axis, y_axis, divisor

    def _line(
        self, name: str, colour: str, axes: tuple[QCategoryAxis, QValueAxis], dashed: bool = False
    ) -> QLineSeries:
        line = QLineSeries()
        line.setName(name)
        pen = QPen(QColor(colour))
        pen.setWidth(2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        self.chart().addSeries(line)
        line.attachAxis(axes[0])
        line.attachAxis(axes[1])
        self.lines[name] = line
        return line

    def show_forecast(self, rows: Sequence[MonthRow], title: str) -> None:
        """Forecast (løbende priser) against the monthly budget; red points mark months over it."""
        self.clear(title)
        if not rows:
            return
        values = [r.forecast for r in rows] + [r.budget for r in rows if r.budget is not None]
        x_axis, y_axis, divisor = self._axes([r.month for r in rows], values)
        forecast = self._line("Prognose", COLOURS[0], (x_axis, y_axis))
        for i, r in enumerate(rows):
            forecast.append(i, float(r.forecast / divisor))
        if any(r.budget is not None for r in rows):
            budget = self._line("Budget", BUDGET_COLOUR, (x_axis, y_axis), dashed=True)
            for i, r in enumerate(rows):
                if r.budget is not None:
                    budget.append(i, float(r.budget / divisor))
        if any(r.over for r in rows):
            over = QScatterSeries()
            over.setName("Over budget")
            over.setColor(QColor(OVER_COLOUR))
            over.setBorderColor(QColor(OVER_COLOUR))
            over.setMarkerSize(9)
            for i, r in enumerate(rows):
                if r.over:
                    over.append(i, float(r.forecast / divisor))
            self.chart().addSeries(over)
            over.attachAxis(x_axis)
            over.attachAxis(y_axis)
            self.over_points = over

    def show_lines(
        self, months: Sequence[date], lines: Sequence[tuple[str, Sequence[Decimal]]], title: str
    ) -> None:
        """One line per scenario (the base first)."""
        self.clear(title)
        if not months or not lines:
            return
        x_axis, y_axis, divisor = self._axes(months, [v for _name, vs in lines for v in vs])
        for n, (name, values) in enumerate(lines):
            line = self._line(
                name, COLOURS[n % len(COLOURS)], (x_axis, y_axis), dashed=n == 0 and len(lines) > 1
            )
            for i, v in enumerate(values):
                line.append(i, float(v / divisor))
