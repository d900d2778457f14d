"""»Tilføj til favoritter / kortliste…«: choose or name a list and write an optional note.

The dialog does not store anything itself: OK emits ``submitted`` and the dialog stays open
until the caller says the entry is stored (``finish``), so a refused note (CPR-like) can be
corrected without typing it all again.
"""

from __future__ import annotations

from rammedesk.domain.lists import FAVOURITES_NAME
from rammedesk.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

NOTE_HINT = "Fx sagsnummer eller hvad du vil huske. Skriv aldrig CPR-nummer eller borgerens navn."


class AddToListDialog(QDialog):
    submitted = Signal(str, str)  # list name (new or existing), note

    def __init__(
        self,
        what: str,
        list_names: list[str],
        *,
        favourites: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addToListDialog")
        self.setWindowTitle(
            ("Tilføj til favoritter" if favourites else "Tilføj til kortliste") + " – RammeDesk"
        )
        self.setMinimumWidth(480)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        about = QLabel(what)
        about.setObjectName("sectionTitle")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(about)
        form = QFormLayout()
        self.list_box = QComboBox()
        self.list_box.setObjectName("listChoice")
        self.list_box.setEditable(True)
        self.list_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = [FAVOURITES_NAME] + [n for n in list_names if n != FAVOURITES_NAME]
        self.list_box.addItems(names)
        self.list_box.setToolTip("Vælg en kortliste, eller skriv et nyt navn for at oprette en")
        if favourites:
            self.list_box.setCurrentIndex(0)
        else:
            self.list_box.setCurrentIndex(1 if len(names) > 1 else -1)
            if len(names) == 1:
                self.list_box.setEditText("")
        editor = self.list_box.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("Navn på en ny kortliste")
        form.addRow("&Kortliste:", self.list_box)
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEdit")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(NOTE_HINT)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        form.addRow("&Note (valgfri):", self.note)
        column.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Tilføj")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        (self.note if favourites else self.list_box).setFocus()

    @property
    def list_name(self) -> str:
        return " ".join(self.list_box.currentText().split())

    def accept(self) -> None:
        """OK: ask the caller to store; the dialog closes when ``finish`` is called."""
        self.submitted.emit(self.list_name, self.note.toPlainText())

    def finish(self) -> None:
        self.done(QDialog.DialogCode.Accepted)
