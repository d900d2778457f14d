"""»Scenarier«: create/rename/duplicate/delete, changes through the form, comparison with hand-
computed differences, and the exports through the shared report writers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rammedesk.domain.portfolio.model import Placement
from rammedesk.domain.vocab import Enhed
from rammedesk.gui.qt import Qt
from rammedesk.gui.tasks import SyncTaskRunner
from rammedesk.gui.views.portfolio_tab import PortfolioTab
from rammedesk.gui.views.scenario_tab import ScenarioTab
from rammedesk.services import portfolio as svc
from rammedesk.storage.store import Store
from tests.catalogue_builder import open_test_store
from tests.portfolio_builder import put_pl


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    put_pl(s)
    pid = svc.create_portfolio(s, "Budget 2027", "Favrskov")
    # 1.000 kr. a day all of 2027 (365 days): 365.000 kr.
    svc.add_placement(
        s, pid, Placement("A-1", Decimal(1000), Enhed.DOEGN, 2027, date(2027, 1, 1), paragraf="§ 108")
    )
    yield s
    s.close()


class Saves:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, _parent: Any, kind: str, suggested: str) -> str:
        return str(self.folder / suggested)


@pytest.fixture
def tab(qtbot: Any, store: Store, reporter: Any, tmp_path: Path) -> ScenarioTab:
    widget = ScenarioTab(
        SyncTaskRunner(on_unhandled=reporter), lambda: store, choose_save_report=Saves(tmp_path)
    )
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.database_changed()
    widget.first_year.setValue(2027)
    widget.years.setValue(1)
    return widget


def names(tab: ScenarioTab) -> list[str]:
    return [tab.list.item(i).text() for i in range(tab.list.count())]


def cells(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def add(tab: ScenarioTab, kind: str, **values: str) -> None:
    dialog = tab.open_change_dialog()
    assert dialog is not None
    dialog.set_kind(kind)
    for name, text in values.items():
        dialog.edits[name].setText(text)
    dialog.try_accept()
    assert not dialog.error.isVisible(), dialog.error.text()


def test_create_rename_duplicate_delete(tab: ScenarioTab, store: Store) -> None:
    tab.create_scenario("Takst +3 %")
    assert names(tab) == ["Takst +3 %"]
    tab.rename_scenario("Takst +3 % fra 2027")
    tab.duplicate_scenario()
    assert names(tab) == ["Kopi af Takst +3 % fra 2027", "Takst +3 % fra 2027"]
    tab.create_scenario("Takst +3 % fra 2027")  # taken: refused, nothing changes
    assert tab.last_error is not None and "findes allerede" in tab.last_error.text()
    tab.list.setCurrentRow(0)
    tab.delete_scenario()
    assert names(tab) == ["Takst +3 % fra 2027"]
    assert [s.navn for s in svc.list_scenarios(store, svc.list_portfolios(store)[0].id)] == names(tab)


def test_scenario_edits_undo_and_redo(qtbot: Any, tab: ScenarioTab, store: Store) -> None:
    pid = svc.list_portfolios(store)[0].id

    def stored() -> dict[str, list[Any]]:
        return {s.navn: s.document.get("aendringer", []) for s in svc.list_scenarios(store, pid)}

    tab.create_scenario("Takst +3 %")
    add(tab, "takst", pct="3")
    assert list(stored()) == ["Takst +3 %"] and len(stored()["Takst +3 %"]) == 1
    tab.delete_scenario()
    assert stored() == {} and names(tab) == []
    assert tab.undo_button.isEnabled() and "Slet scenarie" in tab.undo_button.toolTip()
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the deletion
    assert names(tab) == ["Takst +3 %"] and len(stored()["Takst +3 %"]) == 1  # back with its change
    tab.stack.undo()  # the added change
    assert stored() == {"Takst +3 %": []}
    tab.stack.undo()  # the creation
    assert stored() == {} and not tab.undo_button.isEnabled()
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(2):
        qtbot.keyClick(tab.list, Qt.Key.Key_Z, shift)
    assert len(stored()["Takst +3 %"]) == 1 and names(tab) == ["Takst +3 %"]


def test_comparison_shows_hand_computed_differences_per_year(tab: ScenarioTab, tmp_path: Path) -> None:
    tab.create_scenario("Takst +3 %")
    add(tab, "takst", pct="3")
    assert tab.changes.item(0).text() == "Takst +3 % (afrundet til øre pr. takst)."
    tab.create_scenario("+2 pladser § 108 fra juli")
    add(
        tab,
        "tilgang",
        navn="Nye pladser",
        antal="2",
        fra="07.2027",
        til="07.2027",
        takst="3.000",
        paragraf="§ 108",
    )
    for i in range(tab.list.count()):
        tab.list.item(i).setCheckState(Qt.CheckState.Checked)
    tab.compare()
    assert tab.result is not None, tab.summary.text()
    assert cells(tab.running, 0)[0:2] == ["2027", "365.000"]
    # the list is sorted by name: "+2 pladser …" first.
    # +2 pladser: 2 × 3.000 kr. × 184 days (1 July – 31 December) = 1.104.000 kr.
    # takst +3 %: 1.030 kr. × 365 days = 375.950 kr., 10.950 kr. more than the base.
    assert cells(tab.running, 0)[2:] == ["1.469.000", "+1.104.000", "375.950", "+10.950"]
    assert cells(tab.running, 1)[0] == "I alt"
    assert len(tab.chart.lines) == 3 and "Basis" in tab.chart.lines
    tab.export("xlsx")
    xlsx = tab.last_export
    assert xlsx is not None and xlsx.suffix == ".xlsx"
    wb = load_workbook(xlsx)
    first = wb[wb.sheetnames[0]]
    values = [c.value for row in first.iter_rows() for c in row]
    assert Decimal("10950") in [Decimal(str(v)) for v in values if isinstance(v, int | float)]
    tab.export("pdf")
    pdf = tab.last_export
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Favrskov" in text and "Side 1 af" in text and "10.950,00" in text


def test_a_bad_change_is_refused_in_danish(tab: ScenarioTab) -> None:
    tab.create_scenario("Forkert")
    dialog = tab.open_change_dialog()
    assert dialog is not None
    dialog.set_kind("tilgang")
    dialog.edits["antal"].setText("2")
    dialog.edits["fra"].setText("13.2027")
    dialog.try_accept()
    assert dialog.error.text() == "Fra måned: »13.2027« er ikke en måned; skriv fx 07.2027."
    tab.set_pl("2028 3")
    assert tab.last_error is not None and "år: sats" in tab.last_error.text()


def test_the_scenario_tab_follows_the_portfolio_tab(
    qtbot: Any, tab: ScenarioTab, store: Store, reporter: Any
) -> None:
    other = svc.create_portfolio(store, "Andet")
    portfolio = PortfolioTab(SyncTaskRunner(on_unhandled=reporter), lambda: store)
    qtbot.addWidget(portfolio)
    portfolio.portfolio_selected.connect(tab.select_portfolio)
    portfolio.database_changed()
    portfolio.chooser.setCurrentIndex(portfolio.chooser.findData(other))
    assert tab.portfolio_id == other
