"""The search results as a table model: one row per afdeling, columns from the presenter.

The model only adapts ``ResultRow``s (already Danish, already highlighted) to Qt roles. The
name column carries rich text in ``HTML_ROLE`` for the delegate and plain text for Qt's
accessibility and keyboard search. A shortlist's notes go on a third line of the name cell
(a column of their own would push the takst out of sight on a 1280-pixel screen).
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from rammedesk.domain.search import SearchHit
from rammedesk.gui.qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from rammedesk.presenters.search import COLUMNS, ResultRow

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
NOTE_STYLE = "color:#174a6d; font-style:italic"
RIGHT_ALIGNED = {"takst", "pladser"}

_TAG = re.compile(r"<[^>]+>")
Index = QModelIndex | QPersistentModelIndex


def plain_text(html: str) -> str:
    """'<b>Køge</b> Bo<br><span>Autisme</span>' -> 'Køge Bo — Autisme'."""
    return unescape(_TAG.sub("", html.replace("<br>", " — ")))


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._plain: list[str] = []
        self._notes: dict[int, str] = {}
        self.has_notes = False
        self.columns: tuple[tuple[str, str], ...] = COLUMNS

    # -- content -------------------------------------------------------------------------------

    def set_rows(self, rows: list[ResultRow], notes: dict[int, str] | None = None) -> None:
        """Replace everything; ``notes`` (afdeling id → note) means a shortlist is shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self._notes = dict(notes or {})
        self.has_notes = notes is not None
        self._plain = [plain_text(self._html(r)) for r in self._rows]
        self.endResetModel()

    def _html(self, row: ResultRow) -> str:
        note = self._notes.get(row.hit.afdeling_id)
        if not note:
            return row.name_html
        return f"{row.name_html}<br><span style='{NOTE_STYLE}'>Note: {escape(' '.join(note.split()))}</span>"

    def note(self, index: int) -> str:
        return self._notes.get(self._rows[index].hit.afdeling_id, "")

    def row(self, index: int) -> ResultRow:
        return self._rows[index]

    def hit(self, index: int) -> SearchHit:
        return self._rows[index].hit

    def row_of_afdeling(self, afdeling_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.hit.afdeling_id == afdeling_id), None)

    def column_of(self, key: str) -> int:
        return [k for k, _title in self.columns].index(key)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._plain[index.row()] if key == "navn" else str(getattr(row, key))
        if role == HTML_ROLE:
            return self._html(row) if key == "navn" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self._notes.get(row.hit.afdeling_id)
            return row.tooltip + (f"\nNote: {note}" if note else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if key in RIGHT_ALIGNED else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == HIT_ROLE:
            return row.hit
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.columns[index.column()][1]}: {self.data(index)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, title = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if key in RIGHT_ALIGNED else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Sortér efter {title.lower()} (klik igen for at vende rækkefølgen)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
