"""The lower half of »Scenarier«: the comparison of the ticked scenarios with the base (tables in
running and fixed prices, the monthly chart, a one-line summary) and the job that computes it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rammedesk.errors import UserError
from rammedesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from rammedesk.gui.views.portfolio_chart import MonthChart
from rammedesk.gui.views.portfolio_projection import fill_table, read_only_table
from rammedesk.presenters import scenarios as sc

PROMPT = "Kryds de scenarier af, der skal sammenlignes med basis, og tryk Sammenlign."


def comparison_job(portfolio_id: int, scenario_ids: list[int], first_year: int, years: int) -> Any:
    def job(store: Any) -> Any:
        from rammedesk.domain.portfolio.projection import ProjectionSettings
        from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenario_from_json
        from rammedesk.services.costs import load_pl_table
        from rammedesk.services.portfolio import list_scenarios, load_portfolio, project_portfolio

        loaded = load_portfolio(store, portfolio_id)
        stored = {s.id: s for s in list_scenarios(store, portfolio_id)}
        docs = [stored[i].document for i in scenario_ids if i in stored]
        try:
            scenarios = [scenario_from_json(d) for d in docs]
        except ScenarioFormatError as exc:
            raise UserError(str(exc), exc.where) from None
        pl = load_pl_table(store)
        settings = ProjectionSettings(start=date(first_year, 1, 1), months=years * 12)
        return loaded.portfolio, project_portfolio(loaded.portfolio, settings, pl, scenarios), pl, docs

    return job


class ComparisonView(QWidget):
    """Summary line (with the tab's save buttons beside it), the tables and the chart below."""

    def __init__(self, *buttons: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(PROMPT)
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        for button in buttons:
            summary_row.addWidget(button)
        column.addLayout(summary_row)
        # The table is short (≤ 10 years) but wide (two columns per scenario): chart below it.
        split = QSplitter(Qt.Orientation.Vertical)
        self.tables = QTabWidget()
        self.running = read_only_table("comparisonTable", stretch_last=False)
        self.fixed = read_only_table("comparisonFixedTable", stretch_last=False)
        self.tables.addTab(self.running, "Løbende priser")
        self.tables.addTab(self.fixed, "Faste priser")
        self.chart = MonthChart("scenarioChart")
        split.addWidget(self.tables)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([2000, 3000])
        column.addWidget(split, 1)

    def show_comparison(self, comparison: Any) -> None:
        table = sc.comparison_table(comparison)
        fill_table(self.running, table.headers, list(table.rows))
        fixed = sc.comparison_table(comparison, fixed=True)
        fill_table(self.fixed, fixed.headers, list(fixed.rows))
        months, lines = sc.chart_lines(comparison)
        self.chart.show_lines(months, lines, "Udgift pr. måned, løbende priser")
        parts = [f"{r.scenario.navn}: {sc.signed(r.total_difference)} kr." for r in comparison.scenarios]
        self.summary.setText(
            "Forskel fra basis over hele perioden — " + "; ".join(parts)
            if parts
            else "Ingen scenarier er afkrydset — kun basis vises."
        )

    def clear(self) -> None:
        self.running.setRowCount(0)
        self.fixed.setRowCount(0)
        self.chart.clear()
        self.summary.setText(PROMPT)
