"""The projection panel of »Portefølje«: from year and years, run on the task runner; the
chart of forecast against budget beside the month table; totals by a chosen dimension; the
assumptions; export to xlsx/pdf."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rammedesk.domain.portfolio.model import Dimension
from rammedesk.errors import UserError
from rammedesk.gui.qt import (
    QBrush,
    QColor,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.portfolio_chart import MonthChart
from rammedesk.presenters.portfolio import (
    MAX_YEARS,
    MONTH_HEADERS,
    TOTAL_DIMENSIONS,
    assumption_lines,
    budget_note,
    budget_subjects,
    month_rows,
    over_budget_summary,
    projection_summary,
    totals_table,
)

OVER_BACKGROUND = "#fde8e8"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill_table(table: QTableWidget, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def read_only_table(name: str, *, stretch_last: bool = True) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def projection_job(portfolio_id: int, first_year: int, years: int) -> Callable[[Any, Any], Any]:
    def job(ctx: Any, store: Any) -> Any:
        from rammedesk.domain.portfolio.projection import ProjectionSettings
        from rammedesk.services.costs import load_pl_table
        from rammedesk.services.portfolio import load_portfolio, project_portfolio

        loaded = load_portfolio(store, portfolio_id)
        n = len(loaded.portfolio.placements)
        ctx.progress(1, 3, f"Indlæser P/L-tabellen og {n} anbringelser …")
        pl = load_pl_table(store)
        ctx.progress(2, 3, f"Fremskriver {n} anbringelser over {years * 12} måneder …")
        settings = ProjectionSettings(start=date(first_year, 1, 1), months=years * 12)
        comparison = project_portfolio(loaded.portfolio, settings, pl)
        ctx.progress(3, 3, "Færdig.")
        return loaded.portfolio, comparison.base, pl

    return job


class ProjectionPanel(QWidget):
    status = Signal(str)

    def __init__(self, runner: Any, store: Callable[[], Any], portfolio_id: Callable[[], int | None]) -> None:
        super().__init__()
        self.setObjectName("projectionPanel")
        self._runner = runner
        self._store = store
        self._portfolio_id = portfolio_id
        self.portfolio: Any = None
        self.projection: Any = None
        self.pl: Any = None
        self.error: UserError | None = None
        self.exporter: Callable[[str], None] | None = None  # set by the tab
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        controls = QHBoxLayout()
        title = QLabel("<b>Fremskrivning</b>")
        controls.addWidget(title)
        controls.addWidget(QLabel("Fra år"))
        self.first_year = QSpinBox()
        self.first_year.setObjectName("projectionFrom")
        self.first_year.setRange(2000, 2100)
        self.first_year.setGroupSeparatorShown(False)
        self.first_year.setValue(date.today().year + 1)
        controls.addWidget(self.first_year)
        controls.addWidget(QLabel("Antal år"))
        self.years = QSpinBox()
        self.years.setObjectName("projectionYears")
        self.years.setRange(1, MAX_YEARS)
        self.years.setValue(3)
        controls.addWidget(self.years)
        self.run_button = QPushButton("Beregn")
        self.run_button.setObjectName("projectionRun")
        self.run_button.clicked.connect(self.run)
        controls.addWidget(self.run_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("projectionProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        controls.addWidget(self.progress)
        controls.addStretch(1)
        self.xlsx_button = QPushButton("Gem som regneark…")
        self.xlsx_button.setObjectName("projectionXlsx")
        self.pdf_button = QPushButton("Gem som PDF…")
        self.pdf_button.setObjectName("projectionPdf")
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(False)
            controls.addWidget(b)
        self.xlsx_button.clicked.connect(lambda: self._export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        layout.addLayout(controls)
        self.summary = QLabel("Vælg år og tryk Beregn.")
        self.summary.setObjectName("projectionSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_chart_tab()
        self._build_totals_tab()
        self.assumptions = QPlainTextEdit()
        self.assumptions.setObjectName("projectionAssumptions")
        self.assumptions.setReadOnly(True)
        self.tabs.addTab(self.assumptions, "Forudsætninger")

    def _build_chart_tab(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel("Sammenlign med budget for"))
        self.subject = QComboBox()
        self.subject.setObjectName("budgetSubject")
        self.subject.setMinimumWidth(220)
        self.subject.currentIndexChanged.connect(self._show_months)
        row.addWidget(self.subject)
        self.over_label = QLabel()
        self.over_label.setObjectName("overBudget")
        self.over_label.setWordWrap(True)  # a long note must not widen the page
        self.over_label.setMinimumWidth(200)
        row.addWidget(self.over_label, 1)
        column.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.chart = MonthChart("forecastChart")
        self.months = read_only_table("monthTable")
        split.addWidget(self.chart)
        split.addWidget(self.months)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])  # the chart gets the larger part
        self.chart.setMinimumWidth(420)
        column.addWidget(split, 1)
        self.tabs.addTab(page, "Prognose og budget")

    def _build_totals_tab(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel("Totaler pr."))
        self.dimension = QComboBox()
        self.dimension.setObjectName("totalsDimension")
        for d in TOTAL_DIMENSIONS:
            self.dimension.addItem(d.label, d.value)
        self.dimension.currentIndexChanged.connect(self._show_totals)
        row.addWidget(self.dimension)
        row.addWidget(QLabel("Hele kroner, løbende priser."))
        row.addStretch(1)
        column.addLayout(row)
        self.totals = read_only_table("totalsTable")
        column.addWidget(self.totals, 1)
        self.tabs.addTab(page, "Totaler")

    def _export(self, kind: str) -> None:
        if self.exporter is not None:
            self.exporter(kind)

    # -- running ---------------------------------------------------------------------------------

    def run(self) -> None:
        store, portfolio_id = self._store(), self._portfolio_id()
        if store is None or portfolio_id is None:
            return
        self.run_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText("Beregner …")
        job = projection_job(portfolio_id, self.first_year.value(), self.years.value())
        self._runner.submit(
            lambda ctx: job(ctx, store), on_done=self._done, on_error=self._failed, on_progress=self._progress
        )

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if text:
            self.summary.setText(text)

    def _finish(self) -> None:
        self.run_button.setEnabled(True)
        self.progress.hide()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not isinstance(exc, UserError):
            raise exc
        self.error = exc
        where = f" ({exc.where})" if exc.where else ""
        self.summary.setText(f"Fremskrivningen kunne ikke beregnes: {exc.message}{where}")

    def _done(self, result: Any) -> None:
        self._finish()
        self.error = None
        self.portfolio, self.projection, self.pl = result
        self.summary.setText(projection_summary(self.projection))
        self.subject.blockSignals(True)
        self.subject.clear()
        for s in budget_subjects(self.projection):
            self.subject.addItem(s.label, s)
        self.subject.blockSignals(False)
        self._show_months()
        self._show_totals()
        self.assumptions.setPlainText("\n".join(assumption_lines(self.projection)))
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(True)
        self.status.emit("Fremskrivningen er beregnet.")

    def clear(self) -> None:
        self.portfolio = self.projection = self.pl = None
        self.summary.setText("Vælg år og tryk Beregn.")
        self.chart.clear()
        self.months.setRowCount(0)
        self.totals.setRowCount(0)
        self.subject.clear()
        self.over_label.clear()
        self.assumptions.clear()
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(False)

    # -- showing -------------------------------------------------------------------------------

    def current_rows(self) -> list[Any]:
        return month_rows(self.projection, self.subject.currentData()) if self.projection else []

    def _show_months(self) -> None:
        if self.projection is None:
            return
        subject = self.subject.currentData()
        rows = self.current_rows()
        fill_table(self.months, MONTH_HEADERS, [r.cells() for r in rows])
        for i, r in enumerate(rows):
            if r.over:
                for c in range(self.months.columnCount()):
                    item = self.months.item(i, c)
                    if item is not None:
                        item.setBackground(QBrush(QColor(OVER_BACKGROUND)))
        title = "Prognose og budget pr. måned" + (
            f" – {subject.label}" if subject and subject.dimension else ""
        )
        self.chart.show_forecast(rows, title)
        note = budget_note(self.projection, subject) if subject else ""
        self.over_label.setText(f"{note} {over_budget_summary(rows)}".strip())

    def _show_totals(self) -> None:
        if self.projection is None:
            return
        table = totals_table(self.projection, Dimension(self.dimension.currentData()))
        fill_table(self.totals, table.headers, list(table.rows))
        last = self.totals.rowCount() - 1
        for c in range(self.totals.columnCount()):
            item = self.totals.item(last, c)
            if item is not None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
