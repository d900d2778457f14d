"""The main window: menus, navigation for the overview and the four jobs, demo banner, status bar.

The window shows what the ShellPresenter says; opening a database is the controller's job
(gui/app.py), which the window asks through ``open_database_requested``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk import __version__
from rammedesk.gui import icons
from rammedesk.gui.dialogs.about import AboutDialog
from rammedesk.gui.dialogs.help import HelpDialog
from rammedesk.gui.qt import (
    QAbstractItemView,
    QAction,
    QCloseEvent,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSettings,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.tasks import SyncTaskRunner, TaskRunner
from rammedesk.gui.views.coming import ComingLaterPage
from rammedesk.gui.views.costs_page import CostsPage
from rammedesk.gui.views.overview import OverviewPage
from rammedesk.gui.views.search import SearchPage
from rammedesk.gui.views.widgets import DemoBanner
from rammedesk.presenters.shell import ShellPresenter

GEOMETRY_KEY = "hovedvindue/geometri"
DEFAULT_SIZE = QSize(1280, 800)
NAV_WIDTH = 236
KEY_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    open_database_requested = Signal()
    catalogue_changed = Signal()  # an import or undo changed the data: re-describe the database
    closing = Signal()

    def __init__(
        self,
        presenter: ShellPresenter,
        settings: QSettings,
        *,
        log_path: Path | None = None,
        runner: TaskRunner | None = None,
        store: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.presenter = presenter
        # The search page's work runs on the runner against the Store the controller holds;
        # without them (a window shown on its own) the page has no database to search.
        self._runner: TaskRunner = runner or SyncTaskRunner()
        self._store: Callable[[], Any] = store or (lambda: None)
        self._shown_info: object = None
        self.settings = settings
        self.log_path = log_path
        self.help_dialog: HelpDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.setWindowIcon(icons.app_icon())
        self.menus: dict[str, QMenu] = {}
        self._build_actions()
        self._build_central()
        self._build_menus()
        self._show_page_menu(self.current_key)
        self._build_status_bar()
        self.restore_geometry()
        self.refresh()
        self.navigation.setFocus()

    # -- construction -------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | None, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "Å&bn database…", "Ctrl+O", self.open_database_requested.emit, "actionOpen"
        )
        self.open_action.setStatusTip("Åbn en anden RammeDesk-database")
        self.import_action = self._action(
            "&Importér takstfil…", "Ctrl+I", self.import_takstfil, "actionImportTakstfil"
        )
        self.import_action.setStatusTip("Læs en takstfil (xlsx/csv) ind med forhåndsvisning")
        self.undo_import_action = self._action(
            "&Fortryd seneste import…", None, self.undo_import, "actionUndoImport"
        )
        self.pl_action = self._action("&P/L-tabel…", None, self.open_pl_table, "actionPLTable")
        self.pl_action.setStatusTip(
            "Ret pris- og lønfremskrivningen (P/L), som alle udgiftsberegninger bruger"
        )
        self.settings_action = self._action("I&ndstillinger…", "Ctrl+,", self.open_settings, "actionSettings")
        self.settings_action.setStatusTip(
            "Grænser for de filer, der indlæses: filstørrelse, rækker, celler …"
        )
        self.quit_action = self._action("&Afslut", "Ctrl+Q", self.close, "actionQuit")
        self.help_action = self._action("&Hjælp", "F1", self._help_action_triggered, "actionHelp")
        self.about_action = self._action("&Om RammeDesk", None, self.show_about, "actionAbout")
        self.page_actions: dict[str, QAction] = {}
        mnemonics = {
            "oversigt": "&Oversigt",
            "soeg": "&Søg tilbud",
            "sammenlign": "Sa&mmenlign takster",
            "udgifter": "&Udgifter",
            "spoergeskema": "S&pørgeskema",
        }
        for page in self.presenter.pages:
            action = self._action(
                mnemonics.get(page.key, page.label),
                page.shortcut,
                lambda _checked=False, key=page.key: self.show_page(key),
                f"actionPage_{page.key}",
            )
            action.setIcon(icons.icon(page.key))
            self.page_actions[page.key] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu("&Filer")
        files.addAction(self.open_action)
        files.addSeparator()
        files.addAction(self.import_action)
        files.addAction(self.undo_import_action)
        files.addSeparator()
        files.addAction(self.search_page.commands.export)
        files.addSeparator()
        files.addAction(self.settings_action)
        files.addSeparator()
        files.addAction(self.quit_action)
        edit = bar.addMenu("&Rediger")
        _fill(edit, self.search_page.commands.edit_menu)
        edit.addSeparator()
        edit.addAction(self.pl_action)
        tilbud = bar.addMenu("&Tilbud")
        _fill(tilbud, self.search_page.commands.tilbud_menu)
        goto = bar.addMenu("&Gå til")
        for page in self.presenter.pages:
            goto.addAction(self.page_actions[page.key])
            if page.key == "oversigt":
                goto.addSeparator()
        helpmenu = bar.addMenu("&Hjælp")
        helpmenu.addAction(self.help_action)
        helpmenu.addSeparator()
        helpmenu.addAction(self.about_action)
        self.menus = {"filer": files, "rediger": edit, "tilbud": tilbud, "gaa_til": goto, "hjaelp": helpmenu}

    def _build_central(self) -> None:
        central = QWidget()
        central.setObjectName("content")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = DemoBanner()
        self.banner.more_requested.connect(lambda: self.show_help("demodata"))
        column.addWidget(self.banner)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        column.addLayout(row, 1)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigation")
        self.navigation.setFixedWidth(NAV_WIDTH)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for page in self.presenter.pages:
            item = QListWidgetItem(icons.icon(page.key), page.label)
            item.setData(KEY_ROLE, page.key)
            item.setToolTip(f"{page.label} ({page.shortcut})")
            item.setSizeHint(QSize(NAV_WIDTH - 20, 44))
            self.navigation.addItem(item)
            view: QWidget
            if page.key == "oversigt":
                view = self.overview = OverviewPage(self.presenter)
            elif page.key == "soeg":
                view = self.search_page = SearchPage(
                    page, self._runner, self._store, lambda: self.presenter.info, parent=None
                )
                self.search_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            elif page.key == "udgifter":
                view = self.costs_page = CostsPage(
                    page, self._runner, self._store, lambda: self.presenter.info
                )
                self.costs_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            else:
                view = ComingLaterPage(page)
            self.pages[page.key] = view
            self.stack.addWidget(view)
        self.navigation.currentRowChanged.connect(self._row_changed)

        nav_panel = QFrame()
        nav_panel.setObjectName("navPanel")
        nav_column = QVBoxLayout(nav_panel)
        nav_column.setContentsMargins(0, 0, 0, 10)
        nav_column.setSpacing(0)
        nav_column.addWidget(_brand())
        nav_column.addWidget(self.navigation, 1)
        version = QLabel(f"Version {__version__}")
        version.setObjectName("navCaption")
        nav_column.addWidget(version)
        row.addWidget(nav_panel)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.setCurrentRow(0)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        self.status_database = QLabel()
        self.status_database.setObjectName("statusDatabase")
        self.status_schema = QLabel()
        self.status_schema.setObjectName("statusSchema")
        self.status_as_of = QLabel()
        self.status_as_of.setObjectName("statusAsOf")
        bar.addWidget(self.status_database, 1)
        bar.addPermanentWidget(self.status_schema)
        self.status_separator = _vline()
        bar.addPermanentWidget(self.status_separator)
        bar.addPermanentWidget(self.status_as_of)

    # -- state --------------------------------------------------------------------------------

    def import_takstfil(self) -> None:
        store = self._store()
        if store is None:
            return
        from rammedesk.gui.dialogs.import_wizard import open_import_wizard

        info = self.presenter.info
        open_import_wizard(
            self,
            self._runner,
            store,
            is_demo=bool(info and info.is_demo),
            on_changed=self.catalogue_changed.emit,
        )

    def open_pl_table(self) -> None:
        self.costs_page.open_pl_dialog()

    def open_settings(self) -> None:
        store = self._store()
        if store is None:
            return
        from rammedesk.gui.dialogs.settings import open_settings_dialog

        self.settings_dialog = open_settings_dialog(self, self._runner, store)

    def undo_import(self) -> None:
        store = self._store()
        if store is None:
            return
        from rammedesk.gui.dialogs.import_wizard import undo_last_import_action

        undo_last_import_action(self, self._runner, store, on_changed=self.catalogue_changed.emit)

    def refresh(self) -> None:
        """Redraw everything that depends on the open database."""
        p = self.presenter
        self.setWindowTitle(p.window_title)
        self.banner.set_text(p.banner_text)
        self.banner.setVisible(p.banner_visible)
        status = p.status
        self.status_database.setText(status.database)
        self.status_database.setToolTip(status.database_tooltip)
        self.status_schema.setText(status.schema)
        self.status_schema.setVisible(bool(status.schema))
        self.status_as_of.setText(status.data_as_of)
        self.status_as_of.setVisible(bool(status.data_as_of))
        self.status_separator.setVisible(bool(status.schema and status.data_as_of))
        self.overview.refresh()
        if p.info is not self._shown_info:  # another database (or the first): search it
            self._shown_info = p.info
            if p.info is not None:
                self.search_page.database_changed()
                self.costs_page.database_changed()

    def set_busy(self, text: str | None) -> None:
        """While a database is opened: the status says so and Open is disabled."""
        self.presenter.set_busy(text)
        self.open_action.setEnabled(text is None)
        self.refresh()

    @property
    def current_key(self) -> str:
        return self.presenter.current_page.key

    def show_page(self, key: str) -> None:
        keys = [p.key for p in self.presenter.pages]
        self.navigation.setCurrentRow(keys.index(key))

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.navigation.item(row).data(KEY_ROLE)
        self.presenter.select_page(key)
        self.stack.setCurrentWidget(self.pages[key])
        self._show_page_menu(key)

    def _show_page_menu(self, key: str) -> None:
        """The search page's menu and shortcuts only while it is shown."""
        self.search_page.set_active(key == "soeg")
        if "tilbud" in self.menus:
            self.menus["tilbud"].menuAction().setVisible(key == "soeg")

    # -- dialogs ------------------------------------------------------------------------------

    def _database_display(self) -> str | None:
        info = self.presenter.info
        return info.location if info is not None else None

    def _help_action_triggered(self) -> None:
        self.show_help()

    def show_help(self, anchor: str = "") -> HelpDialog:
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show_help(self._database_display(), self.log_path, anchor)
        return self.help_dialog

    def show_about(self) -> AboutDialog:
        self.about_dialog = AboutDialog(self._database_display(), self.log_path, self)
        self.about_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog.open()
        return self.about_dialog

    # -- geometry -----------------------------------------------------------------------------

    def restore_geometry(self) -> None:
        saved = self.settings.value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            self.resize(DEFAULT_SIZE)

    def save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        if self.help_dialog is not None:
            self.help_dialog.close()
        self.closing.emit()
        super().closeEvent(event)


def _fill(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def _brand() -> QWidget:
    brand = QWidget()
    row = QHBoxLayout(brand)
    row.setContentsMargins(18, 16, 12, 8)
    row.setSpacing(10)
    logo = QLabel()
    logo.setPixmap(icons.app_icon().pixmap(28, 28))
    row.addWidget(logo)
    name = QLabel("RammeDesk")
    name.setObjectName("brandName")
    row.addWidget(name, 1)
    return brand


def _vline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setObjectName("statusSeparator")
    return line
