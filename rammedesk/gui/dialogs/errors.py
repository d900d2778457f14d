"""Show errors: a UserError with its Danish message and place; a bug with copyable details.

Dialogs are opened with ``open()`` (window-modal, no nested event loop) and returned, so
callers and tests can wait for ``finished``.
"""

from __future__ import annotations

from pathlib import Path

from rammedesk.errors import UserError
from rammedesk.gui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFontDatabase,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    Qt,
    QVBoxLayout,
    QWidget,
)
from rammedesk.logging_setup import log_bug

TITLE = "RammeDesk"


MESSAGE_WIDTH = 440


def widen(box: QMessageBox, width: int = MESSAGE_WIDTH) -> QMessageBox:
    """QMessageBox wraps its text at a narrow width (paths break badly); give it room."""
    box.setStyleSheet(
        f"QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel {{ min-width: {width}px; }}"
    )
    return box


def user_error_box(error: UserError, parent: QWidget | None, title: str = TITLE) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("userErrorDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(error.message)
    if error.where:
        box.setInformativeText(f"Sted: {error.where}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widen(box)


class BugDialog(QDialog):
    """An unexpected error: says it is a fault in the program, where the log is, and lets the
    user copy the details into an e-mail to support."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bugDialog")
        self.setWindowTitle("Uventet fejl – RammeDesk")
        self.details = details
        self.resize(640, 420)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        top = QHBoxLayout()
        glyph = QLabel()
        glyph.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        top.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            "Der opstod en uventet fejl i RammeDesk. Det er en fejl i programmet, ikke noget du "
            "har gjort forkert. Det, du var i gang med, er ikke gennemført.\n\n"
            "Send gerne detaljerne nedenfor til den, der hjælper med RammeDesk: tryk "
            "»Kopiér detaljer« og indsæt dem i en e-mail."
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(text, 1)
        column.addLayout(top)
        self.log_label = QLabel(
            f"Fejlen er skrevet i logfilen:\n{log_path}" if log_path else "Der er ingen logfil."
        )
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.log_label)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setAccessibleName("Fejldetaljer")
        column.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Kopiér detaljer")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.copy_button.setFocus()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Kopieret ✓")


class ErrorReporter:
    """The one place that turns an exception into a dialog (and a log entry for bugs)."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None):
        self.log_path = log_path
        self.parent = parent
        self.last_dialog: QDialog | None = None

    def report(self, exc: BaseException, parent: QWidget | None = None) -> QDialog:
        where = parent if parent is not None else self.parent
        dialog: QDialog
        if isinstance(exc, UserError):
            dialog = user_error_box(exc, where)
        else:
            details = log_bug(exc)
            dialog = BugDialog(details, self.log_path, where)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def __call__(self, exc: BaseException) -> None:
        self.report(exc)
