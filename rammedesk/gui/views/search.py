"""»Søg tilbud«: search field, facets, results, details, shortlists and saved searches.

The page shows what ``SearchPresenter`` says and asks it to search; typing is debounced.
The sidebar shows a shortlist in the results table (with its notes) until the user searches
again. Everything that touches the database runs on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.gui.models.search_results import SearchResultsModel
from rammedesk.gui.qt import (
    QEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from rammedesk.gui.views.details import DetailsDialog
from rammedesk.gui.views.search_actions import ListActions
from rammedesk.gui.views.search_details import DetailsOpener
from rammedesk.gui.views.search_export import ChooseSavePath, save_dialog, start_export
from rammedesk.gui.views.search_facets import FacetsPanel
from rammedesk.gui.views.search_layout import build_layout
from rammedesk.gui.views.search_lists import ListsPanel
from rammedesk.gui.views.search_menu import SearchActions
from rammedesk.gui.views.search_results import ResultsTable
from rammedesk.gui.views.search_style import STYLE
from rammedesk.presenters.search import COLUMNS, DEBOUNCE_MS, SearchPresenter, make_row
from rammedesk.presenters.shell import Page

SORT_NAMES = dict(COLUMNS)


class SearchPage(QWidget):
    status_message = Signal(str)
    # built by search_layout.build_layout
    field: QLineEdit
    save_button: QPushButton
    export_button: QPushButton
    hint: QLabel
    did_you_mean: QPushButton
    facets: FacetsPanel
    results_label: QLabel
    summary: QLabel
    back_button: QPushButton
    model: SearchResultsModel
    table: ResultsTable
    sidebar: ListsPanel
    left: QSplitter
    splitter: QSplitter

    def __init__(
        self,
        page: Page,
        runner: Any,
        store: Callable[[], Any],
        info: Callable[[], Any],
        *,
        choose_save_path: ChooseSavePath = save_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.setObjectName(f"page_{page.key}")
        self.setAccessibleName(page.title)
        self.setStyleSheet(STYLE)
        self.runner = runner
        self.store = store
        self.info = info
        self._choose_save_path = choose_save_path
        self.presenter = SearchPresenter(runner, store)
        self.presenter.listeners.append(self._presenter_changed)
        self.mode = "search"  # or "shortlist"
        self.shortlist_view: Any = None
        self._shown_result: Any = None
        self._active = False
        self.lists = ListActions(self, runner, store)
        self.lists.changed.connect(self.reload_lists)
        self.lists.status.connect(self.status_message)
        build_layout(self)
        self._connect()
        self.commands = SearchActions(self)
        self.details = DetailsOpener(
            self,
            runner,
            store,
            is_demo=lambda: bool(getattr(info(), "is_demo", False)),
            on_error=self.lists.show_error,
            on_add=self._add,
        )
        self.save_button.clicked.connect(self.save_search)
        self.export_button.clicked.connect(self.export)
        self._update_actions()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)

    def _connect(self) -> None:
        self.field.textEdited.connect(self._typed)
        self.field.returnPressed.connect(self._search_now)
        self.field.installEventFilter(self)
        self.facets.toggled.connect(self._toggle_facet)
        self.facets.clear_requested.connect(self._clear_facets)
        self.back_button.clicked.connect(lambda _checked=False: self.back_to_search(focus=True))
        self.did_you_mean.clicked.connect(self.use_did_you_mean)
        self.table.open_requested.connect(self.open_row)
        self.table.sort_requested.connect(self._sort)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.sidebar.shortlist_chosen.connect(self.show_shortlist)
        self.sidebar.saved_search_chosen.connect(self.apply_saved)
        self.sidebar.current_changed.connect(self._update_actions)

    # -- activation ---------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    def has_database(self) -> bool:
        return self.store() is not None

    def set_active(self, active: bool) -> None:
        """The menus' actions work only while this page is shown."""
        self._active = active
        self._update_actions()

    def database_changed(self) -> None:
        """A database was opened: forget the old one's undo history and results, search anew."""
        self.lists.reset()
        self.back_to_search(focus=False)
        self._shown_result = None
        self.model.set_rows([])
        self.presenter.run()
        self.reload_lists()
        self.details.hide()

    def _update_actions(self, *_args: object) -> None:
        self.commands.update()

    # -- searching ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():  # type: ignore[attr-defined]
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if self.current_row() is None:
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _typed(self, text: str) -> None:
        self.presenter.set_text(text)
        self._debounce.start()

    def _search_now(self) -> None:
        self._debounce.stop()
        self.presenter.set_text(self.field.text())
        self.back_to_search(focus=False)
        self.presenter.run()

    def _toggle_facet(self, facet: str, value: str) -> None:
        self.back_to_search(focus=False)
        self.presenter.toggle_facet(facet, value)

    def use_did_you_mean(self) -> None:
        """Search the corrected query »Mente du …?« offered."""
        corrected = self.presenter.did_you_mean()
        if corrected is None:
            return
        self.field.setText(corrected)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._search_now()

    def _show_did_you_mean(self) -> None:
        corrected = self.presenter.did_you_mean() if self.mode == "search" else None
        if corrected is None:
            self.did_you_mean.hide()
            return
        self.did_you_mean.setText(f"Mente du: {corrected}?")
        self.did_you_mean.setAccessibleName(f"Mente du: {corrected}? Tryk Enter for at søge på det.")
        self.did_you_mean.show()

    def _clear_facets(self) -> None:
        self.back_to_search(focus=False)
        self.presenter.apply(self.presenter.state.text, {})

    def _sort(self, key: str, descending: bool) -> None:
        self.presenter.set_sort(key, descending)

    def clear(self) -> None:
        """Esc: empty field, no filters, back from a shortlist."""
        self._debounce.stop()
        self.field.clear()
        self.back_to_search(focus=False)
        self.presenter.clear()

    def apply_saved(self, saved: Any) -> None:
        self._debounce.stop()
        self.back_to_search(focus=False)
        self.field.setText(saved.query)
        self.table.show_sort(saved.sort, saved.descending)
        self.presenter.apply(saved.query, dict(saved.facets), saved.sort, saved.descending)
        self.status_message.emit(f"Gemt søgning »{saved.navn}«")

    def _presenter_changed(self) -> None:
        p = self.presenter
        if self.mode == "search" and p.result is not None and p.result is not self._shown_result:
            self._shown_result = p.result
            self._set_rows(p.rows)
        self.facets.set_groups(p.facets)
        self._show_summary()
        self._show_did_you_mean()

    def _set_rows(self, rows: list[Any], notes: dict[int, str] | None = None) -> None:
        row = self.current_row()
        keep = self.model.hit(row).afdeling_id if row is not None else None
        self.model.set_rows(rows, notes)
        again = self.model.row_of_afdeling(keep) if keep is not None else None
        if again is not None:
            self.table.selectRow(again)
        self._update_actions()

    def _show_summary(self) -> None:
        if self.mode == "shortlist" and self.shortlist_view is not None:
            view = self.shortlist_view
            n = view.result.total
            text = f"Kortliste »{view.shortlist.navn}«: {n} {'afdeling' if n == 1 else 'afdelinger'}"
            if view.missing:
                text += f" ({view.missing} findes ikke længere i tilbudsviften)"
            self.summary.setText(text + ". Søgning og filtre gælder ikke her.")
            return
        p = self.presenter
        text = p.summary()
        if p.result is not None and not p.error:
            key, descending = p.state.sort, p.state.descending
            order = "relevans" if key == "relevans" else SORT_NAMES.get(key, key).lower()
            text += f" · sorteret efter {order}" + (" (faldende)" if descending and key != "relevans" else "")
        self.summary.setText(text)
        self.summary.setProperty("error", bool(p.error))
        self.summary.style().polish(self.summary)

    # -- shortlists in the results table ------------------------------------------------------

    def show_shortlist(self, shortlist: Any) -> None:
        if shortlist is None:  # Favoritter before the first favourite
            self.status_message.emit("Der er ingen favoritter endnu. Vælg et tilbud og tryk Ctrl+D.")
            return
        self.lists.load_shortlist(shortlist.id, self._shortlist_loaded)

    def _shortlist_loaded(self, view: Any) -> None:
        self.mode = "shortlist"
        self.shortlist_view = view
        self.table.sortable = False
        self._set_rows([make_row(h, ()) for h in view.result.hits], view.notes)
        self.facets.hide()  # the filters do not apply to a shortlist
        self.sidebar.select("shortlist", view.shortlist.id)
        self.back_button.show()
        self._show_summary()
        self._show_did_you_mean()

    def back_to_search(self, focus: bool = True) -> None:
        if self.mode == "search":
            return
        self.mode = "search"
        self.shortlist_view = None
        self.table.sortable = True
        self.facets.show()
        self.back_button.hide()
        self._shown_result = None
        if self.presenter.result is not None:
            self._shown_result = self.presenter.result
            self._set_rows(self.presenter.rows)
        self.table.show_sort(self.presenter.state.sort, self.presenter.state.descending)
        self._show_summary()
        self._show_did_you_mean()
        if focus:
            self.table.setFocus()

    def reload_lists(self) -> None:
        def done(lists: Any) -> None:
            self.sidebar.set_lists(lists.shortlists, lists.saved_searches)
            shown = self.shortlist_view
            if self.mode == "shortlist" and shown is not None:
                still = next((s for s in lists.shortlists if s.id == shown.shortlist.id), None)
                if still is None:
                    self.back_to_search()
                else:
                    self.show_shortlist(still)
            self._update_actions()

        self.lists.load(done)

    # -- rows: details and lists --------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() and index.row() < self.model.rowCount() else None

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_row(row)

    def open_row(self, row: int) -> DetailsDialog | None:
        hit = self.model.hit(row)
        return self.open_details(hit.tilbud_id, hit.afdeling_id)

    def open_details(self, tilbud_id: int, afdeling_id: int | None = None) -> DetailsDialog | None:
        return self.details.open(tilbud_id, afdeling_id)

    def add_current(self, favourites: bool) -> None:
        row = self.current_row()
        if row is not None:
            self._add(self.model.hit(row).afdeling_id, favourites)

    def _add(self, afdeling_id: int, favourites: bool, details: DetailsDialog | None = None) -> None:
        row = self.model.row_of_afdeling(afdeling_id)
        if row is not None:
            hit = self.model.hit(row)
            what = f"{hit.tilbud} — {hit.afdeling}"
        else:
            what = details.view.title if details is not None and details.view is not None else ""
        self.lists.add(afdeling_id, what, favourites=favourites)

    def remove_current(self) -> None:
        row = self.current_row()
        if row is not None and self.mode == "shortlist" and self.shortlist_view is not None:
            self.lists.remove_entry(self.shortlist_view.shortlist, self.model.hit(row).afdeling_id)

    def save_search(self) -> None:
        if self.mode != "search" or self.store() is None:
            return
        s = self.presenter.state
        self.lists.save_search(s.text, dict(s.facets), s.sort, s.descending)

    def rename_current(self) -> None:
        current = self.sidebar.current()
        if current is not None:
            self.lists.rename(*current)

    def delete_current(self) -> None:
        current = self.sidebar.current()
        if current is not None:
            self.lists.delete(*current)

    # -- export -------------------------------------------------------------------------------

    def export(self) -> None:
        start_export(self, self._choose_save_path)
