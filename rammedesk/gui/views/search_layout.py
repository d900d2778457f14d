"""The widgets of the search page and their places: search row, facets over lists on the
left, results on the right; the tab order runs field → facets → results → lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rammedesk.gui.models.search_results import SearchResultsModel
from rammedesk.gui.qt import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, Qt, QVBoxLayout, QWidget
from rammedesk.gui.views.search_facets import FacetsPanel
from rammedesk.gui.views.search_lists import ListsPanel
from rammedesk.gui.views.search_results import ResultsTable
from rammedesk.gui.views.widgets import PageHeader, label

if TYPE_CHECKING:
    from rammedesk.gui.views.search import SearchPage

PLACEHOLDER = "Søg i tilbudsviften – fx autisme aarhus, paragraf:108, takst:<3000"
HINT = (
    'Ord søges som begyndelsen af ord · "frase" · -udelad · kommune: region: paragraf: '
    "maalgruppe: driftsherre: · takst:<3000 · pladser:>=10 · Esc rydder · F1 hjælp"
)


def build_layout(page: SearchPage) -> None:
    outer = QVBoxLayout(page)
    outer.setContentsMargins(24, 16, 24, 10)
    outer.setSpacing(8)
    outer.addWidget(PageHeader(page.page.key, page.page.title, page.page.subtitle))
    row = QHBoxLayout()
    row.setSpacing(8)
    field_label = QLabel("&Søg:")
    field_label.setObjectName("searchLabel")
    page.field = QLineEdit()
    page.field.setObjectName("searchField")
    page.field.setPlaceholderText(PLACEHOLDER)
    page.field.setAccessibleName("Søg i tilbudsviften")
    page.field.setClearButtonEnabled(True)
    page.field.setMaxLength(500)
    field_label.setBuddy(page.field)
    row.addWidget(field_label)
    row.addWidget(page.field, 1)
    page.save_button = QPushButton("Ge&m søgning…")
    page.export_button = QPushButton("&Eksportér…")
    row.addWidget(page.save_button)
    row.addWidget(page.export_button)
    outer.addLayout(row)
    page.hint = label(HINT, "searchHint", wrap=True)
    outer.addWidget(page.hint)
    # »Mente du …?«: shown when a typo'd word was searched as its nearest spellings.
    page.did_you_mean = QPushButton()
    page.did_you_mean.setObjectName("didYouMean")
    page.did_you_mean.setFlat(True)
    page.did_you_mean.setAutoDefault(True)  # Enter runs it, like a click
    page.did_you_mean.setCursor(Qt.CursorShape.PointingHandCursor)
    page.did_you_mean.hide()
    suggestion = QHBoxLayout()
    suggestion.addWidget(page.did_you_mean)
    suggestion.addStretch(1)
    outer.addLayout(suggestion)

    page.facets = FacetsPanel()

    middle = QWidget()
    column = QVBoxLayout(middle)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    top = QHBoxLayout()
    page.results_label = QLabel("Res&ultater")
    page.results_label.setObjectName("panelTitle")
    page.summary = label("", "searchSummary", wrap=True)
    page.back_button = QPushButton("Til&bage til søgningen")
    page.back_button.setObjectName("backToSearch")
    page.back_button.hide()
    top.addWidget(page.results_label)
    top.addWidget(page.summary, 1)
    top.addWidget(page.back_button)
    column.addLayout(top)
    page.model = SearchResultsModel(page)
    page.table = ResultsTable(page.model)
    page.results_label.setBuddy(page.table)
    column.addWidget(page.table, 1)

    page.sidebar = ListsPanel()

    # Facets above the lists on the left, so the results get the width they need.
    page.left = QSplitter(Qt.Orientation.Vertical)
    page.left.setObjectName("searchLeft")
    page.left.setChildrenCollapsible(False)
    page.left.addWidget(page.facets)
    page.left.addWidget(page.sidebar)
    page.left.setStretchFactor(0, 3)
    page.left.setStretchFactor(1, 1)
    page.left.setSizes([420, 170])
    page.left.setMinimumWidth(170)
    page.splitter = QSplitter(Qt.Orientation.Horizontal)
    page.splitter.setObjectName("searchSplitter")
    page.splitter.setChildrenCollapsible(False)
    page.splitter.addWidget(page.left)
    page.splitter.addWidget(middle)
    page.splitter.setStretchFactor(0, 0)
    page.splitter.setStretchFactor(1, 1)
    page.splitter.setSizes([265, 780])
    outer.addWidget(page.splitter, 1)

    order = [
        page.field,
        page.did_you_mean,
        page.facets.tree,
        page.facets.clear_button,
        page.table,
        page.back_button,
        page.sidebar.tree,
        page.save_button,
        page.export_button,
    ]
    for first, second in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(first, second)
