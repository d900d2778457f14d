"""The takst chart of an afdeling: one line per ydelse, years along the bottom, kroner up.

Years are category labels (a value axis would print 2.026 with the Danish thousands dot);
the kroner axis starts at zero so a small rise does not look like a doubling.
"""

from __future__ import annotations

from rammedesk.gui.qt import (
    QCategoryAxis,
    QChart,
    QChartView,
    QColor,
    QLineSeries,
    QLocale,
    QPainter,
    QPen,
    Qt,
    QValueAxis,
    QWidget,
)
from rammedesk.presenters.details import Series

COLOURS = ("#1f5f8b", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2b6cb0", "#9b2c2c")


class TakstChart(QChartView):
    def __init__(self, series: tuple[Series, ...], unit: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        super().__init__(chart, parent)
        self.setObjectName("takstChart")
        self.setAccessibleName(f"Graf over takster pr. {unit}")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(250)
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        chart.setBackgroundRoundness(6)
        chart.setTitle(f"Takst i kr. pr. {unit}")
        chart.legend().setVisible(False)  # its one row cuts long names; see legend_html()
        self.lines = []
        years = sorted({year for s in series for year, _amount in s.points})
        if not years:
            return
        top = max(float(amount) for s in series for _year, amount in s.points)
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for year in years:
            x_axis.append(str(year), year)
        # One year alone would make an empty range: pad it by half a year on each side.
        x_axis.setRange(
            years[0] - (0.5 if len(years) == 1 else 0), years[-1] + (0.5 if len(years) == 1 else 0)
        )
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f")
        y_axis.setRange(0, top * 1.1 if top > 0 else 1)
        y_axis.applyNiceNumbers()
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for i, s in enumerate(series):
            line = QLineSeries()
            line.setName(s.name)
            line.setPointsVisible(True)
            pen = QPen(QColor(COLOURS[i % len(COLOURS)]))
            pen.setWidth(2)
            line.setPen(pen)
            for year, amount in s.points:
                line.append(year, float(amount))
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            self.lines.append(line)


def series_label(series: Series) -> str:
    """The name without the unit, which the chart title already gives."""
    name = series.name
    return name.rsplit(" (pr. ", 1)[0] if name.endswith(")") and " (pr. " in name else name


def legend_html(series: tuple[Series, ...]) -> str:
    """A legend that wraps: a coloured square and the full name per line."""
    from html import escape

    return "<br>".join(
        f"<span style='color:{COLOURS[i % len(COLOURS)]}'>&#9632;</span>&nbsp;{escape(series_label(s))}"
        for i, s in enumerate(series)
    )
