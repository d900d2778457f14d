"""The placement form and the budget dialog of »Portefølje«.

Both validate through the presenter (``placement_from_form``, ``budget_from_text``): a bad
field keeps the dialog open, shows the Danish message under the form and puts the cursor in
the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from rammedesk.domain.portfolio.model import BudgetLine, Placement
from rammedesk.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from rammedesk.presenters.portfolio import (
    BUDGET_DIMENSIONS,
    FORM_LABELS,
    UNIT_CHOICES,
    FormError,
    PlacementForm,
    budget_from_text,
    budget_rows,
    form_error_text,
    form_from_placement,
    placement_from_form,
)

PLACEHOLDERS = {
    "sagsnummer": "fx 27.15.04-A12-3-25",
    "paragraf": "fx § 108",
    "takst": "fx 2.450,50",
    "takst_aar": "startåret, hvis tomt",
    "start": "dd.mm.åååå",
    "slut": "tom = løbende",
    "opsigelse_givet": "dd.mm.åååå",
    "tillaeg_timer": "fx 10",
}


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #9b2c2c;")
    label.hide()
    return label


class PlacementDialog(QDialog):
    """Add or edit one placement; ``accepted_placement`` is called with the valid result."""

    def __init__(
        self,
        parent: QWidget,
        on_accept: Callable[[Placement], None],
        placement: Placement | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("placementDialog")
        self.setWindowTitle(("Ret anbringelse" if placement else "Tilføj anbringelse") + " – RammeDesk")
        self._on_accept = on_accept
        form = form_from_placement(placement) if placement else PlacementForm()
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.unit = QComboBox()
        self.unit.setObjectName("field_enhed")
        for unit in UNIT_CHOICES:
            self.unit.addItem(unit.label, unit.value)
        self.unit.setCurrentIndex(max(0, self.unit.findData(form.enhed)))
        for f in fields(PlacementForm):
            if f.name == "enhed":
                grid.addRow(FORM_LABELS["enhed"], self.unit)
                continue
            edit = QLineEdit(getattr(form, f.name))
            edit.setObjectName(f"field_{f.name}")
            edit.setPlaceholderText(PLACEHOLDERS.get(f.name, ""))
            edit.setMinimumWidth(260)
            self.edits[f.name] = edit
            grid.addRow(FORM_LABELS[f.name], edit)
        layout.addLayout(grid)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Gem" if placement else "Tilføj")
        ok.setObjectName("placementOk")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuller")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def form(self) -> PlacementForm:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["enhed"] = self.unit.currentData()
        return PlacementForm(**values)

    def try_accept(self) -> None:
        try:
            placement = placement_from_form(self.form())
        except FormError as exc:
            self.show_error(exc)
            return
        self.error.hide()
        self._on_accept(placement)
        self.accept()

    def show_error(self, exc: FormError) -> None:
        self.error.setText(form_error_text(exc))
        self.error.show()
        edit = self.edits.get(exc.field)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()


class BudgetDialog(QDialog):
    """The yearly budget per group: a list of lines, add and remove, saved as a whole."""

    def __init__(
        self, parent: QWidget, lines: tuple[BudgetLine, ...], on_save: Callable[[list[BudgetLine]], None]
    ):
        super().__init__(parent)
        self.setObjectName("budgetDialog")
        self.setWindowTitle("Budget pr. gruppe og år – RammeDesk")
        self.resize(640, 440)
        self._on_save = on_save
        self.lines = list(lines)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Årsbudgettet for en gruppe sammenlignes med prognosen for de anbringelser, hvis "
            "paragraf, målgruppe eller egen gruppe har netop det navn."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("budgetTable")
        self.table.setHorizontalHeaderLabels(["Grupperet efter", "Gruppe", "År", "Budget (kr.)"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.dimension = QComboBox()
        self.dimension.setObjectName("budgetDimension")
        for d in BUDGET_DIMENSIONS:
            self.dimension.addItem(d.label, d.value)
        self.key = QLineEdit()
        self.key.setObjectName("budgetKey")
        self.key.setPlaceholderText("Gruppe, fx § 108")
        self.year = QLineEdit()
        self.year.setObjectName("budgetYear")
        self.year.setPlaceholderText("År")
        self.year.setMaximumWidth(70)
        self.amount = QLineEdit()
        self.amount.setObjectName("budgetAmount")
        self.amount.setPlaceholderText("Beløb, fx 12.500.000")
        add = QPushButton("Tilføj linje")
        add.setObjectName("budgetAdd")
        add.clicked.connect(self.add_line)
        remove = QPushButton("Fjern valgte")
        remove.clicked.connect(self.remove_selected)
        for w in (self.dimension, self.key, self.year, self.amount, add, remove):
            row.addWidget(w)
        layout.addLayout(row)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Gem budget")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuller")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._refresh()

    def _refresh(self) -> None:
        rows = budget_rows(self.lines)
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def add_line(self) -> None:
        try:
            line = budget_from_text(
                self.dimension.currentData(), self.key.text(), self.year.text(), self.amount.text()
            )
        except FormError as exc:
            labels = {"key": "Gruppe", "aar": "År", "beloeb": "Beløb", "dimension": "Grupperet efter"}
            self.error.setText(f"{labels.get(exc.field, exc.field)}: {exc}")
            self.error.show()
            return
        self.error.hide()
        self.lines = [
            b for b in self.lines if (b.dimension, b.key, b.aar) != (line.dimension, line.key, line.aar)
        ]
        self.lines.append(line)
        self.lines.sort(key=lambda b: (b.dimension.value, b.key, b.aar))
        self._refresh()
        self.amount.clear()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            del self.lines[r]
        self._refresh()

    def _save(self) -> None:
        self._on_save(self.lines)
        self.accept()
