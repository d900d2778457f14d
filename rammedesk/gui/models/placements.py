"""The portfolio's placements as a table model; a row's texts are made when Qt first asks for
them, so a portfolio of 10.000 placements reloads without freezing the window (filling a
QTableWidget with 100.000 items took 1,2 s on the GUI thread)."""

from __future__ import annotations

from typing import Any

from rammedesk.domain.portfolio.model import Placement
from rammedesk.gui.qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from rammedesk.presenters.portfolio import COLUMNS, placement_row

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TAKST_COLUMN = COLUMNS.index("Takst")


class PlacementsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._placements: tuple[Placement, ...] = ()
        self._texts: dict[int, tuple[str, ...]] = {}

    def set_placements(self, placements: tuple[Placement, ...]) -> None:
        self.beginResetModel()
        self._placements = placements
        self._texts = {}
        self.endResetModel()

    def texts(self, row: int) -> tuple[str, ...]:
        found = self._texts.get(row)
        if found is None:
            found = self._texts[row] = placement_row(self._placements[row])
        return found

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._placements)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == TAKST_COLUMN:
            return int(RIGHT.value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None
