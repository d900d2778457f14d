"""The report's »Tvetydige rækker« tab: one line per tilbud name, with a choice of tilbud.

Names still ambiguous come first (»Spring over« chosen); below them the names the user chose a
tilbud for, whose rows the dry run has matched (choose »Spring over« there to undo). The panel
only shows the presenter's groups and emits ``chosen`` (folded name, tilbud id or None) when the
user picks in a box; the wizard asks the presenter and runs the dry run again.
"""

from __future__ import annotations

from collections.abc import Sequence

from rammedesk.gui.qt import (
    QComboBox,
    QEvent,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QObject,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.presenters.import_choices import AmbiguousGroup
from rammedesk.presenters.import_wizard import AMBIGUOUS_HINT, CHOICE_HEADERS

OPEN_TITLE = "Vælg, hvilket tilbud &rækkerne hører til:"  # Alt+R: the first box
CHOSEN_TITLE = "Navne, du har &besluttet (vælg »Spring over« for at fortryde):"  # Alt+B
NOTHING_OPEN = "Alle tvetydige rækker har fået et tilbud."


def _label(text: str, name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class ChoiceTable(QTableWidget):
    """Names with their rows and a choice box; Tab goes from box to box, not into the cells."""

    def __init__(self, name: str) -> None:
        super().__init__(0, len(CHOICE_HEADERS))
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(CHOICE_HEADERS))
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 4)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.boxes: dict[str, QComboBox] = {}

    def fit_height(self) -> None:
        """As tall as its lines (the two tables share the tab), but not taller than the tab."""
        rows = self.rowCount()
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        height += self.verticalHeader().defaultSectionSize() * max(rows, 1)
        self.setMaximumHeight(height)


class ChoicesPanel(QWidget):
    chosen = Signal(str, object)  # folded name, tilbud id or None (skip the rows)

    def __init__(self, anchor: QWidget | None = None) -> None:
        """``anchor``: the focusable widget after which Tab walks the boxes (the tab bar)."""
        super().__init__()
        self.anchor = anchor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.hint = _label(AMBIGUOUS_HINT, "ambiguousHint", wrap=True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.hint)
        self.open_title = _label(OPEN_TITLE, "sectionTitle")
        layout.addWidget(self.open_title)
        self.open_table = ChoiceTable("ambiguousTable")
        layout.addWidget(self.open_table, 1)
        self.nothing_open = _label(NOTHING_OPEN, "ambiguousDone")
        layout.addWidget(self.nothing_open)
        self.chosen_title = _label(CHOSEN_TITLE, "sectionTitle")
        layout.addWidget(self.chosen_title)
        self.chosen_table = ChoiceTable("chosenTable")
        layout.addWidget(self.chosen_table, 1)
        layout.addStretch(0)
        self._tables: dict[str, ChoiceTable] = {}

    def show_groups(self, open_groups: Sequence[AmbiguousGroup], chosen: Sequence[AmbiguousGroup]) -> None:
        """Redraw both lists. Old boxes are deleted later: one of them may be emitting."""
        self._tables = {}
        chain: list[QWidget] = []
        for table, groups, title in (
            (self.open_table, open_groups, self.open_title),
            (self.chosen_table, chosen, self.chosen_title),
        ):
            boxes = self._fill(table, groups)
            table.fit_height()
            if boxes:
                title.setBuddy(boxes[0])
            chain.extend(boxes)
        self.open_title.setVisible(bool(open_groups))
        self.open_table.setVisible(bool(open_groups))
        self.nothing_open.setVisible(not open_groups and bool(chosen))
        self.chosen_title.setVisible(bool(chosen))
        self.chosen_table.setVisible(bool(chosen))
        # Tab from the tabs reaches the boxes in order (Qt ignores an order that starts at a
        # widget taking no focus, such as the tables the boxes sit in).
        if self.anchor is not None:
            for before, after in zip([self.anchor, *chain], chain, strict=False):
                QWidget.setTabOrder(before, after)

    def _fill(self, table: ChoiceTable, groups: Sequence[AmbiguousGroup]) -> list[QComboBox]:
        for old in table.boxes.values():
            old.hide()
            old.deleteLater()
        table.clearContents()
        table.boxes = {}
        table.setRowCount(len(groups))
        for i, group in enumerate(groups):
            for col, text in ((0, group.name), (2, group.rows_text)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(text)
                table.setItem(i, col, item)
            box = QComboBox()
            box.setObjectName(f"choice_{i}" if table is self.open_table else f"chosen_{i}")
            box.setAccessibleName(f"Tilbud for rækkerne med »{group.name}«")
            box.setToolTip(group.tooltip)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for j, (label, tilbud_id) in enumerate(group.options()):
                box.addItem(label, tilbud_id)
                box.setItemData(j, label, Qt.ItemDataRole.ToolTipRole)
            box.setCurrentIndex(group.option_index)
            box.activated.connect(lambda index, b=box, k=group.key: self.chosen.emit(k, b.itemData(index)))
            box.installEventFilter(self)
            table.setCellWidget(i, 1, box)
            table.boxes[group.key] = box
            self._tables[group.key] = table
        return list(table.boxes.values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A box that gets focus by Tab is scrolled into view; Enter in a box does not press the
        dialog's default button (»Importér«): the report's keys never import by themselves."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QComboBox):
            if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return True
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QComboBox):
            for table in (self.open_table, self.chosen_table):
                for i in range(table.rowCount()):
                    if table.cellWidget(i, 1) is watched:
                        table.scrollTo(table.model().index(i, 1))
        return super().eventFilter(watched, event)

    def box(self, key: str) -> QComboBox | None:
        """The choice box of a name (folded), in whichever list it is now."""
        table = self._tables.get(key)
        return None if table is None else table.boxes.get(key)

    def first_box(self) -> QComboBox | None:
        for table in (self.open_table, self.chosen_table):
            if table.boxes:
                return next(iter(table.boxes.values()))
        return None
