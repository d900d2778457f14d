"""The right half of »Enkelt forløb«: total, paid days, per-year and per-month tables, the
assumptions in plain Danish, and the compute and save buttons.
"""

from __future__ import annotations

from rammedesk.gui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from rammedesk.gui.views.cost_widgets import NumberTable, section_label
from rammedesk.presenters.cost_calculator import CalculatorState
from rammedesk.presenters.formatting import format_decimal

FIELD_NAMES = {
    "takst": "Takst",
    "takst_year": "Takstår",
    "start": "Start",
    "end": "Slut",
    "horizon": "Horisont",
    "tillaeg_rate": "Timetillæg",
    "tillaeg_hours": "Timer pr. uge",
    "daily_tillaeg": "Dagtillæg",
    "notice_given": "Opsigelse",
    "notice_days": "Varsel",
    "egenbetaling": "Egenbetaling",
    "pl_to": "P/L fremskriv til",
    "sagsnr": "Sagsnummer",
}


class CostResults(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.total = QLabel()
        self.total.setObjectName("costTotal")
        self.total.setAccessibleName("Udgift i alt")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.days = QLabel()
        self.days.setObjectName("costDays")
        self.placeholder = QLabel()
        self.placeholder.setObjectName("costPlaceholder")
        self.placeholder.setWordWrap(True)
        column.addWidget(self.total)
        column.addWidget(self.days)
        column.addWidget(self.placeholder)
        self.tables = QTabWidget()
        self.tables.setObjectName("costTables")
        self.years = NumberTable(("År", "Betalte dage", "Udgift (kr.)"), "perYear")
        self.months = NumberTable(("Måned", "Betalte dage", "Udgift (kr.)"), "perMonth")
        self.tables.addTab(self.years, "Pr. år")
        self.tables.addTab(self.months, "Pr. måned")
        self.years.setMinimumHeight(120)
        self.months.setMinimumHeight(120)
        column.addWidget(self.tables, 3)
        column.addWidget(section_label("Forudsætninger"))
        self.assumptions = QLabel()
        self.assumptions.setObjectName("costAssumption")
        self.assumptions.setWordWrap(True)
        self.assumptions.setTextFormat(Qt.TextFormat.PlainText)
        self.assumptions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.assumptions)
        scroll.setMinimumHeight(110)
        column.addWidget(scroll, 2)
        self.compute_button = QPushButton("Beregn (Enter)")
        self.compute_button.setObjectName("computeButton")
        self.compute_button.setDefault(True)
        self.save_xlsx = QPushButton("Gem som regneark (&xlsx)…")
        self.save_xlsx.setObjectName("saveXlsx")
        self.save_pdf = QPushButton("Gem som P&DF…")
        self.save_pdf.setObjectName("savePdf")
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_xlsx)
        buttons.addWidget(self.save_pdf)
        column.addLayout(buttons)

    def show_state(self, state: CalculatorState) -> None:
        """Totals and tables of a CalculatorState, or what to do when it cannot be computed."""
        ok = state.ok
        self.save_xlsx.setEnabled(ok)
        self.save_pdf.setEnabled(ok)
        if not ok:
            self.total.setText("–")
            self.days.setText("")
            if state.errors:
                names = ", ".join(FIELD_NAMES.get(key, key) for key in FIELD_NAMES if key in state.errors)
                self.placeholder.setText(f"Ret felterne med en rød besked ({names}); så beregnes udgiften.")
            else:
                self.placeholder.setText(
                    "Skriv en takst og vælg en periode; udgiften beregnes, mens du skriver."
                )
            self.placeholder.show()
            self.years.set_rows([])
            self.months.set_rows([])
            self.assumptions.setText("")
            return
        self.placeholder.hide()
        self.total.setText(state.total)
        self.days.setText(state.headline)
        assert state.result is not None
        total = ("I alt", str(state.result.days_charged), format_decimal(state.result.total))
        self.years.set_rows([(r.label, r.days, r.amount) for r in state.years], total)
        self.months.set_rows([(r.label, r.days, r.amount) for r in state.months], total)
        self.assumptions.setText("\n".join(f"•  {a}" for a in state.assumptions))
