"""The results table: rich-text names, server-side sorting by header click, Enter opens.

Sorting is the presenter's (the database sorts the whole result, not just the 200 rows on
screen), so the view never sorts the model itself: a header click asks for a sort order, and
the indicator shows what the presenter says.
"""

from __future__ import annotations

import re

from rammedesk.gui.models.search_results import HTML_ROLE, SearchResultsModel
from rammedesk.gui.qt import (
    QAbstractItemView,
    QHeaderView,
    QKeyEvent,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QTextDocument,
    QWidget,
    Signal,
)

SORT_NONE = "relevans"
_COLOUR = re.compile(r"color:#[0-9a-fA-F]{6}")
# Column widths for a 1280-pixel window; the name column takes what is left, but never less
# than NAME_MIN (then the table scrolls sideways instead of squeezing the names).
WIDTHS = {"kommune": 115, "paragraf": 115, "takst": 150, "pladser": 64}
NAME_MIN = 230


class HtmlDelegate(QStyledItemDelegate):
    """Paints the name column's rich text (<b> for matched words, the afdeling on line 2).

    One QTextDocument is reused for every cell; painting a row costs one setHtml.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(role).name()
        if selected:  # grey afdeling and blue note lines would vanish on the blue highlight
            html = _COLOUR.sub(f"color:{colour}", html)
        self._doc.setDefaultFont(opt.font)
        self._doc.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        self._doc.setHtml(f"<body>{html}</body>")
        rect = opt.rect.adjusted(6, 0, -4, 0)
        self._doc.setTextWidth(rect.width())
        top = rect.top() + max(0, (rect.height() - int(self._doc.size().height())) // 2)
        painter.save()
        painter.translate(rect.left(), top)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        self._doc.drawContents(painter)
        painter.restore()


class ResultsTable(QTableView):
    """Enter and double-click emit ``open_requested`` with the row."""

    open_requested = Signal(int)
    sort_requested = Signal(str, bool)  # key, descending ("relevans", False: the default)

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName("Søgeresultat")
        self.setModel(model)
        self._model = model
        self.setItemDelegateForColumn(0, HtmlDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the sidebar
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionClicked.connect(self._header_clicked)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
        self._sort = (SORT_NONE, False)
        self.sortable = True
        model.modelReset.connect(self._layout_columns)
        self._layout_columns()

    def _layout_columns(self) -> None:
        lines = 3 if self._model.has_notes else 2  # tilbud, afdeling (and a shortlist's note)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * lines + 12)
        header = self.horizontalHeader()
        for column, (key, _title) in enumerate(self._model.columns):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if key != "navn":
                self.setColumnWidth(column, WIDTHS.get(key, 100))
        self._fit_name()
        self.show_sort(*self._sort)

    def _fit_name(self) -> None:
        others = sum(self.columnWidth(c) for c in range(1, self._model.columnCount()))
        self.setColumnWidth(0, max(NAME_MIN, self.viewport().width() - others))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_name()

    # -- sorting -------------------------------------------------------------------------------

    def show_sort(self, key: str, descending: bool) -> None:
        """Show the presenter's order: an arrow on the column, none for relevance."""
        self._sort = (key, descending)
        header = self.horizontalHeader()
        keys = [k for k, _title in self._model.columns]
        header.blockSignals(True)
        if key in keys and self.sortable:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(keys.index(key), order)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _header_clicked(self, column: int) -> None:
        key = self._model.columns[column][0]
        if not self.sortable:
            self.show_sort(*self._sort)
            return
        current, descending = self._sort
        if current != key:
            wanted = (key, False)
        elif not descending:
            wanted = (key, True)
        else:
            wanted = (SORT_NONE, False)  # third click: back to relevance
        self.show_sort(*wanted)
        self.sort_requested.emit(*wanted)

    # -- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)
