"""The takstfil import wizard: file → columns with live preview → dry run → import.

Public entry points: :func:`run_import_wizard` and :func:`undo_last_import_action`. All file
reading and database work goes through the task runner (worker thread); the dialog only shows
the presenter's state. Long jobs show a non-modal QProgressDialog with »Annuller«; a
cancelled import changes nothing (the service rolls back).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk.errors import UserError
from rammedesk.gui.dialogs.demo_warning import confirm_import_into_demo
from rammedesk.gui.dialogs.errors import widen
from rammedesk.gui.dialogs.import_files import FileActions
from rammedesk.gui.dialogs.import_pages import NO_YEAR, FilePage, MappingPage, ReportPage, ResultPage
from rammedesk.gui.dialogs.import_progress import (
    TITLE,
    ProgressRunner,
    choose_open_file,
    information,
    show_error,
)
from rammedesk.gui.qt import (
    QGuiApplication,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QMessageBox,
    QPushButton,
    QRect,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from rammedesk.gui.tasks import TaskRunner
from rammedesk.presenters.import_inputs import parse_kommune
from rammedesk.presenters.import_jobs import import_job, open_file_job, preview_job, undo_job, undo_text
from rammedesk.presenters.import_wizard import FILE_FILTER, STEP_TITLES, ImportWizardPresenter

WIZARD_SIZE = QSize(1100, 750)
# Left free of the screen's available area for the window frame (title bar) the system adds.
FRAME_ALLOWANCE = QSize(16, 40)
PREVIEW_DELAY_MS = 250
# A choice of tilbud runs the dry run again after this pause, so arrow keys can walk a box's
# candidates without a dry run for each one passed.
CHOICE_DELAY_MS = 400
XLSX_FILTER = "Excel-projektmappe (*.xlsx)"


def initial_size(wanted: QSize, available: QRect | None) -> QSize:
    """``wanted``, but no larger than the screen's available area less the window frame: on a
    1280×800 laptop with a task bar the wizard's buttons stay on the screen."""
    if available is None or available.isEmpty():
        return wanted
    room = available.size() - FRAME_ALLOWANCE
    return wanted.boundedTo(room.expandedTo(QSize(1, 1)))


def _available(parent: QWidget | None) -> QRect | None:
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


class ImportWizard(FileActions):
    def __init__(
        self,
        parent: QWidget | None,
        runner: TaskRunner,
        store: Any,
        *,
        allow_demo: bool = False,
        on_changed: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(TITLE)
        self.resize(initial_size(WIZARD_SIZE, _available(parent)))
        self.runner, self.store, self.allow_demo, self.on_changed = runner, store, allow_demo, on_changed
        self.p = ImportWizardPresenter(is_demo=allow_demo)
        self.jobs = ProgressRunner(self, runner)
        self._preview_seq = 0
        column = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        column.addWidget(self.title)
        self.stack = QStackedWidget()
        self.file_page, self.mapping_page = FilePage(), MappingPage()
        self.report_page, self.result_page = ReportPage(), ResultPage()
        for page in (self.file_page, self.mapping_page, self.report_page, self.result_page):
            self.stack.addWidget(page)
        column.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton("< &Tilbage")
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton("&Næste >")
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.close_button = QPushButton("Annuller")
        self.close_button.setObjectName("closeButton")
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        column.addLayout(buttons)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)
        self.rebuild_timer = QTimer(self)
        self.rebuild_timer.setSingleShot(True)
        self.rebuild_timer.setInterval(0)
        self.rebuild_timer.timeout.connect(self._rebuild_columns)
        self.choice_timer = QTimer(self)
        self.choice_timer.setSingleShot(True)
        self.choice_timer.setInterval(CHOICE_DELAY_MS)
        self.choice_timer.timeout.connect(self.rerun_with_choices)
        self._choice_key: str | None = None  # the name whose box keeps the focus after the rerun
        self._connect()
        self.show_step()

    def _connect(self) -> None:
        f, m, r = self.file_page, self.mapping_page, self.report_page
        f.choose_button.clicked.connect(self.choose_file)
        f.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)
        f.source_edit.editingFinished.connect(self._source_edited)
        f.year_spin.valueChanged.connect(self._year_changed)
        m.field_changed.connect(self._field_changed)
        m.year_edited.connect(self._column_year_edited)
        m.level_edited.connect(self._column_level_edited)
        m.edit_finished.connect(lambda _letter: m.show_values(self.p.column_rows()))
        m.save_button.clicked.connect(self.save_mapping)
        m.load_button.clicked.connect(self.load_mapping)
        r.export_diff_button.clicked.connect(self.export_diff)
        r.error_report_button.clicked.connect(self.save_error_report)
        r.choices.chosen.connect(self._tilbud_chosen)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        self.jobs.busy_changed.connect(lambda _busy: self.show_step())

    # -- navigation -------------------------------------------------------------------------

    def show_step(self) -> None:
        p, busy = self.p, self.jobs.busy
        self.stack.setCurrentIndex(p.step)
        self.title.setText(STEP_TITLES[p.step])
        self.back_button.setVisible(p.step in (1, 2))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(p.step < 3)
        labels = {0: "&Næste >", 1: "&Prøvekør >", 2: p.apply_label()}
        self.next_button.setText(labels.get(p.step, ""))
        ok = {0: p.can_continue(), 1: p.mapping is not None, 2: p.can_apply()}.get(p.step, False)
        self.next_button.setEnabled(ok and not busy)
        self.close_button.setText("&Luk" if p.step == 3 else "Annuller")
        self.file_page.setEnabled(not busy)
        self.report_page.choices.setEnabled(not busy)

    def focus_step(self) -> None:
        """Where the keyboard starts on each page: the file button, the first column's box,
        the report's tabs (so Enter alone never imports), the close button."""
        step = self.p.step
        target = {
            0: self.file_page.choose_button,
            1: self.mapping_page.first_box(),
            2: self.report_page.tabs.tabBar(),
            3: self.close_button,
        }.get(step)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def back(self) -> None:
        if self.p.step in (1, 2) and not self.jobs.busy:
            if self.p.step == 2 and self.p.pending is not None:  # the choice not run yet: undone
                self.choice_timer.stop()
                self.p.drop_pending()
                self.report_page.show_report(self.p, keep_tab=True)
            self.p.step -= 1
            self.show_step()
            self.focus_step()

    def next(self) -> None:
        if self.jobs.busy or not self.next_button.isEnabled():
            return
        step = self.p.step
        if step == 0:
            try:
                self.p.kommune = parse_kommune(self.file_page.kommune_edit.text())
            except UserError as exc:
                show_error(exc, self)
                return
            self.p.source = self.file_page.source_edit.text().strip() or self.p.source
            self.p.step = 1
            self._show_mapping()
        elif step == 1:
            self.run_import(dry_run=True)
        elif step == 2:
            self.run_import(dry_run=False)
        self.show_step()
        if self.p.step != step:
            self.focus_step()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt override)
        """On the report Enter alone never imports (the dialog's default button would): the
        »Importér« button does, pressed or with the keyboard on it."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.p.step == 2 and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self.jobs.cancel()
        self.preview_timer.stop()
        self.choice_timer.stop()
        super().reject()

    # -- step 1: file -----------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.p.path.parent) if self.p.path else ""
        path = choose_open_file(self, "Vælg takstfil", start, FILE_FILTER)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path, sheet: str | None = None) -> None:
        source = self.p.choose_path(path)
        self.jobs.run(
            open_file_job(self.store, path, source, sheet),
            self._file_loaded,
            None,
            on_failed=lambda exc: self._file_refused(path, exc),
        )

    def _file_loaded(self, info: Any) -> None:
        self.p.set_file(info)
        self.file_page.show_state(self.p)
        self.show_step()

    def _file_refused(self, path: Path, exc: BaseException) -> None:
        """The box says why; the page keeps saying it, and shows the file and sheet in force."""
        if isinstance(exc, UserError):
            self.p.file_refused(path, exc.message)
            self.file_page.show_state(self.p)
            self.show_step()

    def _sheet_chosen(self, index: int) -> None:
        name = self.file_page.sheet_combo.itemData(index)  # the text may say "(skjult)"
        if name and self.p.path is not None and name != self.p.sheet:
            self.load_file(self.p.path, name)

    def _source_edited(self) -> None:
        text = self.file_page.source_edit.text().strip()
        if text and text != self.p.source:
            self.p.source = text
            if self.p.path is not None:  # a mapping remembered for this sender wins
                self.load_file(self.p.path, self.p.sheet)

    def _year_changed(self, value: int) -> None:
        self.p.year = None if value == NO_YEAR else value
        self.schedule_preview()

    # -- step 2: mapping and preview --------------------------------------------------------

    def _show_mapping(self) -> None:
        self.mapping_page.note.setText(
            f"{self.p.mapping_note} Vælg for hver kolonne, hvad den indeholder; kolonner med "
            "»— bruges ikke —« læses ikke. Ud for hver beløbskolonne kan du skrive året og niveauet, "
            "som dens takster gælder for; tomt betyder året og niveauet fra rækken eller filen."
        )
        self.mapping_page.show_columns(self.p.column_rows())
        self.refresh_preview()

    def _field_changed(self, letter: str, fld: Any) -> None:
        was_amount = any(r.letter == letter and r.is_amount for r in self.p.column_rows())
        self.p.set_field(letter, fld)
        if was_amount != any(r.letter == letter and r.is_amount for r in self.p.column_rows()):
            self.rebuild_timer.start()  # not now: the combo box emitting this would be deleted
        self.schedule_preview()
        self.show_step()

    def _column_year_edited(self, letter: str, text: str) -> None:
        self._column_edited(self.p.set_year_text(letter, text))

    def _column_level_edited(self, letter: str, text: str) -> None:
        self._column_edited(self.p.set_level_text(letter, text))

    def _column_edited(self, refused: str | None) -> None:
        if refused is None:
            self.schedule_preview()
        else:  # the mapping keeps its value; leaving the box puts it back
            self.preview_timer.stop()
            self.mapping_page.preview_status.setText(refused)

    def _rebuild_columns(self) -> None:
        self.mapping_page.show_columns(self.p.column_rows())

    def schedule_preview(self) -> None:
        if self.p.step == 1:
            self.mapping_page.preview_status.setText("Opdaterer forhåndsvisningen …")
            self.preview_timer.start()

    def refresh_preview(self) -> None:
        if self.p.path is None or self.p.mapping is None:
            return
        self._preview_seq += 1
        seq = self._preview_seq
        self.mapping_page.preview_status.setText("Læser de første rækker …")
        self.runner.submit(
            preview_job(self.p.path, self.p.mapping, self.p.year, self.store),
            on_done=lambda items: self._preview_done(seq, items),
            on_error=lambda exc: self._preview_failed(seq, exc),
        )

    def _preview_done(self, seq: int, items: list[Any]) -> None:
        if seq != self._preview_seq:
            return  # a newer mapping is being previewed
        self.p.set_preview(items)
        rows = self.p.preview_table()
        self.mapping_page.preview_model.set_rows(rows)
        self.mapping_page.preview_status.setText(
            "Ingen rækker at vise." if not rows else "Tjek, at beløb, år og enheder ser rigtige ud."
        )

    def _preview_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._preview_seq:
            return
        if not isinstance(exc, UserError):
            raise exc
        self.p.set_preview_error(exc.message)
        self.mapping_page.preview_model.set_rows([])
        self.mapping_page.preview_status.setText(f"Kan ikke vises: {exc.message}")

    # -- steps 3 and 4: dry run and import --------------------------------------------------

    def run_import(self, *, dry_run: bool, label: str | None = None) -> None:
        p = self.p
        assert p.path is not None and p.mapping is not None
        if label is None:  # not a rerun after a choice
            self._choice_key = None
        job = import_job(
            self.store,
            p.path,
            p.mapping,
            year=p.year,
            source=p.source,
            kommune=p.kommune,
            allow_demo=self.allow_demo,
            dry_run=dry_run,
            parsed=None if dry_run else p.parsed,
            resolved=p.dry_run_resolved() if dry_run else p.report_resolved,
        )
        label = label or ("Prøvekører importen …" if dry_run else "Importerer takster …")
        self.jobs.run(job, self._import_done, label, on_failed=self._import_failed)

    def _import_done(self, result: tuple[Any, Any]) -> None:
        parsed, report = result
        self.p.set_report(parsed, report)
        if report.dry_run:
            rerun, self.p.step = self.p.step == 2, 2
            self.report_page.show_report(self.p, keep_tab=rerun)
            if rerun:  # after a choice: the keyboard stays with the name just decided
                self.show_step()
                self._focus_choice()
                return
        else:
            self.p.step = 3
            self.result_page.text.setText(self.p.result_text())
            if self.on_changed is not None:
                self.on_changed()
        self.show_step()
        self.focus_step()

    def _import_failed(self, _exc: BaseException) -> None:
        """Cancelled or refused: a choice waiting for this dry run is undone in the boxes."""
        if self.p.pending is not None:
            self.p.drop_pending()
            self.report_page.show_report(self.p, keep_tab=True)
            self._focus_choice()

    # -- step 3: choices for ambiguous rows -------------------------------------------------

    def _tilbud_chosen(self, key: str, tilbud_id: int | None) -> None:
        if self.jobs.busy or self.p.step != 2:
            return
        self._choice_key = key
        if self.p.choose(key, tilbud_id):
            self.choice_timer.start()
        else:
            self.choice_timer.stop()
        self.report_page.show_hint(self.p)
        self.show_step()

    def rerun_with_choices(self) -> None:
        """The dry run again, with the choices made (then the apply uses the same)."""
        self.choice_timer.stop()
        if self.p.pending is None or self.jobs.busy or self.p.step != 2:
            return
        self.run_import(dry_run=True, label="Prøvekører igen med dit valg af tilbud …")

    def _focus_choice(self) -> None:
        choices = self.report_page.choices
        box = choices.box(self._choice_key) if self._choice_key else None
        target = box or choices.first_box() or self.report_page.tabs.tabBar()
        target.setFocus(Qt.FocusReason.OtherFocusReason)


# -- entry points ---------------------------------------------------------------------------


def open_import_wizard(
    parent: QWidget,
    runner: TaskRunner,
    store: Any,
    *,
    is_demo: bool,
    on_changed: Callable[[], None] | None = None,
) -> QWidget:
    """Show the wizard (after the demo warning, when ``is_demo``); returns what was opened."""

    def start() -> ImportWizard:
        wizard = ImportWizard(parent, runner, store, allow_demo=is_demo, on_changed=on_changed)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    if not is_demo:
        return start()
    return confirm_import_into_demo(parent, "Rigtige takster", start)


def run_import_wizard(parent: QWidget, runner: TaskRunner, store: Any, *, is_demo: bool) -> None:
    open_import_wizard(parent, runner, store, is_demo=is_demo)


def undo_last_import_action(
    parent: QWidget, runner: TaskRunner, store: Any, on_changed: Callable[[], None] | None = None
) -> None:
    """Ask, then undo the latest takstfil import on the worker and say what was undone."""
    box = widen(QMessageBox(parent))
    box.setObjectName("undoImportConfirm")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Fortryd seneste import – RammeDesk")
    box.setText("Fortryd den seneste import af en takstfil?")
    box.setInformativeText(
        "Takster, som importen ændrede, får deres gamle værdi igen, og takster og tilbud, den "
        "oprettede, fjernes. Der tages en sikkerhedskopi af databasen først."
    )
    go = box.addButton("&Fortryd import", QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton("Annuller", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.setEscapeButton(stop)

    def done(report: Any) -> None:
        information(parent, undo_text(report), "Fortryd seneste import – RammeDesk")
        if on_changed is not None:
            on_changed()

    def clicked(button: Any) -> None:
        if button is go:
            runner.submit(undo_job(store), on_done=done, on_error=lambda exc: show_error(exc, parent))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
