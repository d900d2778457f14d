"""»Scenarier«: named scenarios of a portfolio (create, rename, duplicate, delete), their changes
(takst %, tillægstimer, til-/afgang, dates, another P/L table), and the comparison of the
ticked scenarios with the base: totals per year with differences, and one line per scenario.

Scenarios are stored as documents through the portfolio services (the CLI's scenario format).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rammedesk import __version__
from rammedesk.errors import UserError
from rammedesk.gui.dialogs.errors import user_error_box
from rammedesk.gui.qt import (
    QAction,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.portfolio_export import ChooseSave, export_report, save_report_dialog
from rammedesk.gui.views.portfolio_undo import ScenarioSetCommand
from rammedesk.gui.views.scenario_compare import ComparisonView, comparison_job
from rammedesk.gui.views.scenario_dialogs import ChangeDialog
from rammedesk.presenters import scenarios as sc
from rammedesk.presenters.portfolio import MAX_YEARS, FormError

ID_ROLE = Qt.ItemDataRole.UserRole


class ScenarioTab(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        runner: Any,
        store: Callable[[], Any],
        *,
        choose_save_report: ChooseSave = save_report_dialog,
        is_demo: Callable[[], bool] = lambda: False,
        municipality: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioTab")
        self.setAccessibleName("Scenarier")
        self._runner = runner
        self._store = store
        self._choose_save_report = choose_save_report
        self._is_demo = is_demo
        self._municipality = municipality  # the page's »Kommune i rapporter«, if the portfolio has none
        self.scenarios: list[Any] = []  # StoredScenario
        self.result: Any = None  # (portfolio, comparison, pl, documents)
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
        self.chooser.setObjectName("scenarioPortfolio")
        self.chooser.setMinimumWidth(180)
        self.chooser.currentIndexChanged.connect(self._portfolio_chosen)
        top.addWidget(self.chooser)
        top.addWidget(QLabel("Fra år"))
        self.first_year = QSpinBox()
        self.first_year.setObjectName("comparisonFrom")
        self.first_year.setRange(2000, 2100)
        self.first_year.setGroupSeparatorShown(False)
        self.first_year.setValue(date.today().year + 1)
        top.addWidget(self.first_year)
        top.addWidget(QLabel("Antal år"))
        self.years = QSpinBox()
        self.years.setObjectName("comparisonYears")
        self.years.setRange(1, MAX_YEARS)
        self.years.setValue(3)
        top.addWidget(self.years)
        self.compare_button = QPushButton("Sammenlign afkrydsede")
        self.compare_button.setObjectName("compareScenarios")
        self.compare_button.clicked.connect(self.compare)
        top.addWidget(self.compare_button)
        top.addStretch(1)
        self.xlsx_button = QPushButton("Gem som regneark…")
        self.xlsx_button.setObjectName("comparisonXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton("Gem som PDF…")
        self.pdf_button.setObjectName("comparisonPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        layout.addLayout(top)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self._build_list())
        upper.addWidget(self._build_changes())
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)
        lower = ComparisonView(self.xlsx_button, self.pdf_button)
        self.summary, self.tables, self.running, self.fixed, self.chart = (
            lower.summary,
            lower.tables,
            lower.running,
            lower.fixed,
            lower.chart,
        )
        self.comparison_view = lower
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(lower)
        outer.setStretchFactor(0, 1)
        outer.setStretchFactor(1, 3)
        outer.setSizes([1000, 3000])
        layout.addWidget(outer, 1)

    def _build_list(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>Scenarier</b> (afkryds for at sammenligne)"))
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.currentRowChanged.connect(self._show_changes)
        self.list.itemChanged.connect(lambda _item: self._update_actions())
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton("Nyt…")
        self.new_button.clicked.connect(lambda: self._ask_name("Nyt scenarie", "", self.create_scenario))
        self.rename_button = QPushButton("Omdøb…")
        self.rename_button.clicked.connect(
            lambda: self._ask_name("Omdøb scenarie", self._current_name(), self.rename_scenario)
        )
        self.copy_button = QPushButton("Dupliker")
        self.copy_button.clicked.connect(self.duplicate_scenario)
        self.delete_button = QPushButton("Slet")
        self.delete_button.clicked.connect(self.delete_scenario)
        self.undo_button = QPushButton("Fortryd")
        self.undo_button.setObjectName("scenarioUndoButton")
        self.undo_button.clicked.connect(self.stack.undo)
        self.redo_button = QPushButton("Gentag")
        self.redo_button.setObjectName("scenarioRedoButton")
        self.redo_button.clicked.connect(self.stack.redo)
        for b in (
            self.new_button,
            self.rename_button,
            self.copy_button,
            self.delete_button,
            self.undo_button,
            self.redo_button,
        ):
            row.addWidget(b)
        column.addLayout(row)
        return box

    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot: Callable[[], Any], name: str) -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.undo_action = action("Fortryd", ["Ctrl+Z"], self.stack.undo, "scenarioUndo")
        self.redo_action = action("Gentag", ["Ctrl+Shift+Z", "Ctrl+Y"], self.stack.redo, "scenarioRedo")
        self.stack.canUndoChanged.connect(self._update_actions)
        self.stack.canRedoChanged.connect(self._update_actions)

    def _build_changes(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.changes_title = QLabel("<b>Ændringer</b>")
        column.addWidget(self.changes_title)
        self.changes = QListWidget()
        self.changes.setObjectName("scenarioChanges")
        self.changes.setWordWrap(True)
        column.addWidget(self.changes, 1)
        row = QHBoxLayout()
        self.add_change_button = QPushButton("Tilføj ændring…")
        self.add_change_button.setObjectName("addChange")
        self.add_change_button.clicked.connect(self.open_change_dialog)
        self.remove_change_button = QPushButton("Fjern ændring")
        self.remove_change_button.clicked.connect(self.remove_change)
        self.pl_button = QPushButton("Anden P/L…")
        self.pl_button.setObjectName("scenarioPl")
        self.pl_button.clicked.connect(self._ask_pl)
        for b in (self.add_change_button, self.remove_change_button, self.pl_button):
            row.addWidget(b)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _update_actions(self, *_args: Any) -> None:
        has_portfolio = self.portfolio_id is not None
        current = self.current() is not None
        self.new_button.setEnabled(has_portfolio)
        for b in (
            self.rename_button,
            self.copy_button,
            self.delete_button,
            self.add_change_button,
            self.pl_button,
        ):
            b.setEnabled(current)
        self.remove_change_button.setEnabled(current and self.changes.count() > 0)
        self.compare_button.setEnabled(has_portfolio)
        self.undo_button.setEnabled(self.stack.canUndo())
        self.redo_button.setEnabled(self.stack.canRedo())
        self.undo_button.setToolTip(
            f"Fortryd: {self.stack.undoText()} (Ctrl+Z)" if self.stack.canUndo() else ""
        )
        self.redo_button.setToolTip(
            f"Gentag: {self.stack.redoText()} (Ctrl+Shift+Z)" if self.stack.canRedo() else ""
        )
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(self.result is not None)

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def portfolio_id(self) -> int | None:
        data = self.chooser.currentData()
        return int(data) if data is not None else None

    def _submit(self, job: Callable[[Any], Any], on_done: Callable[[Any], None]) -> None:
        store = self._store()
        if store is None:
            return
        self._runner.submit(lambda _ctx: job(store), on_done=on_done, on_error=self.show_error)

    def show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        box = user_error_box(exc, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = box
        box.open()

    def _ask_name(self, title: str, value: str, done: Callable[[str], None]) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("scenarioNameDialog")
        dialog.setWindowTitle(f"{title} – RammeDesk")
        dialog.setLabelText("Navn (fx »+2 pladser § 108 fra juli«):")
        dialog.setTextValue(value)
        dialog.setOkButtonText("OK")
        dialog.setCancelButtonText("Annuller")
        dialog.resize(440, dialog.sizeHint().height())
        dialog.textValueSelected.connect(done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- loading -------------------------------------------------------------------------------

    def database_changed(self) -> None:
        self.result = None
        self.load_portfolios()

    def load_portfolios(self) -> None:
        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import list_portfolios

            return list_portfolios(store)

        def done(portfolios: list[Any]) -> None:
            wanted = self.portfolio_id
            self.chooser.blockSignals(True)
            self.chooser.clear()
            for p in portfolios:
                self.chooser.addItem(p.navn, p.id)
            index = self.chooser.findData(wanted) if wanted is not None else -1
            self.chooser.setCurrentIndex(index if index >= 0 else (0 if portfolios else -1))
            self.chooser.blockSignals(False)
            self._portfolio_chosen()

        self._submit(job, done)

    def select_portfolio(self, portfolio_id: int) -> None:
        """Follow the portfolio chosen on »Portefølje«."""
        index = self.chooser.findData(portfolio_id)
        if index < 0:
            self.load_portfolios()
            index = self.chooser.findData(portfolio_id)
        if index >= 0 and index != self.chooser.currentIndex():
            self.chooser.setCurrentIndex(index)

    def _portfolio_chosen(self, *_args: Any) -> None:
        self.stack.clear()  # the history belongs to the other portfolio
        self.result = None
        self._clear_comparison()
        self.reload()

    def reload(self, select_name: str | None = None) -> None:
        portfolio_id = self.portfolio_id
        if portfolio_id is None:
            self.scenarios = []
            self._fill_list(None)
            return
        keep = select_name or self._current_name()
        ticked = {self.list.item(i).text() for i in range(self.list.count()) if self._ticked(i)}

        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import list_scenarios

            return list_scenarios(store, portfolio_id)

        def done(scenarios: list[Any]) -> None:
            self.scenarios = scenarios
            self._fill_list(keep, ticked | ({select_name} if select_name else set()))

        self._submit(job, done)

    def _ticked(self, row: int) -> bool:
        item = self.list.item(row)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _fill_list(self, keep: str | None, ticked: set[str] | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.scenarios:
            item = QListWidgetItem(s.navn)
            item.setData(ID_ROLE, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if s.navn in (ticked or set()) else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        names = [s.navn for s in self.scenarios]
        self.list.setCurrentRow(names.index(keep) if keep in names else (0 if names else -1))
        self.list.blockSignals(False)
        self._show_changes()

    def current(self) -> Any:
        row = self.list.currentRow()
        return self.scenarios[row] if 0 <= row < len(self.scenarios) else None

    def _current_name(self) -> str:
        current = self.current()
        return str(current.navn) if current is not None else ""

    def _show_changes(self, *_args: Any) -> None:
        self.changes.clear()
        current = self.current()
        if current is not None:
            self.changes_title.setText(f"<b>Ændringer i »{current.navn}«</b>")
            changes = current.document.get("aendringer") or []
            lines = sc.describe(current.document)
            for line in lines if (changes or current.document.get("pl")) else []:
                self.changes.addItem(line)
        else:
            self.changes_title.setText("<b>Ændringer</b>")
        self._update_actions()

    # -- scenario commands -----------------------------------------------------------------------

    def _save(
        self,
        doc: dict[str, Any],
        *,
        replace_id: int | None = None,
        refuse_taken: bool = False,
        text: str = "Ret scenarie",
    ) -> None:
        portfolio_id = self.portfolio_id
        if portfolio_id is None:
            return
        name = " ".join(str(doc.get("navn", "")).split())
        if not name:
            self.show_error(UserError("Giv scenariet et navn.", "Navn"))
            return
        doc = {**doc, "navn": name}

        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import (
                delete_scenario,
                list_scenarios,
                save_scenario,
                scenario_documents,
            )

            if refuse_taken and any(s.navn == name for s in list_scenarios(store, portfolio_id)):
                raise UserError(f"Der findes allerede et scenarie med navnet »{name}«.", "Navn")
            before = scenario_documents(store, portfolio_id)
            new_id = save_scenario(store, portfolio_id, doc)
            if replace_id is not None and replace_id != new_id:
                delete_scenario(store, replace_id)
            return before, scenario_documents(store, portfolio_id)

        self._submit(job, lambda docs: self._done(text, portfolio_id, docs, select_name=name))

    def _done(
        self, text: str, portfolio_id: int, docs: tuple[Any, Any], select_name: str | None = None
    ) -> None:
        """The edit is stored: put it on the undo stack (its first redo is a no-op) and reload."""
        before, after = docs
        self.stack.push(ScenarioSetCommand(text, portfolio_id, before, after, self._execute))
        self.reload(select_name=select_name)

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

    def create_scenario(self, name: str) -> None:
        self._save(sc.new_document(name), refuse_taken=True, text=f"Nyt scenarie »{name.strip()}«")

    def rename_scenario(self, name: str) -> None:
        current = self.current()
        if current is None or name.strip() == current.navn:
            return
        doc = sc.renamed(current.document, name)
        self._save(doc, replace_id=current.id, refuse_taken=True, text="Omdøb scenarie")

    def duplicate_scenario(self) -> None:
        current = self.current()
        if current is not None:
            name = sc.copy_name(current.navn, {s.navn for s in self.scenarios})
            self._save(sc.renamed(current.document, name), refuse_taken=True, text="Dupliker scenarie")

    def delete_scenario(self) -> None:
        current = self.current()
        if current is None:
            return
        scenario_id, portfolio_id = current.id, self.portfolio_id
        if portfolio_id is None:
            return

        def job(store: Any) -> Any:
            from rammedesk.services.portfolio import delete_scenario, scenario_documents

            before = scenario_documents(store, portfolio_id)
            delete_scenario(store, scenario_id)
            return before, scenario_documents(store, portfolio_id)

        self._submit(job, lambda docs: self._done(f"Slet scenarie »{current.navn}«", portfolio_id, docs))

    def open_change_dialog(self) -> ChangeDialog | None:
        if self.current() is None:
            return None
        dialog = ChangeDialog(self, self.add_change)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_change(self, change: dict[str, Any]) -> None:
        current = self.current()
        if current is not None:
            doc = dict(current.document)
            doc["aendringer"] = [*(doc.get("aendringer") or []), change]
            self._save(doc, text="Tilføj ændring")

    def remove_change(self) -> None:
        current, row = self.current(), self.changes.currentRow()
        changes = list(current.document.get("aendringer") or []) if current is not None else []
        if current is None or row < 0:
            return
        doc = dict(current.document)
        if row < len(changes):
            del changes[row]
            doc["aendringer"] = changes
        else:
            doc.pop("pl", None)  # the last line is the P/L table
        self._save(doc, text="Fjern ændring")

    def _ask_pl(self) -> None:
        current = self.current()
        if current is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("scenarioPlDialog")
        dialog.setWindowTitle("Anden P/L-tabel – RammeDesk")
        dialog.setLabelText(
            "Satser i % over året før, fx »2028: 3,0; 2029: 2,5«.\nTom = programmets P/L-tabel."
        )
        dialog.setTextValue(sc.pl_text(current.document))
        dialog.setOkButtonText("Gem")
        dialog.setCancelButtonText("Annuller")
        dialog.resize(480, dialog.sizeHint().height())
        dialog.textValueSelected.connect(self.set_pl)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def set_pl(self, text: str) -> None:
        current = self.current()
        if current is None:
            return
        doc = dict(current.document)
        if not text.strip():
            doc.pop("pl", None)
        else:
            try:
                doc["pl"] = sc.pl_from_text(text)
            except FormError as exc:
                self.show_error(UserError(str(exc), "Anden P/L-tabel"))
                return
            doc["pl_beskrivelse"] = sc.pl_text({"pl": doc["pl"]})
        self._save(doc, text="Anden P/L-tabel")

    # -- comparison ----------------------------------------------------------------------------

    def ticked_ids(self) -> list[int]:
        return [int(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count()) if self._ticked(i)]

    def compare(self) -> None:
        portfolio_id = self.portfolio_id
        if portfolio_id is None:
            return
        self.summary.setText("Beregner …")
        job = comparison_job(portfolio_id, self.ticked_ids(), self.first_year.value(), self.years.value())

        def failed(exc: BaseException) -> None:
            self.summary.setText("Sammenligningen kunne ikke beregnes.")
            self.show_error(exc)

        store = self._store()
        if store is not None:
            self._runner.submit(lambda _ctx: job(store), on_done=self._compared, on_error=failed)

    def _compared(self, result: Any) -> None:
        self.result = result
        self.comparison_view.show_comparison(result[1])
        self._update_actions()
        self.status_message.emit("Scenarierne er sammenlignet.")

    def _clear_comparison(self) -> None:
        self.comparison_view.clear()

    def export(self, kind: str) -> None:
        if self.result is None:
            return
        from rammedesk.presenters.portfolio_report import comparison_report

        portfolio, comparison, pl, docs = self.result
        report = comparison_report(
            portfolio,
            comparison,
            pl,
            docs,
            created=datetime.now().replace(microsecond=0),
            version=__version__,
            is_demo=self._is_demo(),
            municipality=self._municipality(),
        )
        export_report(
            self,
            self._runner,
            report,
            kind=kind,
            stem=f"scenarier-{portfolio.navn}",
            choose=self._choose_save_report,
            on_done=self._exported,
        )

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.status_message.emit(f"Gemt i {path}.")
