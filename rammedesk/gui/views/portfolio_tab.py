"""»Portefølje«: the municipality's placements (add/edit/delete with undo/redo), import from a
file, yearly budgets per group, and the projection panel.

Every database call runs on the task runner through the portfolio services; a change is pushed
on the undo stack only after the database took it (``portfolio_undo``). Ctrl+Z / Ctrl+Shift+Z
work while the focus is inside the tab (the search page has its own undo).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from rammedesk import __version__
from rammedesk.errors import UserError
from rammedesk.gui.dialogs.demo_warning import confirm_import_into_demo
from rammedesk.gui.dialogs.errors import user_error_box
from rammedesk.gui.models.placements import PlacementsModel
from rammedesk.gui.qt import (
    QAction,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.portfolio_dialogs import BudgetDialog, PlacementDialog
from rammedesk.gui.views.portfolio_export import ChooseSave, export_report, save_report_dialog
from rammedesk.gui.views.portfolio_import import (
    ChoosePath,
    ImportResultDialog,
    import_job,
    open_dialog,
    save_xlsx_dialog,
)
from rammedesk.gui.views.portfolio_projection import ProjectionPanel
from rammedesk.gui.views.portfolio_undo import BudgetCommand, PlacementCommand

WITHIN = Qt.ShortcutContext.WidgetWithChildrenShortcut


class PortfolioTab(QWidget):
    status_message = Signal(str)
    portfolio_selected = Signal(int)  # the scenario tab follows the chosen portfolio

    def __init__(
        self,
        runner: Any,
        store: Callable[[], Any],
        *,
        choose_open: ChoosePath = open_dialog,
        choose_save_xlsx: ChoosePath = save_xlsx_dialog,
        choose_save_report: ChooseSave = save_report_dialog,
        is_demo: Callable[[], bool] = lambda: False,
        municipality: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioTab")
        self.setAccessibleName("Portefølje")
        self._runner = runner
        self._store = store
        self._choose_open = choose_open
        self._choose_save_xlsx = choose_save_xlsx
        self._choose_save_report = choose_save_report
        self._is_demo = is_demo
        self._municipality = municipality  # the page's »Kommune i rapporter«, if the portfolio has none
        self.loaded: Any = None  # services.portfolio.LoadedPortfolio
        self.portfolios: list[Any] = []
        self.dialog: Any = None
        self.last_error: Any = None
        self.last_export: Path | None = None
        self.stack = QUndoStack(self)
        self._build()
        self._build_actions()
        self._update_actions()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Portefølje"))
        self.chooser = QComboBox()
        self.chooser.setObjectName("portfolioChooser")
        self.chooser.setMinimumWidth(240)
        self.chooser.currentIndexChanged.connect(self._chosen)
        top.addWidget(self.chooser)
        self.new_button = QPushButton("Ny portefølje…")
        self.new_button.setObjectName("newPortfolio")
        self.new_button.clicked.connect(self.ask_new_portfolio)
        self.import_button = QPushButton("Importér placeringer…")
        self.import_button.setObjectName("importPlacements")
        self.import_button.clicked.connect(self.import_file)
        self.budget_button = QPushButton("Budget…")
        self.budget_button.setObjectName("editBudget")
        self.budget_button.clicked.connect(self.edit_budget)
        for b in (self.new_button, self.import_button, self.budget_button):
            top.addWidget(b)
        top.addStretch(1)
        layout.addLayout(top)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Tilføj…")
        self.add_button.setObjectName("addPlacement")
        self.edit_button = QPushButton("Ret…")
        self.edit_button.setObjectName("editPlacement")
        self.delete_button = QPushButton("Slet")
        self.delete_button.setObjectName("deletePlacement")
        self.undo_button = QPushButton("Fortryd")
        self.undo_button.setObjectName("undoButton")
        self.redo_button = QPushButton("Gentag")
        self.redo_button.setObjectName("redoButton")
        self.add_button.clicked.connect(self.add_placement)
        self.edit_button.clicked.connect(self.edit_placement)
        self.delete_button.clicked.connect(self.delete_placement)
        self.undo_button.clicked.connect(self.stack.undo)
        self.redo_button.clicked.connect(self.stack.redo)
        for b in (self.add_button, self.edit_button, self.delete_button, self.undo_button, self.redo_button):
            buttons.addWidget(b)
        self.count_label = QLabel()
        self.count_label.setObjectName("placementCount")
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        table_box = QWidget()
        column = QVBoxLayout(table_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        self.model = PlacementsModel(self)
        self.table = QTableView()
        self.table.setObjectName("placementTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # widths from 200 rows: fast
        self.table.doubleClicked.connect(lambda _index: self.edit_placement())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        column.addWidget(self.table, 1)

        self.projection = ProjectionPanel(self._runner, self._store, lambda: self.portfolio_id)
        self.projection.status.connect(self.status_message)
        self.projection.exporter = self.export_projection
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table_box)
        split.addWidget(self.projection)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([2000, 3000])
        layout.addWidget(split, 1)

    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot: Callable[[], Any], name: str) -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(WITHIN)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.undo_action = action("Fortryd", ["Ctrl+Z"], self.stack.undo, "portfolioUndo")
        self.redo_action = action("Gentag", ["Ctrl+Shift+Z", "Ctrl+Y"], self.stack.redo, "portfolioRedo")
        self.delete_action = action("Slet", ["Delete"], self.delete_placement, "portfolioDelete")
        self.stack.canUndoChanged.connect(self._update_actions)
        self.stack.canRedoChanged.connect(self._update_actions)
        self.stack.undoTextChanged.connect(self._update_actions)
        self.stack.redoTextChanged.connect(self._update_actions)

    def _update_actions(self, *_args: Any) -> None:
        has = self.loaded is not None
        row = self.selected_row()
        for w in (self.add_button, self.budget_button):
            w.setEnabled(has)
        for w in (self.edit_button, self.delete_button):
            w.setEnabled(has and row is not None)
        self.delete_action.setEnabled(has and row is not None)
        self.undo_button.setEnabled(self.stack.canUndo())
        self.redo_button.setEnabled(self.stack.canRedo())
        self.undo_button.setToolTip(
            f"Fortryd: {self.stack.undoText()} (Ctrl+Z)" if self.stack.canUndo() else ""
        )
        self.redo_button.setToolTip(
            f"Gentag: {self.stack.redoText()} (Ctrl+Shift+Z)" if self.stack.canRedo() else ""
        )
        self.projection.run_button.setEnabled(has)

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def portfolio_id(self) -> int | None:
        return self.loaded.id if self.loaded is not None else None

    def _submit(self, job: Callable[[Any], Any], on_done: Callable[[Any], None]) -> None:
        store = self._store()
        if store is None:
            return
        self._runner.submit(lambda _ctx: job(store), on_done=on_done, on_error=self.show_error)

    def show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the runner hands it to the error reporter
        box = user_error_box(exc, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = box
        box.open()

    def _execute(self, job: Callable[[Any], object]) -> None:
        """An undo or redo; if it fails the stack no longer matches the database: clear it."""

        def failed(exc: BaseException) -> None:
            QTimer.singleShot(0, self.stack.clear)
            self.reload()
            self.show_error(exc)

        store = self._store()
        if store is None:
            return
        self._runner.submit(lambda _ctx: job(store), on_done=lambda _r: self.reload(), on_error=failed)

    # -- loading -------------------------------------------------------------------------------

    def database_changed(self) -> None:
        """Another database: forget the undo history and the shown projection."""
        self.stack.clear()
        self.loaded = None
        self.projection.clear()
        self.load_portfolios()

    def load_portfolios(self, select: int | None = None) -> None:
        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import list_portfolios

            return list_portfolios(store)

        def done(portfolios: list[Any]) -> None:
            self.portfolios = portfolios
            wanted = select if select is not None else self.portfolio_id
            self.chooser.blockSignals(True)
            self.chooser.clear()
            for p in portfolios:
                self.chooser.addItem(f"{p.navn}" + (f" ({p.kommune})" if p.kommune else ""), p.id)
            index = self.chooser.findData(wanted) if wanted is not None else -1
            self.chooser.setCurrentIndex(index if index >= 0 else (0 if portfolios else -1))
            self.chooser.blockSignals(False)
            self._chosen()

        self._submit(job, done)

    def _chosen(self, *_args: Any) -> None:
        portfolio_id = self.chooser.currentData()
        if portfolio_id is None:
            self.loaded = None
            self._show()
            return
        if portfolio_id != self.portfolio_id:
            self.stack.clear()  # the history belongs to the other portfolio
            self.projection.clear()
        self.reload(portfolio_id)
        self.portfolio_selected.emit(portfolio_id)

    def reload(self, portfolio_id: int | None = None) -> None:
        wanted = portfolio_id if portfolio_id is not None else self.portfolio_id
        if wanted is None:
            return

        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import load_portfolio

            return load_portfolio(store, wanted)

        def done(loaded: Any) -> None:
            self.loaded = loaded
            self._show()

        self._submit(job, done)

    def _show(self) -> None:
        selected = self.selected_id()
        placements = self.loaded.portfolio.placements if self.loaded else ()
        self.model.set_placements(placements)
        self.table.resizeColumnsToContents()
        if selected is not None and self.loaded and selected in self.loaded.placement_ids:
            self.table.selectRow(self.loaded.placement_ids.index(selected))
        n = len(placements)
        self.count_label.setText(f"{n} anbringelse" + ("" if n == 1 else "r") if self.loaded else "")
        self._update_actions()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return min(i.row() for i in rows) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        if row is None or self.loaded is None or row >= len(self.loaded.placement_ids):
            return None
        return int(self.loaded.placement_ids[row])

    # -- portfolios ----------------------------------------------------------------------------

    def ask_new_portfolio(self) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("newPortfolioDialog")
        dialog.setWindowTitle("Ny portefølje – RammeDesk")
        dialog.setLabelText("Navn på porteføljen (fx Budget 2027, Aarhus Kommune):")
        dialog.setOkButtonText("Opret")
        dialog.setCancelButtonText("Annuller")
        dialog.textValueSelected.connect(self.create_portfolio)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def create_portfolio(self, name: str, kommune: str = "") -> None:
        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import create_portfolio

            return create_portfolio(store, name, kommune)

        self._submit(job, lambda new_id: self.load_portfolios(select=new_id))

    def import_file(self) -> None:
        if self._store() is None:
            return
        chosen = self._choose_open(self, "Importér placeringer", "")
        if not chosen:
            return
        is_demo = self._is_demo()
        job = import_job(Path(chosen), allow_demo=is_demo)

        def done(report: Any) -> None:
            dialog = ImportResultDialog(self, report, self._choose_save_xlsx, self._runner)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.open()
            self.status_message.emit(f"{report.placements} anbringelser importeret fra {report.file}.")
            if report.portfolio_id is not None:
                self.load_portfolios(select=report.portfolio_id)

        if is_demo:
            self.dialog = confirm_import_into_demo(
                self, "Kommunens rigtige anbringelser", lambda: self._submit(job, done)
            )
        else:
            self._submit(job, done)

    # -- placements ----------------------------------------------------------------------------

    def _push_change(self, change: Any) -> None:
        self.stack.push(PlacementCommand(change, self._execute))
        self.status_message.emit(f"{change.text}.")
        self.reload()

    def add_placement(self) -> PlacementDialog | None:
        portfolio_id = self.portfolio_id
        if portfolio_id is None:
            return None

        def save(placement: Any) -> None:
            def job(store: Any) -> Any:
                from rammedesk.services.portfolio import add_placement

                return add_placement(store, portfolio_id, placement)

            self._submit(job, self._push_change)

        return self._open_form(PlacementDialog(self, save))

    def edit_placement(self) -> PlacementDialog | None:
        placement_id, row = self.selected_id(), self.selected_row()
        if placement_id is None or row is None or self.loaded is None:
            return None

        def save(placement: Any) -> None:
            def job(store: Any) -> Any:
                from rammedesk.services.portfolio import edit_placement

                return edit_placement(store, placement_id, placement)

            self._submit(job, self._push_change)

        return self._open_form(PlacementDialog(self, save, self.loaded.portfolio.placements[row]))

    def _open_form(self, dialog: PlacementDialog) -> PlacementDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_placement(self) -> None:
        placement_id = self.selected_id()
        if placement_id is None:
            return

        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import delete_placement

            return delete_placement(store, placement_id)

        self._submit(job, self._push_change)

    # -- budget --------------------------------------------------------------------------------

    def edit_budget(self) -> BudgetDialog | None:
        if self.loaded is None:
            return None
        portfolio_id = self.loaded.id

        def save(lines: list[Any]) -> None:
            after = tuple(lines)

            def job(store: Any) -> Any:
                from rammedesk.services.portfolio import set_budget

                return set_budget(store, portfolio_id, after)

            def done(before: tuple[Any, ...]) -> None:
                self.stack.push(BudgetCommand(portfolio_id, before, after, self._execute))
                self.status_message.emit("Budgettet er gemt.")
                self.reload()

            self._submit(job, done)

        dialog = BudgetDialog(self, self.loaded.portfolio.budget, save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- export --------------------------------------------------------------------------------

    def export_projection(self, kind: str) -> None:
        panel = self.projection
        if panel.projection is None or panel.pl is None:
            return
        from rammedesk.presenters.portfolio_report import projection_report

        report = projection_report(
            panel.portfolio,
            panel.projection,
            panel.pl,
            subject=panel.subject.currentData(),
            created=datetime.now().replace(microsecond=0),
            version=__version__,
            is_demo=self._is_demo(),
            municipality=self._municipality(),
        )
        stem = f"fremskrivning-{panel.portfolio.navn}"
        export_report(
            self,
            self._runner,
            report,
            kind=kind,
            stem=stem,
            choose=self._choose_save_report,
            on_done=self._exported,
        )

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.status_message.emit(f"Gemt i {path}.")
