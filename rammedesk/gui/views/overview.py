"""Start page: what the open database holds (counts from DatabaseInfo)."""

from __future__ import annotations

from rammedesk.gui.qt import QFrame, QGridLayout, QLabel, Qt, QVBoxLayout, QWidget
from rammedesk.gui.views.page import PageView
from rammedesk.gui.views.widgets import FigureCard, label
from rammedesk.presenters.shell import OVERVIEW, ShellPresenter


class OverviewPage(PageView):
    CARDS_PER_ROW = 5

    def __init__(self, presenter: ShellPresenter, parent: QWidget | None = None):
        super().__init__(OVERVIEW, parent)
        self._presenter = presenter
        self.summary = label("", "bodyText", wrap=True)
        self.body.addWidget(self.summary)
        self._dynamic = QVBoxLayout()
        self._dynamic.setSpacing(18)
        self.body.addLayout(self._dynamic)
        self.body.addStretch(1)
        self.cards: dict[str, FigureCard] = {}
        self.refresh()

    def refresh(self) -> None:
        p = self._presenter
        self.summary.setText(p.summary)
        _clear(self._dynamic)
        self.cards = {}
        for group in p.figure_groups:
            self._dynamic.addWidget(label(group.title, "sectionTitle"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(12)
            for i, figure in enumerate(group.figures):
                card = FigureCard(figure.label, figure.value)
                self.cards[figure.label] = card
                grid.addWidget(card, i // self.CARDS_PER_ROW, i % self.CARDS_PER_ROW)
            holder = QWidget()
            holder.setLayout(grid)
            grid.setContentsMargins(0, 0, 0, 0)
            self._dynamic.addWidget(holder)
        if p.facts:
            self._dynamic.addWidget(label("Om databasen", "sectionTitle"))
            self._dynamic.addWidget(_facts_box(p.facts))


def _facts_box(facts: tuple[tuple[str, str], ...]) -> QFrame:
    box = QFrame()
    box.setObjectName("factsBox")
    grid = QGridLayout(box)
    grid.setContentsMargins(18, 14, 18, 14)
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(8)
    for row, (name, value) in enumerate(facts):
        grid.addWidget(label(name, "factLabel"), row, 0, Qt.AlignmentFlag.AlignTop)
        shown: QLabel = label(value, "factValue", wrap=True, selectable=True)
        grid.addWidget(shown, row, 1)
    grid.setColumnStretch(1, 1)
    return box


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
