"""Read-only tables of the import wizard: display text, numeric sort keys, a sortable view."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from rammedesk.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QHeaderView,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTableView,
    QWidget,
)
from rammedesk.presenters.import_wizard import TableRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RowsModel(QAbstractTableModel):
    """Rows of display strings; ``TableRow`` rows also carry sort keys."""

    def __init__(self, headers: Sequence[str], right: Sequence[int] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.headers = tuple(headers)
        self.right = frozenset(right)
        self.rows: list[TableRow] = []

    def set_rows(self, rows: Sequence[TableRow | tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = [r if isinstance(r, TableRow) else TableRow(r, _keys(r)) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row.cells[index.column()])
        if role == SORT_ROLE:
            key = row.keys[index.column()]
            return key if isinstance(key, (int, str)) else float(key)  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.right else _LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


LONG_TIP = 80  # characters: a longer tooltip is wrapped into lines


def tooltip(text: str) -> str:
    """A cell's whole text as its tooltip; a long one (a refused row's reason) as rich text, which
    Qt wraps into lines of some 80 characters instead of one line across the screen."""
    if len(text) <= LONG_TIP:
        return text
    return f"<p>{html.escape(text)}</p>"


def _keys(cells: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(int(c) if c.isdigit() else c for c in cells)


def table_view(
    model: RowsModel, name: str, *, sortable: bool = False, stretch: int | None = None
) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view
