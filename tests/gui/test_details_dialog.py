"""The details dialog: facts, the amber warning, one tab per afdeling, tables, chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rammedesk.config import resolve_location
from rammedesk.gui.qt import QTableWidget
from rammedesk.gui.views import search_details
from rammedesk.gui.views.details import DetailsDialog
from rammedesk.services import lists
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE


def open_page(make_shell: Any, path: Path) -> Any:
    shell = make_shell()
    shell.start(resolve_location(str(path)))
    shell.window.show_page("soeg")
    return shell


def test_demo_details_have_tabs_warning_and_chart(make_shell: Any, demo_db: Path) -> None:
    shell = open_page(make_shell, demo_db)
    page = shell.window.search_page
    hits = page.presenter.result.hits
    tilbud: dict[int, list[int]] = {}
    for hit in hits:
        tilbud.setdefault(hit.tilbud_id, []).append(hit.afdeling_id)
    tilbud_id, afdelinger = next((t, a) for t, a in tilbud.items() if len(a) > 1)
    dialog = page.open_details(tilbud_id, afdelinger[-1])
    assert isinstance(dialog, DetailsDialog) and dialog.isVisible()
    assert dialog.warning.isVisible() and "Demodata" in dialog.warning.text.text()
    assert dialog.tabs is not None and dialog.tabs.count() >= 2
    assert dialog.current_afdeling_id() == afdelinger[-1]  # the tab of the afdeling opened
    assert any(panel.chart is not None for panel in dialog.panels)
    assert dialog.view is not None and "Kilde" in dict(dialog.view.facts)
    assert all(p.findChild(QTableWidget, "belaegningTable") is not None for p in dialog.panels)


class _Later(date):
    @classmethod
    def today(cls) -> _Later:
        return cls(2028, 6, 1)


def test_old_data_warn_in_amber(make_shell: Any, empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_test_store(empty_db)
    ids = build(store, CATALOGUE)
    store.close()
    shell = open_page(make_shell, empty_db)
    monkeypatch.setattr(search_details, "date", _Later)
    page = shell.window.search_page
    hit = next(h for h in page.presenter.result.hits if h.afdeling_id == ids["Kollegiet"])
    dialog = page.open_details(hit.tilbud_id)
    assert dialog.warning.isVisible()
    assert "mere end et år gamle" in dialog.warning.text.text()
    assert dialog.tabs is None  # one afdeling: no tabs
    takster = dialog.panels[0].findChild(QTableWidget, "taksterTable")
    assert takster.item(0, takster.columnCount() - 1).text() == "Individuel pris"


def test_add_to_a_new_shortlist_from_details(qtbot: Any, make_shell: Any, empty_db: Path) -> None:
    store = open_test_store(empty_db)
    ids = build(store, CATALOGUE)
    store.close()
    shell = open_page(make_shell, empty_db)
    page = shell.window.search_page
    hit = next(h for h in page.presenter.result.hits if h.afdeling_id == ids["Zebra afd"])
    dialog = page.open_details(hit.tilbud_id)
    dialog.shortlist_button.click()
    add = page.lists.dialog
    assert add is not None and add.isVisible()
    add.list_box.setEditText("Sag 2026-0412")
    add.note.setPlainText("Spørg om ledig plads i marts")
    add.accept()
    (sl,) = lists.list_shortlists(shell.store)
    assert sl.navn == "Sag 2026-0412" and [e.afdeling_id for e in sl.entries] == [ids["Zebra afd"]]
    page.commands.undo.trigger()  # undo removes the list made for it
    assert lists.list_shortlists(shell.store) == []
    page.commands.redo.trigger()
    assert [s.navn for s in lists.list_shortlists(shell.store)] == ["Sag 2026-0412"]
