"""Jobs of the import wizard on the task runner: busy state, a progress dialog, error boxes.

The progress dialog is not modal on purpose: a modal QProgressDialog runs processEvents() in
setValue() (see gui/app.py). The wizard disables its own buttons while a job runs instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.errors import Cancelled, UserError
from rammedesk.gui.dialogs.errors import user_error_box, widen
from rammedesk.gui.qt import QFileDialog, QMessageBox, QObject, QProgressDialog, Qt, QWidget, Signal
from rammedesk.gui.tasks import TaskHandle, TaskRunner

TITLE = "Importér takstfil – RammeDesk"


def choose_open_file(parent: QWidget, title: str, start: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start, file_filter)
    return path or None


def choose_save_file(parent: QWidget, title: str, start: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    return path or None


def information(parent: QWidget, text: str, title: str = TITLE) -> QMessageBox:
    box = widen(QMessageBox(parent))
    box.setObjectName("importMessage")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_error(exc: BaseException, parent: QWidget, title: str = TITLE) -> None:
    """Cancelled → a calm note; UserError → message + »Sted: …«; anything else is a bug and is
    re-raised, so the runner hands it to the application's error reporter."""
    if isinstance(exc, Cancelled):
        box = information(parent, exc.message or "Afbrudt. Intet er ændret.", title)
        box.setObjectName("cancelledMessage")
        return
    if isinstance(exc, UserError):
        box = user_error_box(exc, parent, title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    raise exc


class ProgressRunner(QObject):
    """One job at a time for a dialog; ``label`` given → a progress dialog with »Annuller«."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget, runner: TaskRunner):
        super().__init__(parent)
        self.parent_widget = parent
        self.runner = runner
        self.handle: TaskHandle | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.handle is not None

    def run(
        self,
        job: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None,
        label: str | None,
        *,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``on_failed`` (cancelled, refused or a bug) runs before the message is shown."""
        if self.handle is not None:
            return
        handle = self.handle = TaskHandle()
        if label is not None:
            dialog = QProgressDialog(label, "Annuller", 0, 0, self.parent_widget)
            dialog.setObjectName("importProgress")
            dialog.setWindowTitle(TITLE)
            dialog.setWindowModality(Qt.WindowModality.NonModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumDuration(0)
            dialog.setMinimumWidth(420)
            dialog.canceled.connect(self.cancel)
            self.dialog = dialog
            dialog.show()
        self.busy_changed.emit(True)

        def done(result: Any) -> None:
            self._finish(handle)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._finish(handle)
            if on_failed is not None:
                on_failed(exc)
            show_error(exc, self.parent_widget)

        self.runner.submit(job, on_done=done, on_error=failed, on_progress=self._progress, handle=handle)

    def cancel(self) -> None:
        if self.handle is None:
            return
        self.handle.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("Afbryder … intet bliver gemt.")
            self.dialog.setCancelButton(None)

    def _progress(self, done: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if total > 0 and dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total) if total > 0 else 0)
        if text and not (self.handle is not None and self.handle.cancelled):
            dialog.setLabelText(text)

    def _finish(self, handle: TaskHandle) -> None:
        if handle is not self.handle:
            return
        self.handle = None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.busy_changed.emit(False)
