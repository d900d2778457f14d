"""The sidebar of the search page: the shortlists (Favoritter first) and the saved searches.

Click, Enter or Space shows a shortlist's afdelinger or runs a saved search; F2 renames and
Del deletes the chosen one (the page asks and can undo). Favoritter can be neither renamed
nor deleted; it is shown even before the first favourite is added.
"""

from __future__ import annotations

from typing import Any

from rammedesk.domain.lists import FAVOURITES_NAME
from rammedesk.gui.qt import (
    QAbstractItemView,
    QFont,
    QKeyEvent,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.presenters.formatting import format_int

KIND_ROLE = Qt.ItemDataRole.UserRole  # ("shortlist" | "search", object or None)
SHORTLISTS = "Kortlister"
SAVED = "Gemte søgninger"


class ListsTree(QTreeWidget):
    activated_item = Signal(object)  # the QTreeWidgetItem

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if isinstance(event, QKeyEvent) and event.key() in keys and item is not None and item.parent():
            self.activated_item.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)


class ListsPanel(QWidget):
    shortlist_chosen = Signal(object)  # Shortlist, or None for a Favoritter not yet created
    saved_search_chosen = Signal(object)  # SavedSearch
    current_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listsPanel")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.title = QLabel("&Lister")
        self.title.setObjectName("panelTitle")
        column.addWidget(self.title)
        self.tree = ListsTree()
        self.tree.setObjectName("listsTree")
        self.tree.setAccessibleName("Kortlister og gemte søgninger")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(12)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setToolTip("Klik eller Enter: vis. F2: omdøb. Del: slet. Ctrl+Z fortryder.")
        self.title.setBuddy(self.tree)
        column.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(lambda item, _col: self._activate(item))
        self.tree.activated_item.connect(self._activate)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.set_lists((), ())

    def _current_changed(self, *_args: object) -> None:
        self.current_changed.emit()

    def _activate(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, KIND_ROLE)
        if data is None:
            return
        kind, value = data
        if kind == "shortlist":
            self.shortlist_chosen.emit(value)
        else:
            self.saved_search_chosen.emit(value)

    def set_lists(self, shortlists: tuple[Any, ...], saved: tuple[Any, ...]) -> None:
        current = self.current()
        keep = (current[0], getattr(current[1], "id", None)) if current else None
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        lists_group = self._group(SHORTLISTS, bold)
        if not any(s.favoritter for s in shortlists):
            self._add(lists_group, "shortlist", None, f"★ {FAVOURITES_NAME} (0)", "Ingen favoritter endnu")
        for sl in shortlists:
            text = f"{'★ ' if sl.favoritter else ''}{sl.navn} ({format_int(sl.count)})"
            tip = f"{sl.navn}: {format_int(sl.count)} {'afdeling' if sl.count == 1 else 'afdelinger'}"
            self._add(lists_group, "shortlist", sl, text, tip)
        search_group = self._group(SAVED, bold)
        if not saved:
            hint = QTreeWidgetItem(["Ingen endnu (Ctrl+S gemmer)"])
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            search_group.addChild(hint)
        for s in saved:
            tip = f"{s.navn}\nSøgning: {s.query or '(alle)'}"
            if s.facets:
                tip += "\nFiltre: " + ", ".join(f"{k}={v}" for k, v in s.facets)
            self._add(search_group, "search", s, s.navn, tip)
        self.tree.expandAll()
        if keep is not None:
            self.select(*keep)

    def _group(self, title: str, font: QFont) -> QTreeWidgetItem:
        group = QTreeWidgetItem([title])
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(group)
        self.groups[title] = group
        return group

    def _add(self, group: QTreeWidgetItem, kind: str, value: Any, text: str, tip: str) -> None:
        item = QTreeWidgetItem([text])
        item.setData(0, KIND_ROLE, (kind, value))
        item.setToolTip(0, tip)
        group.addChild(item)

    def current(self) -> tuple[str, Any] | None:
        """("shortlist", Shortlist | None) or ("search", SavedSearch) of the current item."""
        item = self.tree.currentItem()
        data = item.data(0, KIND_ROLE) if item is not None else None
        return (data[0], data[1]) if data is not None else None

    def select(self, kind: str, item_id: int | None) -> bool:
        for title in (SHORTLISTS, SAVED):
            group = self.groups[title]
            for child in _children(group):
                data = child.data(0, KIND_ROLE)
                if data and data[0] == kind and getattr(data[1], "id", None) == item_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def items(self, kind: str) -> list[str]:
        """The shown names of one kind (for tests and the add dialog)."""
        group = self.groups[SHORTLISTS if kind == "shortlist" else SAVED]
        return [child.text(0) for child in _children(group) if child.data(0, KIND_ROLE) is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]
