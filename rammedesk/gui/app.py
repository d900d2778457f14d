"""Start the GUI: build the object graph, open (or on first start create) the database.

``run_gui`` is the entry point. ``Shell`` is the controller that owns the main window, the
task runner and the open ``Store``; tests build a ``Shell`` with a ``SyncTaskRunner``, a
temporary ``QSettings`` and a stand-in for the file dialog.

The database is only ever touched on the runner's worker thread. Services are imported
there too, so SQLAlchemy (and whatever heavy library a service needs) loads while the window
is already on screen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from rammedesk.config import DatabaseLocation, resolve_location
from rammedesk.errors import Cancelled, UserError
from rammedesk.gui.dialogs.errors import ErrorReporter, widen
from rammedesk.gui.main_window import MainWindow
from rammedesk.gui.qt import (
    QAbstractButton,
    QApplication,
    QCoreApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QSettings,
    Qt,
    QWidget,
)
from rammedesk.gui.style import setup_application
from rammedesk.gui.tasks import DbTaskRunner, TaskContext, TaskHandle, TaskRunner
from rammedesk.logging_setup import setup_logging
from rammedesk.paths import APP_NAME, default_database_path
from rammedesk.presenters.shell import ShellPresenter

log = logging.getLogger(__name__)

FILE_FILTER = "RammeDesk-databaser (*.sqlite3 *.sqlite *.db);;Alle filer (*)"
DEMO_INTRO = "Første start: RammeDesk opretter en database med fiktive demodata, så du kan prøve programmet."
ChooseFile = Callable[[QWidget, str], str | None]


def needs_first_start(location: DatabaseLocation) -> bool:
    """The default database does not exist yet: create it with demo data."""
    return location.is_default and location.path is not None and not location.path.exists()


# -- jobs (run on the worker thread) ----------------------------------------------------------


def _open_job(location: DatabaseLocation) -> Callable[[TaskContext], Any]:
    def job(ctx: TaskContext) -> Any:
        from rammedesk.services.database import describe, open_store

        store = open_store(location)
        try:
            return store, describe(store)
        except BaseException:
            store.close()
            raise

    return job


def _demo_job(location: DatabaseLocation) -> Callable[[TaskContext], Any]:
    def job(ctx: TaskContext) -> Any:
        from rammedesk.services.demo import install_demo

        install_demo(location, progress=ctx.progress, cancel=ctx.cancelled)
        return _open_job(location)(ctx)

    return job


def _init_job(location: DatabaseLocation) -> Callable[[TaskContext], Any]:
    def job(ctx: TaskContext) -> Any:
        from rammedesk.services.database import init_database

        init_database(location, force=False)
        return _open_job(location)(ctx)

    return job


def _close_job(store: Any) -> Callable[[TaskContext], None]:
    def job(ctx: TaskContext) -> None:
        store.close()

    return job


def file_dialog(parent: QWidget, start: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Åbn database", start, FILE_FILTER)
    return path or None


# -- controller -------------------------------------------------------------------------------


class Shell:
    """Owns the main window, the open Store (an opaque handle) and the flows around them."""

    def __init__(
        self,
        *,
        runner: TaskRunner,
        settings: QSettings,
        reporter: ErrorReporter,
        log_path: Path | None = None,
        choose_file: ChooseFile = file_dialog,
        quit_app: Callable[[int], None] | None = None,
    ):
        self.runner = runner
        self.reporter = reporter
        self.presenter = ShellPresenter()
        self.store: Any = None  # rammedesk.storage.store.Store, held for the services
        self.window = MainWindow(
            self.presenter, settings, log_path=log_path, runner=runner, store=lambda: self.store
        )
        reporter.parent = self.window
        self.location: DatabaseLocation | None = None
        self.exit_code: int | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.prompt: QMessageBox | None = None
        self._choose_file = choose_file
        self._quit = quit_app or QCoreApplication.exit
        self._closed = False
        self._demo_handle: TaskHandle | None = None
        self.window.open_database_requested.connect(self.choose_and_open)
        self.window.catalogue_changed.connect(self.redescribe)
        self.window.closing.connect(self._on_closing)

    # -- start ---------------------------------------------------------------------------------

    def start(self, location: DatabaseLocation) -> None:
        self.window.show()
        if needs_first_start(location):
            self.create_demo(location)
        else:
            self.open(location, startup=True)

    # -- open ----------------------------------------------------------------------------------

    def open(self, location: DatabaseLocation, *, startup: bool = False) -> None:
        self.window.set_busy(f"Åbner databasen {location.display} …")
        self.runner.submit(
            _open_job(location),
            on_done=lambda result: self._opened(location, result),
            on_error=lambda exc: self._open_failed(exc, location, startup=startup),
        )

    def choose_and_open(self) -> None:
        start = self.location.path if self.location and self.location.path else None
        folder = str(start.parent if start else default_database_path().parent)
        path = self._choose_file(self.window, folder)
        if path:
            self.open(resolve_location(path))

    def _opened(self, location: DatabaseLocation, result: tuple[Any, Any]) -> None:
        store, info = result
        if self._closed:  # the user quit while the database was opening
            self._close_store(store)
            return
        old, self.store, self.location = self.store, store, location
        if old is not None:
            self._close_store(old)
        self.presenter.set_info(info)
        self.window.set_busy(None)
        log.info("Opened database %s", location.display)

    def redescribe(self) -> None:
        """After an import or undo: new counts, as-of date and demo state for the window."""
        store = self.store
        if store is None:
            return

        def job(ctx: TaskContext) -> Any:
            from rammedesk.services.database import describe

            return describe(store)

        def done(info: Any) -> None:
            self.presenter.set_info(info)
            self.window.refresh()

        self.runner.submit(job, on_done=done)

    def _close_store(self, store: Any) -> None:
        try:
            self.runner.submit(_close_job(store))
        except RuntimeError:  # the runner has stopped: nothing else uses the database now
            store.close()

    def _open_failed(self, exc: BaseException, location: DatabaseLocation, *, startup: bool) -> None:
        self.window.set_busy(None)
        if self.store is not None and not startup:
            self.reporter.report(exc)  # keep working with the database that is open
            return
        if isinstance(exc, UserError):
            self.ask_for_database(exc.message, exc.where)
            return
        dialog = self.reporter.report(exc)  # a bug: details first, then the way on
        dialog.finished.connect(
            lambda _result: self.ask_for_database(
                "RammeDesk kunne ikke åbne databasen på grund af en fejl i programmet.",
                location.display,
            )
        )

    # -- first start -----------------------------------------------------------------------------

    def create_demo(self, location: DatabaseLocation) -> None:
        self.window.set_busy("Opretter en database med demodata …")
        dialog = QProgressDialog(
            DEMO_INTRO,
            "Annuller",
            0,
            0,
            self.window,
        )
        dialog.setObjectName("demoProgress")
        dialog.setWindowTitle("Opretter demodata – RammeDesk")
        # Not modal: a modal QProgressDialog runs processEvents() in setValue(). The main
        # window has nothing to act on meanwhile (Open is disabled), and Help can be read.
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(460)
        handle = TaskHandle()
        self._demo_handle = handle
        dialog.canceled.connect(lambda: self._cancel_demo(handle))
        self.progress_dialog = dialog
        dialog.show()
        self.runner.submit(
            _demo_job(location),
            on_done=lambda result: self._demo_done(location, result),
            on_error=lambda exc: self._demo_failed(exc, location, handle),
            on_progress=self._demo_progress,
            handle=handle,
        )

    def _cancel_demo(self, handle: TaskHandle) -> None:
        if self.progress_dialog is None:  # already finished; closing the dialog emits this
            return
        handle.cancel()
        self.progress_dialog.setLabelText("Afbryder …")
        self.progress_dialog.setCancelButton(None)

    def _demo_progress(self, done: int, total: int, text: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        if total > 0 and dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total) if total > 0 else 0)
        if text and not (self._demo_handle is not None and self._demo_handle.cancelled):
            dialog.setLabelText(f"{DEMO_INTRO}\n\n{text}")

    def _close_progress(self) -> None:
        self._demo_handle = None
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def _demo_done(self, location: DatabaseLocation, result: tuple[Any, Any]) -> None:
        self._close_progress()
        self._opened(location, result)

    def _demo_failed(self, exc: BaseException, location: DatabaseLocation, handle: TaskHandle) -> None:
        self._close_progress()
        if handle.cancelled or isinstance(exc, Cancelled):
            self.window.set_busy(None)
            log.info("Demo data creation cancelled: %r", exc)
            self.ask_for_database(
                "Oprettelsen af demodata blev afbrudt. Der er ikke oprettet nogen database.",
                location.display,
                offer_empty=location,
            )
            return
        self._open_failed(exc, location, startup=True)

    # -- no database: choose another, create an empty one, or quit ----------------------------

    def ask_for_database(
        self, message: str, where: str | None, *, offer_empty: DatabaseLocation | None = None
    ) -> QMessageBox:
        box = widen(QMessageBox(self.window))
        box.setObjectName("noDatabasePrompt")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Ingen database – RammeDesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        info = f"Sted: {where}\n\n" if where else ""
        box.setInformativeText(info + "Vælg en anden database, eller afslut RammeDesk.")
        choose = box.addButton("&Vælg en anden database…", QMessageBox.ButtonRole.AcceptRole)
        empty = None
        if offer_empty is not None:
            empty = box.addButton("Opret en &tom database", QMessageBox.ButtonRole.ActionRole)
        quit_button = box.addButton("&Afslut", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choose)
        box.setEscapeButton(quit_button)

        def chosen(button: QAbstractButton) -> None:
            self.prompt = None
            if button is choose:
                self.choose_and_open()
            elif empty is not None and button is empty and offer_empty is not None:
                self.create_empty(offer_empty)
            elif button is quit_button:
                self.quit(1)

        box.buttonClicked.connect(chosen)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prompt = box
        box.open()
        return box

    def create_empty(self, location: DatabaseLocation) -> None:
        self.window.set_busy("Opretter en tom database …")
        self.runner.submit(
            _init_job(location),
            on_done=lambda result: self._opened(location, result),
            on_error=lambda exc: self._open_failed(exc, location, startup=True),
        )

    # -- end -----------------------------------------------------------------------------------

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.window.close()

    def _on_closing(self) -> None:
        self._closed = True
        if self._demo_handle is not None:  # stop creating demo data; nothing is left behind
            self._demo_handle.cancel()
        self._close_progress()
        self._quit(self.exit_code or 0)

    def shutdown(self) -> None:
        """Close the database on the worker thread and stop the worker."""
        store, self.store = self.store, None
        if store is not None:
            self._close_store(store)
        self.runner.shutdown()

    def excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Exceptions escaping a slot: report as a bug instead of dying silently."""
        if not isinstance(exc, Exception):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            self.reporter.report(exc.with_traceback(tb))
        except Exception:  # never let the hook itself raise
            sys.__excepthook__(kind, exc, tb)


def run_gui(location: DatabaseLocation, argv: list[str]) -> int:
    """Show the main window for ``location`` and run until the user quits. Returns the exit code."""
    log_path = setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    translators = setup_application(app)
    settings = QSettings(APP_NAME, APP_NAME)
    reporter = ErrorReporter(log_path)
    runner = DbTaskRunner(on_unhandled=reporter)
    shell = Shell(runner=runner, settings=settings, reporter=reporter, log_path=log_path)
    previous_hook = sys.excepthook
    sys.excepthook = shell.excepthook
    try:
        shell.start(location)
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        shell.shutdown()
        del translators
    return shell.exit_code if shell.exit_code is not None else code
