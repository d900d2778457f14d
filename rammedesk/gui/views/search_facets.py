"""The facets panel: one group per facet with its values and live counts; click to filter.

A value is toggled by a click, Space or Enter; the chosen value of a group is ticked and bold
and named in the group's title (so it shows while the group is folded). Values that match
nothing are left out unless chosen. The tree is rebuilt after every search, keeping the
current item, the folded groups and the scroll position.
"""

from __future__ import annotations

from rammedesk.domain.search import FacetGroup
from rammedesk.gui.qt import (
    QAbstractItemView,
    QColor,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.presenters.formatting import format_int

KEY_ROLE = Qt.ItemDataRole.UserRole  # (facet, value); value None for a group
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1  # a group's (title, chosen label or "")
OPEN_BY_DEFAULT = 8  # groups with more values start folded (98 kommuner would bury the rest)
MUTED = QColor("#52606d")

Key = tuple[str, str | None]


def _title_for(group: QTreeWidgetItem) -> None:
    """A folded group names its chosen value (»Kommune: Aarhus«); an open one shows it ticked."""
    title, chosen = group.data(0, TITLE_ROLE) or (group.text(0), "")
    group.setText(0, f"{title}: {chosen}" if chosen and not group.isExpanded() else title)
    group.setToolTip(
        0, f"{title}: {chosen} er valgt" if chosen else f"{title}: klik på en værdi for at filtrere"
    )


class FacetTree(QTreeWidget):
    toggled = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetTree")
        self.setAccessibleName("Filtre")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIndentation(14)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._clicked)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        facet, value = item.data(0, KEY_ROLE)
        if value is not None:
            self.toggled.emit(facet, value)

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)
        if item is not None and isinstance(event, QKeyEvent) and event.key() in keys:
            facet, value = item.data(0, KEY_ROLE)
            if value is not None:
                self.toggled.emit(facet, value)
            else:
                item.setExpanded(not item.isExpanded())
            event.accept()
            return
        super().keyPressEvent(event)


class FacetsPanel(QWidget):
    """Title, the facet tree and »Ryd filtre«."""

    toggled = Signal(str, str)
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetsPanel")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        top = QHBoxLayout()
        self.title = QLabel("F&iltre")
        self.title.setObjectName("panelTitle")
        top.addWidget(self.title, 1)
        self.clear_button = QPushButton("Ry&d filtre")
        self.clear_button.setObjectName("clearFacets")
        self.clear_button.setToolTip("Fjern alle valgte filtre (søgeteksten bliver stående)")
        self.clear_button.clicked.connect(self.clear_requested)
        top.addWidget(self.clear_button)
        column.addLayout(top)
        self.tree = FacetTree()
        self.title.setBuddy(self.tree)
        self.tree.toggled.connect(self.toggled)
        self.tree.itemExpanded.connect(lambda item: self._remember(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._remember(item, False))
        column.addWidget(self.tree, 1)
        self._expanded: dict[str, bool] = {}
        self._shown: tuple[FacetGroup, ...] | None = None
        self._rebuilding = False
        self.clear_button.setEnabled(False)

    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        _title_for(item)
        if not self._rebuilding:
            self._expanded[item.data(0, KEY_ROLE)[0]] = expanded

    def items(self) -> dict[Key, QTreeWidgetItem]:
        """Every item by (facet, value); groups under (facet, None)."""
        found: dict[Key, QTreeWidgetItem] = {}
        groups = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        for group in groups:
            if group is None:
                continue
            found[group.data(0, KEY_ROLE)] = group
            for child in (group.child(j) for j in range(group.childCount())):
                if child is not None:
                    found[child.data(0, KEY_ROLE)] = child
        return found

    def set_groups(self, groups: tuple[FacetGroup, ...]) -> None:
        if groups == self._shown:
            return
        self._shown = groups
        current = self.tree.currentItem()
        keep: Key | None = current.data(0, KEY_ROLE) if current is not None else None
        scroll = self.tree.verticalScrollBar().value()
        self._rebuilding = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            bold = QFont(self.tree.font())
            bold.setBold(True)
            any_selected = False
            for group in groups:
                chosen = [v for v in group.values if v.selected]
                shown = [v for v in group.values if v.count > 0 or v.selected]
                if not shown:
                    continue
                any_selected = any_selected or bool(chosen)
                top = QTreeWidgetItem([group.title, ""])
                top.setData(0, KEY_ROLE, (group.facet, None))
                top.setData(0, TITLE_ROLE, (group.title, chosen[0].label if chosen else ""))
                top.setFont(0, bold)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(top)
                for value in shown:
                    count = format_int(value.count)
                    child = QTreeWidgetItem([value.label, count])
                    child.setData(0, KEY_ROLE, (group.facet, value.value))
                    state = Qt.CheckState.Checked if value.selected else Qt.CheckState.Unchecked
                    child.setData(0, Qt.ItemDataRole.CheckStateRole, state)
                    child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    child.setForeground(1, MUTED)
                    words = "afdeling" if value.count == 1 else "afdelinger"
                    tip = f"{value.label}: {count} {words}" + (
                        " (valgt – klik for at fjerne)" if value.selected else ""
                    )
                    child.setToolTip(0, tip)
                    child.setToolTip(1, tip)
                    child.setData(0, Qt.ItemDataRole.AccessibleTextRole, tip)
                    if value.selected:
                        child.setFont(0, bold)
                        child.setFont(1, bold)
                    top.addChild(child)
                open_ = self._expanded.get(group.facet, len(shown) <= OPEN_BY_DEFAULT or bool(chosen))
                top.setExpanded(open_ or bool(chosen))
                _title_for(top)
            self.clear_button.setEnabled(any_selected)
            found = self.items()
            target = found.get(keep) if keep is not None else None
            if target is None and keep is not None:
                target = found.get((keep[0], None))
            if target is not None:
                self.tree.setCurrentItem(target)
            self.tree.verticalScrollBar().setValue(scroll)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._rebuilding = False
