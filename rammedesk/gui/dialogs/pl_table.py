"""»P/L-tabel…«: the price/wage index table (år / sats % / kilde), edited with undo/redo.

Every edit (a cell, a new row, a deleted row) is a QUndoCommand on the dialog's own stack,
acting on ``PLTablePresenter``. Messages per cell are shown under the table; »Gem« stores the
whole table through ``services.pl_edit`` in one transaction. »Importér fil…« reads a file
with the existing P/L import service and reloads the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk.errors import UserError
from rammedesk.gui.dialogs.demo_warning import confirm_import_into_demo
from rammedesk.gui.qt import (
    QAbstractItemView,
    QColor,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.presenters.pl_table import COLUMNS, PLTablePresenter

ChooseFile = Callable[[QWidget], str | None]
INVALID = QColor("#fde8e8")


def choose_pl_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Importér P/L-tabel", str(Path.home()), "P/L-tabel (*.xlsx *.csv);;Alle filer (*)"
    )
    return path or None


class _SetCell(QUndoCommand):
    def __init__(self, dialog: PLTableDialog, row: int, column: int, old: str, new: str):
        super().__init__(f"ret {COLUMNS[column].lower()} i række {row + 1}")
        self.dialog, self.row, self.column, self.old, self.new = dialog, row, column, old, new

    def redo(self) -> None:
        self.dialog.presenter.set_cell(self.row, self.column, self.new)
        self.dialog.redraw()

    def undo(self) -> None:
        self.dialog.presenter.set_cell(self.row, self.column, self.old)
        self.dialog.redraw()


class _InsertRow(QUndoCommand):
    def __init__(self, dialog: PLTableDialog, row: int, values: list[str]):
        super().__init__("tilføj række")
        self.dialog, self.row, self.values = dialog, row, values

    def redo(self) -> None:
        self.dialog.presenter.insert(self.row, self.values)
        self.dialog.redraw(select=self.row)

    def undo(self) -> None:
        self.dialog.presenter.remove(self.row)
        self.dialog.redraw()


class _RemoveRow(QUndoCommand):
    def __init__(self, dialog: PLTableDialog, row: int):
        super().__init__(f"slet række {row + 1}")
        self.dialog, self.row = dialog, row
        self.values: list[str] = []

    def redo(self) -> None:
        self.values = self.dialog.presenter.remove(self.row)
        self.dialog.redraw()

    def undo(self) -> None:
        self.dialog.presenter.insert(self.row, self.values)
        self.dialog.redraw(select=self.row)


class PLTableDialog(QDialog):
    saved = Signal(object)  # the new PLTable

    def __init__(
        self,
        runner: Any,
        store: Any,
        *,
        choose_file: ChooseFile = choose_pl_file,
        is_demo: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("plDialog")
        self.setWindowTitle("P/L-tabel – RammeDesk")
        self.runner = runner
        self.store = store
        self.choose_file = choose_file
        self.is_demo = is_demo
        self.presenter = PLTablePresenter()
        self.undo_stack = QUndoStack(self)
        self._drawing = False
        self.resize(620, 520)

        column = QVBoxLayout(self)
        intro = QLabel(
            "Satsen er pris- og lønfremskrivningen i procent i forhold til året før. Tabellen bruges "
            "af alle beregninger; et år uden sats giver en fejl, aldrig 0 %."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("plTable")
        self.table.setAccessibleName("P/L-satser")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        rate_head = self.table.horizontalHeaderItem(1)
        if rate_head is not None:
            rate_head.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.itemChanged.connect(self._item_changed)
        column.addWidget(self.table, 1)
        self.messages = QLabel()
        self.messages.setObjectName("fieldError")
        self.messages.setStyleSheet("color: #b42318;")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.messages)

        tools = QHBoxLayout()
        self.add_button = self._button("&Tilføj år", "addRow", self.add_row, tools)
        self.delete_button = self._button("&Slet række", "deleteRow", self.delete_row, tools)
        self.undo_button = self._button("&Fortryd", "undoButton", self.undo_stack.undo, tools)
        self.redo_button = self._button("&Annullér fortryd", "redoButton", self.undo_stack.redo, tools)
        tools.addStretch(1)
        self.import_button = self._button("&Importér fil…", "importButton", self.import_file, tools)
        column.addLayout(tools)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        undo_action = self.undo_stack.createUndoAction(self, "Fortryd")
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = self.undo_stack.createRedoAction(self, "Annullér fortryd")
        redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(undo_action)
        self.addAction(redo_action)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Gem")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Luk &uden at gemme")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.redraw()

    def _button(self, text: str, name: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- data -------------------------------------------------------------------------------------

    def load(self) -> None:
        def job(_ctx: Any) -> Any:
            from rammedesk.services.costs import list_pl

            return [s.rate for s in list_pl(self.store)]

        self.runner.submit(job, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rates: Any) -> None:
        self.presenter = PLTablePresenter(list(rates))
        self.undo_stack.clear()
        self.redraw()

    def redraw(self, select: int | None = None) -> None:
        self._drawing = True
        try:
            rows = self.presenter.rows
            self.table.setRowCount(len(rows))
            errors = {(e.row, e.column) for e in self.presenter.errors()}
            for r, values in enumerate(rows):
                for c, text in enumerate(values):
                    item = QTableWidgetItem(text)
                    if c == 1:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if (r, c) in errors:
                        item.setBackground(INVALID)
                    self.table.setItem(r, c, item)
        finally:
            self._drawing = False
        messages = [e.text for e in self.presenter.errors()]
        self.messages.setText("\n".join(messages[:6]) + ("\n…" if len(messages) > 6 else ""))
        self.messages.setVisible(bool(messages))
        self.delete_button.setEnabled(bool(rows))
        if select is not None and 0 <= select < len(rows):
            self.table.setCurrentCell(select, 0)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._drawing:
            return
        row, column = item.row(), item.column()
        old = self.presenter.rows[row][column]
        if item.text() != old:
            self.undo_stack.push(_SetCell(self, row, column, old, item.text()))

    # -- commands ---------------------------------------------------------------------------------

    def add_row(self) -> None:
        row = len(self.presenter.rows)
        self.undo_stack.push(_InsertRow(self, row, [self.presenter.next_year(), "", ""]))
        self.table.setFocus()
        self.table.setCurrentCell(row, 1)

    def delete_row(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.presenter.rows):
            self.undo_stack.push(_RemoveRow(self, row))

    def save(self) -> None:
        if self.presenter.errors():
            self.redraw()
            self.messages.setText("Ret de markerede celler, før tabellen gemmes.\n" + self.messages.text())
            self.messages.show()
            return
        rates = self.presenter.rates()
        store = self.store

        def job(_ctx: Any) -> Any:
            from rammedesk.services.pl_edit import save_pl_table

            return save_pl_table(store, rates)

        def done(report: Any) -> None:
            self.saved.emit(report.table)
            self.accept()

        self.runner.submit(job, on_done=done, on_error=self._failed)

    def import_file(self) -> None:
        chosen = self.choose_file(self)
        if not chosen:
            return
        store = self.store

        def job(_ctx: Any) -> Any:
            from rammedesk.services.costs import import_pl_file, list_pl, load_pl_table

            import_pl_file(store, Path(chosen), allow_demo=self.is_demo)
            return [s.rate for s in list_pl(store)], load_pl_table(store)

        def done(result: Any) -> None:
            rates, table = result
            self._loaded(rates)
            self.saved.emit(table)

        def run() -> None:
            self.runner.submit(job, on_done=done, on_error=self._failed)

        if self.is_demo:
            confirm_import_into_demo(self, "Rigtige P/L-satser", run)  # parented: Qt owns it
        else:
            run()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        where = f" ({exc.where})" if exc.where else ""
        self.messages.setText(f"{exc.message}{where}")
        self.messages.show()


def open_pl_dialog(
    parent: QWidget, runner: Any, store: Any, on_saved: Callable[[Any], None], *, is_demo: bool = False
) -> PLTableDialog:
    dialog = PLTableDialog(runner, store, is_demo=is_demo, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.saved.connect(on_saved)
    dialog.load()
    dialog.open()
    return dialog
