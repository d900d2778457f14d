"""The scenario change form: a kind (takst, tillægstimer, til-/afgang, dates) and its fields.

The fields are built from ``presenters.scenarios.CHANGE_KINDS``; the presenter turns the text
into a scenario-document change, or a ``FormError`` shown under the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from rammedesk.presenters.portfolio import UNIT_CHOICES, FormError
from rammedesk.presenters.scenarios import (
    CHANGE_KINDS,
    FIELD_LABELS,
    FILTER_DIMENSIONS,
    KINDS,
    change_from_fields,
)

PLACEHOLDERS = {
    "pct": "fx 3 eller -2,5",
    "fra": "fx 07.2027",
    "til": "fx 12.2029",
    "takst": "fx 3.150,00",
    "slut": "dd.mm.åååå",
    "antal": "fx 2",
    "maaneder": "fx 6 eller -3",
    "vaerdi": "fx § 108",
}


class ChangeDialog(QDialog):
    def __init__(self, parent: QWidget, on_accept: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioChangeDialog")
        self.setWindowTitle("Tilføj ændring – RammeDesk")
        self.setMinimumWidth(460)
        self._on_accept = on_accept
        layout = QVBoxLayout(self)
        self.kind = QComboBox()
        self.kind.setObjectName("changeKind")
        for k in CHANGE_KINDS:
            self.kind.addItem(k.label, k.key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        top = QFormLayout()
        top.addRow("Ændring", self.kind)
        layout.addLayout(top)
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_box)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b2c2c;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tilføj")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuller")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self._kind_changed()

    def set_kind(self, key: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(key))

    def _kind_changed(self, *_args: Any) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits, self.combos = {}, {}
        for name in KINDS[self.kind.currentData()].fields:
            widget: QWidget
            if name == "enhed":
                combo = QComboBox()
                for unit in UNIT_CHOICES:
                    combo.addItem(unit.label, unit.value)
                self.combos[name] = widget = combo
            elif name == "dimension":
                combo = QComboBox()
                combo.addItem("alle anbringelser", "")
                for d in FILTER_DIMENSIONS:
                    combo.addItem(d.label.lower(), d.value)
                self.combos[name] = widget = combo
            else:
                edit = QLineEdit()
                edit.setObjectName(f"change_{name}")
                edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
                self.edits[name] = widget = edit
            self.form.addRow(FIELD_LABELS[name], widget)
        self.error.hide()

    def values(self) -> dict[str, str]:
        out = {name: edit.text() for name, edit in self.edits.items()}
        out.update({name: str(combo.currentData()) for name, combo in self.combos.items()})
        return out

    def try_accept(self) -> None:
        try:
            doc = change_from_fields(self.kind.currentData(), self.values())
        except FormError as exc:
            self.error.setText(f"{FIELD_LABELS.get(exc.field, 'Ændringen')}: {exc}")
            self.error.show()
            edit = self.edits.get(exc.field)
            if edit is not None:
                edit.setFocus()
            return
        self._on_accept(doc)
        self.accept()
