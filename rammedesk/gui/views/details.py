"""The details of one tilbud (non-modal, beside the search): facts, warning, afdelinger.

Shows a ``DetailsView`` from ``presenters.details``: title and facts, an amber warning when
the data are old or fictitious, and per afdeling (one tab each when there are several) the
places, the takster by year (the tooltip names source and date), a chart of the takster and
the occupancy. The afdeling of the open tab can be added to favourites or a shortlist.
"""

from __future__ import annotations

from rammedesk.gui import icons, style
from rammedesk.gui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.details_chart import TakstChart, legend_html
from rammedesk.gui.views.widgets import label
from rammedesk.presenters.details import AfdelingView, DetailsView, Table

NUMERIC_START = 1  # columns from here on hold numbers: right-aligned


class FitTable(QTableWidget):
    """Exactly as tall as its rows, plus the sideways scroll bar only when it is needed."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.base_height = 0
        self.content_width = 0
        self.horizontalScrollBar().rangeChanged.connect(self.fit_height)

    def sizeHint(self) -> QSize:  # the layout offers the table its full width, if there is room
        return QSize(self.content_width, self.base_height)

    def fit_height(self, *_args: object) -> None:
        bar = self.horizontalScrollBar()
        self.setFixedHeight(self.base_height + (bar.sizeHint().height() if bar.maximum() > 0 else 0))


def table_widget(
    table: Table, name: str, numeric_from: int = NUMERIC_START, first_width: int = 0
) -> QTableWidget:
    """A read-only table as tall as its rows and no wider than its columns (the dialog
    scrolls, not each table). ``first_width`` wraps a long first column at that width."""
    widget = FitTable(len(table.rows), len(table.headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(table.headers))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setAlternatingRowColors(True)
    widget.setWordWrap(bool(first_width))
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if table.tooltips and table.tooltips[r][c]:
                item.setToolTip(table.tooltips[r][c])
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    for c in range(len(table.headers)):
        side = Qt.AlignmentFlag.AlignRight if c >= numeric_from else Qt.AlignmentFlag.AlignLeft
        head = widget.horizontalHeaderItem(c)
        if head is not None:
            head.setTextAlignment(side | Qt.AlignmentFlag.AlignVCenter)
    widget.resizeColumnsToContents()
    if first_width:
        widget.setColumnWidth(0, min(widget.columnWidth(0), first_width))
    for c in range(len(table.headers)):
        widget.setColumnWidth(c, widget.columnWidth(c) + 10)  # air between the numbers
    widget.resizeRowsToContents()
    frame = 2 * widget.frameWidth()
    width = sum(widget.columnWidth(c) for c in range(len(table.headers))) + frame
    rows = sum(widget.rowHeight(r) for r in range(len(table.rows)))
    widget.base_height = header.sizeHint().height() + rows + frame
    widget.fit_height()
    widget.content_width = width
    widget.setMaximumWidth(width)
    widget.setMinimumWidth(min(width, 360))
    return widget


def facts_grid(facts: tuple[tuple[str, str], ...]) -> QFrame:
    box = QFrame()
    box.setObjectName("factsBox")
    grid = QGridLayout(box)
    grid.setContentsMargins(14, 10, 14, 10)
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(5)
    for row, (name, value) in enumerate(facts):
        grid.addWidget(label(name, "factLabel"), row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(label(value, "factValue", wrap=True, selectable=True), row, 1)
    grid.setColumnStretch(1, 1)
    return box


class WarningBox(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsWarning")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        glyph = QLabel()
        glyph.setPixmap(icons.icon("advarsel", style.AMBER_ICON, 20).pixmap(20, 20))
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        self.text = label("", "detailsWarningText", wrap=True)
        row.addWidget(self.text, 1)


class AfdelingPanel(QWidget):
    def __init__(self, view: AfdelingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 10, 4, 4)
        column.setSpacing(8)
        column.addWidget(facts_grid(view.facts))
        column.addWidget(label("Pladser", "sectionTitle"))
        if view.pladser.rows:
            column.addWidget(table_widget(view.pladser, "pladserTable"), 0, Qt.AlignmentFlag.AlignLeft)
        else:
            column.addWidget(label("Ingen pladser oplyst.", "pageSubtitle"))
        column.addWidget(label("Takster (kr.)", "sectionTitle"))
        if view.takster.rows:
            takster = table_widget(view.takster, "taksterTable", numeric_from=2, first_width=210)
            column.addWidget(takster, 0, Qt.AlignmentFlag.AlignLeft)
            column.addWidget(
                label("* foreløbig takst. Hold musen over et beløb for kilde og dato.", "pageSubtitle")
            )
        else:
            column.addWidget(label("Ingen takster oplyst.", "pageSubtitle"))
        self.chart: TakstChart | None = None
        if view.series:
            self.chart = TakstChart(view.series, view.chart_unit)
            column.addWidget(self.chart)
            self.legend = QLabel(legend_html(view.series))
            self.legend.setObjectName("chartLegend")
            self.legend.setTextFormat(Qt.TextFormat.RichText)
            self.legend.setWordWrap(True)
            self.legend.setContentsMargins(12, 0, 0, 0)
            column.addWidget(self.legend)
        column.addWidget(label("Belægning", "sectionTitle"))
        if view.belaegning.rows:
            column.addWidget(table_widget(view.belaegning, "belaegningTable"), 0, Qt.AlignmentFlag.AlignLeft)
        else:
            column.addWidget(label("Ingen belægningstal oplyst.", "pageSubtitle"))
        column.addStretch(1)


class DetailsDialog(QDialog):
    """Non-modal; the search page keeps one and fills it for each tilbud opened."""

    add_requested = Signal(int, bool)  # afdeling id, to favourites (else: choose a list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsDialog")
        self.setWindowTitle("Tilbud – RammeDesk")
        self.resize(1180, 760)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(8)
        self.title = label("Henter …", "pageTitle", wrap=True, selectable=True)
        self.subtitle = label("", "pageSubtitle", wrap=True)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.warning = WarningBox()
        self.warning.hide()
        outer.addWidget(self.warning)
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("detailsScroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.body_scroll, 1)
        buttons = QDialogButtonBox()
        self.favourite_button = QPushButton("Tilføj til &favoritter")
        self.favourite_button.setToolTip("Tilføj den viste afdeling til favoritter (Ctrl+D)")
        self.shortlist_button = QPushButton("Tilføj til &kortliste…")
        self.close_button = QPushButton("&Luk")
        buttons.addButton(self.favourite_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.shortlist_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.favourite_button.clicked.connect(lambda: self._add(True))
        self.shortlist_button.clicked.connect(lambda: self._add(False))
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self._add(True))
        outer.addWidget(buttons)
        self.tabs: QTabWidget | None = None
        self.panels: list[AfdelingPanel] = []
        self.afdeling_ids: tuple[int, ...] = ()
        self.view: DetailsView | None = None
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.favourite_button.setEnabled(on)
        self.shortlist_button.setEnabled(on)

    def _add(self, favourites: bool) -> None:
        afdeling = self.current_afdeling_id()
        if afdeling is not None:
            self.add_requested.emit(afdeling, favourites)

    def current_afdeling_id(self) -> int | None:
        if not self.afdeling_ids:
            return None
        index = self.tabs.currentIndex() if self.tabs is not None else 0
        return self.afdeling_ids[max(index, 0)]

    def show_loading(self) -> None:
        self.title.setText("Henter …")
        self.subtitle.setText("")
        self.warning.hide()
        self._enable(False)

    def show_error(self, message: str) -> None:
        self.title.setText("Tilbuddet kunne ikke vises")
        self.subtitle.setText(message)

    def show_view(self, view: DetailsView, afdeling_ids: tuple[int, ...], focus_afdeling: int | None) -> None:
        self.view = view
        self.afdeling_ids = afdeling_ids
        self.setWindowTitle(f"{view.title} – RammeDesk")
        self.title.setText(view.title)
        self.subtitle.setText(view.subtitle)
        self.warning.text.setText(view.warning or "")
        self.warning.setVisible(bool(view.warning))
        body = QWidget()
        body.setObjectName("detailsBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 4, 8, 4)
        column.setSpacing(10)
        column.addWidget(facts_grid(view.facts))
        self.panels = [AfdelingPanel(a) for a in view.afdelinger]
        self.tabs = None
        if len(self.panels) == 1:
            column.addWidget(label(f"Afdeling: {view.afdelinger[0].title}", "sectionTitle"))
            column.addWidget(self.panels[0])
        elif self.panels:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("afdelingTabs")
            self.tabs.setDocumentMode(True)
            for panel, afd in zip(self.panels, view.afdelinger, strict=True):
                self.tabs.addTab(panel, afd.title)
            if focus_afdeling in afdeling_ids:
                self.tabs.setCurrentIndex(afdeling_ids.index(focus_afdeling))
            column.addWidget(self.tabs)
        column.addStretch(1)
        old = self.body_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.body_scroll.setWidget(body)
        self._enable(bool(afdeling_ids))
        self.close_button.setFocus()
