"""»Indstillinger…«: the import limits (file size, rows, cell length …) of the open database.

Each limit is a line edit that takes Danish numbers and sizes ("300.000", "80 MB"); a bad value
is named under its field and »Gem« stays off. Saving stores all changes in one transaction.
"""

from __future__ import annotations

from typing import Any

from rammedesk.gui.dialogs.import_progress import show_error
from rammedesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)
from rammedesk.presenters.settings import SettingsPresenter

ERROR_STYLE = "color: #b42318;"


class SettingsDialog(QDialog):
    def __init__(self, runner: Any, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Indstillinger – RammeDesk")
        self.runner, self.store = runner, store
        self.presenter = SettingsPresenter()
        column = QVBoxLayout(self)
        intro = QLabel(
            "Grænser for de filer, RammeDesk indlæser (takstfiler og porteføljer). En fil ud over en "
            "grænse afvises med en besked, der nævner indstillingen. Størrelser kan skrives som "
            "»80 MB«. Grænserne gælder for denne database."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for i, f in enumerate(self.presenter.fields):
            key = f.setting.key
            label = QLabel(f"{f.setting.label.capitalize()}:")
            edit = QLineEdit()
            edit.setObjectName(f"limit_{key}")
            edit.setAccessibleName(f.setting.label)
            edit.setToolTip(f.setting.help)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textEdited.connect(lambda text, k=key: self._edited(k, text))
            label.setBuddy(edit)
            default = QLabel(f"standard {f.default_text}")
            default.setObjectName(f"default_{key}")
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(edit, 2 * i, 1)
            grid.addWidget(default, 2 * i, 2)
            grid.addWidget(error, 2 * i + 1, 1, 1, 2)
            self.edits[key], self.errors[key] = edit, error
        column.addLayout(grid)
        column.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Gem")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Annullér")
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("Gendan &standard")
        restore.setObjectName("restoreDefaults")
        restore.clicked.connect(self.restore_defaults)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.resize(640, 460)
        self.redraw()

    # -- data -------------------------------------------------------------------------------------

    def load(self) -> None:
        def job(_ctx: Any) -> Any:
            from rammedesk.services.settings import limit_values

            return {v.setting.key: v.value for v in limit_values(self.store)}

        self.runner.submit(job, on_done=self._loaded, on_error=lambda exc: show_error(exc, self))

    def _loaded(self, values: dict[str, int]) -> None:
        self.presenter = SettingsPresenter(values)
        self.redraw()

    def save(self) -> None:
        if self.presenter.errors:
            return
        changes = self.presenter.changes()
        if not changes:
            self.accept()
            return
        self.save_button.setEnabled(False)

        def job(_ctx: Any) -> Any:
            from rammedesk.services.settings import set_limits

            return set_limits(self.store, changes)

        self.runner.submit(job, on_done=lambda _values: self.accept(), on_error=self._save_failed)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_error(exc, self)

    # -- view -------------------------------------------------------------------------------------

    def _edited(self, key: str, text: str) -> None:
        self.presenter.set_text(key, text)
        self._show_state()

    def restore_defaults(self) -> None:
        self.presenter.restore_defaults()
        self.redraw()

    def redraw(self) -> None:
        for f in self.presenter.fields:
            edit = self.edits[f.setting.key]
            if edit.text() != f.text:
                edit.setText(f.text)
        self._show_state()

    def _show_state(self) -> None:
        for f in self.presenter.fields:
            label = self.errors[f.setting.key]
            label.setText(f.error)
            label.setVisible(bool(f.error))
        self.save_button.setEnabled(not self.presenter.errors)


def open_settings_dialog(parent: QWidget, runner: Any, store: Any) -> SettingsDialog:
    dialog = SettingsDialog(runner, store, parent)
    dialog.load()
    dialog.open()
    return dialog
