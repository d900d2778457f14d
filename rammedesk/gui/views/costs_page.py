"""The job page »Udgifter«: a header, the kommune the reports are made for, and tabs.

Tabs here: »Enkelt forløb« (one placement) and »Nye pladser« (business case). Further tabs
(portfolio, scenarios) are added with ``add_tab``. The P/L dialog is opened from here, so
the calculator, the Rediger menu and other tabs share one way in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.gui.qt import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.business_case_view import BusinessCaseTab
from rammedesk.gui.views.cost_calculator import CostCalculatorTab
from rammedesk.gui.views.cost_widgets import COST_STYLE, ChooseSavePath, save_path_dialog
from rammedesk.gui.views.widgets import PageHeader, rule
from rammedesk.presenters.shell import Page

KOMMUNE_KEY = "udgifter/kommune"


class _Body(QWidget):
    """The page body: fills the viewport, and scrolls only below its minimum size. (Wrapped
    labels give the layout a height-for-width, which would make QScrollArea size the body
    to its preferred height and always scroll.)"""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self.minimumSizeHint().height()


class CostsPage(QWidget):
    status_message = Signal(str)
    pl_changed = Signal(object)  # the saved PLTable, for every tab that uses it

    def __init__(
        self,
        page: Page,
        runner: Any,
        store: Callable[[], Any],
        info: Callable[[], Any],
        *,
        choose_save_path: ChooseSavePath = save_path_dialog,
        settings: Any = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.page = page
        self.settings = settings  # QSettings: remembers the kommune chosen for reports
        self.setObjectName(f"page_{page.key}")
        self.setAccessibleName(page.title)
        self.setStyleSheet(COST_STYLE)
        self.runner = runner
        self.store = store
        self.info = info
        self.pl_dialog: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # In a scroll area, so a small window scrolls the page instead of growing to fit it.
        scroll = QScrollArea()
        scroll.setObjectName("costScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = _Body()
        body.setObjectName("costBody")
        scroll.setWidget(body)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 12)
        column.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(PageHeader(page.key, page.title, page.subtitle), 1)
        self.kommune = QComboBox()
        self.kommune.setObjectName("reportKommune")
        self.kommune.setAccessibleName("Kommune i rapporter")
        self.kommune.addItem("(ingen kommune valgt)", "")
        from rammedesk.services.cost_choices import kommuner

        for k in kommuner():
            self.kommune.addItem(f"{k.navn} Kommune", f"{k.navn} Kommune")
        if settings is not None:
            saved = settings.value(KOMMUNE_KEY)
            index = self.kommune.findData(saved) if isinstance(saved, str) else -1
            self.kommune.setCurrentIndex(max(0, index))
        self.kommune.currentIndexChanged.connect(self._kommune_changed)
        label = QLabel("&Kommune i rapporter:")
        label.setBuddy(self.kommune)
        top.addWidget(label)
        top.addWidget(self.kommune)
        column.addLayout(top)
        column.addWidget(rule())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("costTabs")
        column.addWidget(self.tabs, 1)

        self.calculator = CostCalculatorTab(
            runner, store, self.municipality, self.is_demo, choose_save_path=choose_save_path
        )
        self.business_case = BusinessCaseTab(
            runner, store, self.municipality, self.is_demo, choose_save_path=choose_save_path
        )
        from rammedesk.gui.views.portfolio_tab import PortfolioTab
        from rammedesk.gui.views.scenario_tab import ScenarioTab

        self.portfolio = PortfolioTab(runner, store, is_demo=self.is_demo, municipality=self.municipality)
        self.scenarios = ScenarioTab(runner, store, is_demo=self.is_demo, municipality=self.municipality)
        self.add_tab(self.calculator, "Enkelt forløb")
        self.add_tab(self.portfolio, "Portefølje")
        self.add_tab(self.scenarios, "Scenarier")
        self.add_tab(self.business_case, "Nye pladser")
        self.portfolio.portfolio_selected.connect(self.scenarios.select_portfolio)
        self.calculator.pl_dialog_requested.connect(self.open_pl_dialog)
        self.pl_changed.connect(self.calculator.pl_table_loaded)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab; a ``status_message`` signal on the widget reaches the status bar."""
        signal = getattr(widget, "status_message", None)
        if signal is not None:
            signal.connect(self.status_message.emit)
        return self.tabs.addTab(widget, title)

    def _kommune_changed(self, _index: int) -> None:
        if self.settings is not None:
            self.settings.setValue(KOMMUNE_KEY, self.municipality())

    def municipality(self) -> str:
        return str(self.kommune.currentData() or "")

    def is_demo(self) -> bool:
        info = self.info()
        return bool(info is not None and info.is_demo)

    def database_changed(self) -> None:
        self.calculator.database_changed()
        self.portfolio.database_changed()
        self.scenarios.database_changed()

    def open_pl_dialog(self) -> Any:
        store = self.store()
        if store is None:
            self.status_message.emit("Ingen database er åben.")
            return None
        from rammedesk.gui.dialogs.pl_table import open_pl_dialog

        self.pl_dialog = open_pl_dialog(
            self.window(), self.runner, store, self.pl_changed.emit, is_demo=self.is_demo()
        )
        return self.pl_dialog
