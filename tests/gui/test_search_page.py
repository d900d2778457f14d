"""»Søg tilbud«: typing, facets, keys, sorting, details, favourites, saved searches, undo.

The Shell runs on a SyncTaskRunner over a small hand-made catalogue (five afdelinger, the
same as the search service tests), so every answer is known exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rammedesk.config import resolve_location
from rammedesk.gui.qt import QKeySequence, QMessageBox, QPoint, Qt, QTableWidget
from rammedesk.gui.views.search import SearchPage
from rammedesk.services import lists
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE

CPR_NOTE = "borger 010190-1234"


@pytest.fixture
def catalogue(empty_db: Path) -> tuple[Path, dict[str, int]]:
    store = open_test_store(empty_db)
    try:
        ids = build(store, CATALOGUE)
    finally:
        store.close()
    return empty_db, ids


@pytest.fixture
def shell(make_shell: Any, catalogue: tuple[Path, dict[str, int]], qtbot: Any) -> Any:
    shell = make_shell()
    shell.start(resolve_location(str(catalogue[0])))
    shell.ids = catalogue[1]
    window = shell.window
    window.show_page("soeg")
    window.activateWindow()
    qtbot.waitActive(window)
    return shell


@pytest.fixture
def page(shell: Any) -> SearchPage:
    return shell.window.search_page


def names(page: SearchPage) -> list[str]:
    return [page.model.hit(r).tilbud for r in range(page.model.rowCount())]


def select(page: SearchPage, tilbud: str) -> None:
    page.table.setFocus()
    page.table.selectRow(names(page).index(tilbud))


def test_page_shows_the_whole_catalogue_when_the_database_opens(page: SearchPage) -> None:
    assert page.model.rowCount() == 5
    assert page.summary.text().startswith("5 afdelinger · sorteret efter relevans")
    assert page.field.placeholderText().startswith("Søg i tilbudsviften – fx autisme aarhus")
    groups = {key[0] for key in page.facets.items()}
    assert {"region", "kommune", "paragraf"} <= groups


def test_typing_searches_after_the_debounce(qtbot: Any, page: SearchPage) -> None:
    page.field.setFocus()
    qtbot.keyClicks(page.field, "koege")
    assert page.model.rowCount() == 5  # not on every keystroke: the debounce timer runs first
    qtbot.waitUntil(lambda: names(page) == ["Køge Bo- og Aktivitetscenter"], timeout=2000)
    assert page.summary.text().startswith("1 afdeling")
    html = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.UserRole + 1)
    assert "<b>Køge</b>" in html


def test_hints_for_a_broken_query_are_shown(qtbot: Any, page: SearchPage) -> None:
    page.field.setText("takst:<abc")
    page.field.returnPressed.emit()
    assert "takst:" in page.summary.text() and "forstod ikke" in page.summary.text()


def test_facet_click_narrows_and_counts_follow(qtbot: Any, page: SearchPage) -> None:
    item = page.facets.items()[("kommune", "751")]
    assert item.text(0) == "Aarhus" and item.text(1) == "2"
    tree = page.facets.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert sorted(names(page)) == ["Aarhus Misbrugscenter", "Bostedet Århus"]
    chosen = page.facets.items()[("kommune", "751")]
    assert chosen.data(0, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert chosen.font(0).bold()
    assert page.facets.items()[("driftsherre", "kommunal")].text(1) == "2"  # counts follow
    assert page.facets.clear_button.isEnabled()
    # Space on the chosen value takes the filter off again (keyboard only)
    tree.setFocus()
    tree.setCurrentItem(chosen)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert len(names(page)) == 5
    assert not page.facets.clear_button.isEnabled()


def test_ryd_filtre_keeps_the_text(qtbot: Any, page: SearchPage) -> None:
    page.field.setText("aarhus")
    page.field.returnPressed.emit()
    page.facets.toggled.emit("paragraf", "SEL_107")
    assert names(page) == ["Bostedet Århus"]
    qtbot.mouseClick(page.facets.clear_button, Qt.MouseButton.LeftButton)
    assert sorted(names(page)) == ["Aarhus Misbrugscenter", "Bostedet Århus"]
    assert page.presenter.state.facets == {} and page.field.text() == "aarhus"


def test_escape_clears_text_and_filters(qtbot: Any, page: SearchPage) -> None:
    page.field.setFocus()
    qtbot.keyClicks(page.field, "aeroe")
    page.facets.toggled.emit("region", "1083")
    assert names(page) == ["Ærø Ungdomskollegiet"]
    qtbot.keyClick(page.field, Qt.Key.Key_Escape)
    assert page.field.text() == ""
    assert page.presenter.state.text == "" and page.presenter.state.facets == {}
    assert len(names(page)) == 5


def test_ctrl_f_focuses_the_search_field(qtbot: Any, shell: Any, page: SearchPage) -> None:
    page.table.setFocus()
    assert not page.field.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.field.hasFocus()
    assert page.commands.find.shortcut() == QKeySequence("Ctrl+F")


def test_search_shortcuts_work_only_on_the_search_page(qtbot: Any, shell: Any, page: SearchPage) -> None:
    shell.window.show_page("oversigt")
    assert not page.commands.find.isEnabled() and not page.commands.save.isEnabled()
    assert not shell.window.menus["tilbud"].menuAction().isVisible()
    shell.window.show_page("soeg")
    assert page.commands.find.isEnabled()
    assert shell.window.menus["tilbud"].menuAction().isVisible()


def test_down_arrow_from_the_field_moves_into_the_results(qtbot: Any, page: SearchPage) -> None:
    page.field.setFocus()
    qtbot.keyClick(page.field, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.current_row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.current_row() == 1


def test_header_click_sorts_on_the_server_and_shows_the_indicator(qtbot: Any, page: SearchPage) -> None:
    header = page.table.horizontalHeader()
    column = page.model.column_of("takst")

    def click() -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click()
    assert (page.presenter.state.sort, page.presenter.state.descending) == ("takst", False)
    assert header.sortIndicatorSection() == column
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert names(page)[0] == "Aarhus Misbrugscenter"  # 1.539 kr. pr. dag, the cheapest
    click()
    assert page.presenter.state.descending
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click()  # third click: back to relevance, no arrow
    assert page.presenter.state.sort == "relevans"
    assert header.sortIndicatorSection() == -1
    assert "sorteret efter relevans" in page.summary.text()


def test_enter_opens_details_with_a_chart(qtbot: Any, page: SearchPage) -> None:
    select(page, "Bostedet Århus")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.details.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title.text() == "Bostedet Århus"
    panel = dialog.panels[0]
    assert panel.chart is not None and len(panel.chart.lines) == 1
    assert panel.chart.lines[0].count() == 3  # 2025, 2026, 2027
    takster = panel.findChild(QTableWidget, "taksterTable")
    assert takster is not None
    cells = [takster.item(0, c) for c in range(2, takster.columnCount())]
    assert all(c is not None and c.toolTip().startswith("Kilde: Test, data pr. 15.01.2026") for c in cells)
    assert [c.text() for c in cells if c is not None] == ["3.100,00", "3.187,00", "3.300,00"]


def test_double_click_opens_details_too(qtbot: Any, page: SearchPage) -> None:
    row = names(page).index("Køge Bo- og Aktivitetscenter")
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # the press
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.details.dialog
    assert dialog is not None and dialog.title.text() == "Køge Bo- og Aktivitetscenter"


def _add_favourite(qtbot: Any, page: SearchPage, tilbud: str, note: str) -> Any:
    select(page, tilbud)
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = page.lists.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list_name == "Favoritter"
    dialog.note.setPlainText(note)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog


def test_favourite_with_a_cpr_like_note_is_refused_and_nothing_stored(
    qtbot: Any, shell: Any, page: SearchPage
) -> None:
    dialog = _add_favourite(qtbot, page, "Zebra Huset", CPR_NOTE)
    box = page.lists.last_error
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "CPR-nummer" in box.text() and "Note" in box.informativeText()
    assert dialog.isVisible()  # the user can correct the note
    assert lists.list_shortlists(shell.store) == []  # not even an empty Favoritter
    assert not page.lists.stack.canUndo()
    box.close()
    dialog.note.setPlainText("Sag 2026-0412: ring til lederen")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    (favourites,) = lists.list_shortlists(shell.store)
    assert [e.note for e in favourites.entries] == ["Sag 2026-0412: ring til lederen"]
    assert page.sidebar.items("shortlist") == ["★ Favoritter (1)"]


def test_shortlist_shows_its_afdelinger_with_notes_and_undo_removes(
    qtbot: Any, shell: Any, page: SearchPage
) -> None:
    _add_favourite(qtbot, page, "Ærø Ungdomskollegiet", "Husk venteliste")
    assert page.sidebar.select("shortlist", lists.list_shortlists(shell.store)[0].id)
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_Return)
    assert page.mode == "shortlist" and names(page) == ["Ærø Ungdomskollegiet"]
    assert "Note: Husk venteliste" in page.model.data(page.model.index(0, 0), Qt.ItemDataRole.UserRole + 1)
    assert page.summary.text().startswith("Kortliste »Favoritter«: 1 afdeling")
    assert not page.facets.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the add
    assert names(page) == []
    assert lists.list_shortlists(shell.store)[0].entries == ()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # back to the search
    assert page.mode == "search" and len(names(page)) == 5 and page.facets.isVisible()


def test_save_search_then_run_it_from_the_sidebar(qtbot: Any, shell: Any, page: SearchPage) -> None:
    page.field.setText("aarhus")
    page.field.returnPressed.emit()
    page.facets.toggled.emit("paragraf", "SEL_107")
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = page.lists.name_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Hjerneskade i Aarhus")
    dialog.accept()
    (saved,) = lists.list_saved_searches(shell.store)
    assert (saved.query, saved.facets) == ("aarhus", (("paragraf", "SEL_107"),))
    page.clear()
    assert len(names(page)) == 5
    assert page.sidebar.select("search", saved.id)
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_Return)
    assert page.field.text() == "aarhus" and names(page) == ["Bostedet Århus"]


def test_delete_and_undo_restore_a_saved_search(qtbot: Any, shell: Any, page: SearchPage) -> None:
    saved = lists.save_search(shell.store, "Autisme", "autis", {"region": "1084"})
    page.reload_lists()
    assert page.sidebar.items("search") == ["Autisme"]
    assert page.sidebar.select("search", saved.id)
    page.sidebar.tree.setFocus()
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_Delete)
    assert lists.list_saved_searches(shell.store) == []
    assert page.sidebar.items("search") == []
    assert page.commands.undo.isEnabled() and "Slet »Autisme«" in page.commands.undo.text()
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lists.list_saved_searches(shell.store) == [saved]
    assert page.sidebar.items("search") == ["Autisme"]
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_Z, shift)  # redo
    assert lists.list_saved_searches(shell.store) == []


def test_f2_renames_a_shortlist_and_undo_gives_the_old_name(qtbot: Any, shell: Any, page: SearchPage) -> None:
    sl = lists.create_shortlist(shell.store, "Sag 1")
    page.reload_lists()
    assert page.sidebar.select("shortlist", sl.id)
    page.sidebar.tree.setFocus()
    qtbot.keyClick(page.sidebar.tree, Qt.Key.Key_F2)
    dialog = page.lists.name_dialog
    assert dialog is not None and dialog.textValue() == "Sag 1"
    dialog.setTextValue("Sag 2026-0412")
    dialog.accept()
    assert lists.get_shortlist(shell.store, sl.id).navn == "Sag 2026-0412"
    assert "Sag 2026-0412 (0)" in page.sidebar.items("shortlist")
    page.commands.undo.trigger()
    assert lists.get_shortlist(shell.store, sl.id).navn == "Sag 1"


def test_favourites_can_be_neither_renamed_nor_deleted(qtbot: Any, shell: Any, page: SearchPage) -> None:
    lists.favourites(shell.store)
    page.reload_lists()
    assert page.sidebar.select("shortlist", lists.list_shortlists(shell.store)[0].id)
    assert not page.commands.rename.isEnabled() and not page.commands.delete.isEnabled()


def test_export_writes_all_hits_with_provenance(
    qtbot: Any, shell: Any, page: SearchPage, tmp_path: Path
) -> None:
    chosen: list[str] = []

    def choose(parent: Any, suggested: str) -> str:
        chosen.append(suggested)
        return str(tmp_path / "udtraek.csv")

    page._choose_save_path = choose
    page.commands.export.trigger()
    assert Path(chosen[0]).name.startswith("tilbud-") and chosen[0].endswith(".xlsx")
    text = (tmp_path / "udtraek.csv").read_text(encoding="utf-8-sig")
    assert "Ærø Ungdomskollegiet" in text and "Zebra Huset" in text
    assert "udtraek.csv" in shell.window.statusBar().currentMessage()


def test_tab_order_is_field_facets_results_lists(page: SearchPage) -> None:
    wanted = [page.facets.tree, page.facets.clear_button, page.table, page.sidebar.tree]
    seen: list[Any] = []
    widget: Any = page.field
    for _ in range(40):
        widget = widget.nextInFocusChain()
        if widget in wanted and widget not in seen:
            seen.append(widget)
    assert seen == wanted
    for text in (page.facets.title.text(), page.sidebar.title.text(), page.results_label.text()):
        assert "&" in text  # Alt+letter reaches each part


def test_mnemonics_do_not_clash_with_the_menus(shell: Any, page: SearchPage) -> None:
    from rammedesk.gui.qt import QLabel, QPushButton

    def letter(text: str) -> str | None:
        i = text.replace("&&", "").find("&")
        return text.replace("&&", "")[i + 1].lower() if i >= 0 else None

    texts = [m.title() for m in shell.window.menus.values()]
    texts += [w.text() for w in page.findChildren(QLabel) + page.findChildren(QPushButton)]
    letters = [x for x in map(letter, texts) if x]
    assert len(letters) == len(set(letters)), sorted(letters)
    assert len(letters) >= 12


def test_did_you_mean_is_offered_and_enter_runs_it(qtbot: Any, page: SearchPage) -> None:
    assert page.did_you_mean.isHidden()
    page.field.setFocus()
    qtbot.keyClicks(page.field, "kollgie")
    qtbot.waitUntil(page.did_you_mean.isVisible, timeout=2000)
    assert page.did_you_mean.text() == "Mente du: kollegiet?"
    assert names(page) == ["Ærø Ungdomskollegiet"]
    assert page.model.hit(0).match == "typo"
    assert "<b>Kollegiet</b>" in page.model.data(page.model.index(0, 0), Qt.ItemDataRole.UserRole + 1)
    assert "lignende stavemåder" in page.summary.text()
    # Keyboard: Tab from the field reaches it, Enter searches the corrected query.
    qtbot.keyClick(page.field, Qt.Key.Key_Tab)
    assert page.did_you_mean.hasFocus()
    qtbot.keyClick(page.did_you_mean, Qt.Key.Key_Return)
    qtbot.waitUntil(page.did_you_mean.isHidden, timeout=2000)
    assert page.field.text() == "kollegiet" and page.field.hasFocus()
    assert names(page) == ["Ærø Ungdomskollegiet"] and page.model.hit(0).match == "exact"
    assert "lignende" not in page.summary.text()


def test_did_you_mean_runs_on_a_click(qtbot: Any, page: SearchPage) -> None:
    page.field.setText("hjerneskade aarhsu")
    page.field.returnPressed.emit()
    qtbot.waitUntil(page.did_you_mean.isVisible, timeout=2000)
    assert page.did_you_mean.text() == "Mente du: hjerneskade århus?"
    qtbot.mouseClick(page.did_you_mean, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.field.text() == "hjerneskade århus", timeout=2000)
    qtbot.waitUntil(lambda: names(page) == ["Bostedet Århus"], timeout=2000)
    assert page.did_you_mean.isHidden()
