"""The »Udgifter« page: calculator driven by the keyboard, P/L dialog undo, business case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rammedesk.config import resolve_location
from rammedesk.domain.costs.pl import PLRate
from rammedesk.gui.qt import QDialog, Qt
from rammedesk.gui.tasks import SyncTaskRunner
from rammedesk.gui.views.costs_page import CostsPage
from rammedesk.presenters.shell import JOBS


@pytest.fixture
def store(empty_db: Path) -> Iterator[Any]:
    from rammedesk.services.database import open_store

    opened = open_store(resolve_location(str(empty_db)))
    yield opened
    opened.close()


@pytest.fixture
def saved_paths(tmp_path: Path) -> list[str]:
    return []


@pytest.fixture
def page(qtbot: Any, store: Any, tmp_path: Path, saved_paths: list[str]) -> CostsPage:
    def choose(_parent: Any, suggested: str, _filter: str) -> str:
        path = str(tmp_path / Path(suggested).name)
        saved_paths.append(path)
        return path

    udgifter = next(p for p in JOBS if p.key == "udgifter")
    view = CostsPage(udgifter, SyncTaskRunner(), lambda: store, lambda: None, choose_save_path=choose)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    view.activateWindow()
    view.database_changed()
    return view


def _type_date(qtbot: Any, edit: Any, text: str) -> None:
    """Type a date as a keyboard user does after tabbing in (the day section is selected):
    the digits fill day, month and year."""
    edit.setFocus()
    edit.setSelectedSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, text.replace(".", ""))


def test_calculator_by_keyboard_c01(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    calc.takst.setFocus()
    qtbot.keyClicks(calc.takst, "2.500,00")
    qtbot.keyClick(calc.takst, Qt.Key.Key_Tab)
    assert calc.unit.hasFocus()
    _type_date(qtbot, calc.start, "15.03.2027")
    _type_date(qtbot, calc.end, "31.12.2027")
    assert calc.end.date().toString("dd.MM.yyyy") == "31.12.2027"
    qtbot.keyClick(calc.end, Qt.Key.Key_Return)
    assert calc.total.text() == "730.000,00 kr."
    assert calc.days.text().startswith("292 dage betalt")
    assert calc.years.texts() == [["2027", "292", "730.000,00"], ["I alt", "292", "730.000,00"]]
    assert calc.months.texts()[0] == ["Marts 2027", "17", "42.500,00"]
    cell = calc.months.item(0, 2)
    assert cell is not None and cell.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert "Både indskrivnings- og udskrivningsdag betales." in calc.assumptions.text()


def test_typing_recomputes_after_a_pause(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    calc.start.setDate(calc.start.date().fromString("01.01.2027", "dd.MM.yyyy"))
    calc.end.setDate(calc.end.date().fromString("31.01.2027", "dd.MM.yyyy"))
    calc.takst.setFocus()
    qtbot.keyClicks(calc.takst, "100")
    qtbot.waitUntil(lambda: calc.total.text() == "3.100,00 kr.", timeout=2000)


def test_open_end_shows_the_horizon(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    calc.takst.setText("100")
    _type_date(qtbot, calc.start, "15.03.2027")
    calc.open_end.setFocus()
    qtbot.keyClick(calc.open_end, Qt.Key.Key_Space)
    qtbot.keyClick(calc.open_end, Qt.Key.Key_Return)
    assert calc.horizon.isEnabled() and not calc.end.isEnabled()
    assert calc.horizon_text.text() == "Uden slutdato regnes forløbet til 31.12.2028."
    assert calc.total.text() == "65.800,00 kr."


def test_bad_input_gets_an_inline_danish_message(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    calc.takst.setFocus()
    qtbot.keyClicks(calc.takst, "to tusind")
    qtbot.keyClicks(calc.sagsnr, "010190-1234")
    qtbot.keyClick(calc.sagsnr, Qt.Key.Key_Return)
    assert calc.total.text() == "–"
    assert calc.fields["takst"].message.isVisible()
    assert "ikke et beløb" in calc.fields["takst"].message.text()
    assert "CPR" in calc.fields["sagsnr"].message.text()
    assert "(Takst, Sagsnummer)" in calc.placeholder.text()
    assert not calc.save_xlsx.isEnabled()


def test_missing_pl_year_is_named(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    calc.takst.setText("2500")
    calc.pl_to.setText("2030")
    calc.compute()
    assert "mangler en sats for" in calc.fields["pl_to"].message.text()


def test_save_calculation_as_xlsx(qtbot: Any, page: CostsPage, saved_paths: list[str]) -> None:
    calc = page.calculator
    page.kommune.setCurrentIndex(page.kommune.findData("Ærø Kommune"))
    calc.takst.setText("2.500,00")
    _type_date(qtbot, calc.start, "15.03.2027")
    _type_date(qtbot, calc.end, "31.12.2027")
    calc.compute()
    qtbot.mouseClick(calc.save_xlsx, Qt.MouseButton.LeftButton)
    wb = load_workbook(saved_paths[-1])
    values = [c for row in wb["Pr. år"].iter_rows(values_only=True) for c in row if c is not None]
    assert values.count(730000) == 2  # the year and the total
    info = [c for row in wb["Forudsætninger"].iter_rows(values_only=True) for c in row if c is not None]
    assert "Ærø Kommune" in info


def test_pl_dialog_edit_undo_redo_save(qtbot: Any, page: CostsPage, store: Any) -> None:
    from rammedesk.services.costs import list_pl
    from rammedesk.services.pl_edit import save_pl_table

    save_pl_table(store, [PLRate(2028, Decimal(3), "KL")])
    dialog = page.open_pl_dialog()
    assert dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(1, 0).text() == "2029"
    dialog.table.item(1, 1).setText("2,5")
    assert dialog.presenter.rows[1] == ["2029", "2,5", ""]
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(1, 1).text() == ""
    assert "Række 2, Sats (%)" in dialog.messages.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the new row
    assert dialog.table.rowCount() == 1
    dialog.undo_stack.redo()
    dialog.undo_stack.redo()
    assert dialog.presenter.rows[1] == ["2029", "2,5", ""]
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [(s.rate.year, s.rate.rate_pct) for s in list_pl(store)] == [(2028, 3), (2029, Decimal("2.5"))]
    assert page.calculator.presenter.pl_table is not None
    assert page.calculator.presenter.pl_table.years == [2028, 2029]


def test_pl_dialog_refuses_bad_rows(qtbot: Any, page: CostsPage, store: Any) -> None:
    from rammedesk.services.costs import list_pl

    dialog = page.open_pl_dialog()
    dialog.add_row()
    dialog.table.item(0, 0).setText("1800")
    dialog.table.item(0, 1).setText("abc")
    dialog.save()
    assert dialog.isVisible()
    assert "Række 1, År" in dialog.messages.text()
    assert list_pl(store) == []


def test_business_case_c07(qtbot: Any, page: CostsPage, store: Any, tmp_path: Path) -> None:
    from rammedesk.services.costs import import_population_file

    population = tmp_path / "befolkning.csv"
    population.write_text("kommunekode;år;indbyggere\n101;2027;100000\n147;2027;50000\n151;2027;50000\n")
    import_population_file(store, population)
    bc = page.business_case
    page.tabs.setCurrentWidget(bc)
    bc.places.setFocus()
    qtbot.keyClicks(bc.places, "10")
    qtbot.keyClicks(bc.takst, "3.000")
    qtbot.keyClicks(bc.first_year, "2027")
    for edit, text in zip(bc.occupancy, ("60", "80", "90"), strict=True):
        qtbot.keyClicks(edit, text)
    bc.chosen_kommuner.setChecked(True)
    for i in range(bc.kommuner.count()):
        item = bc.kommuner.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in (101, 147, 151):
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(bc.occupancy[2], Qt.Key.Key_Return)
    headers = [bc.years.horizontalHeaderItem(c).text() for c in range(4)]  # type: ignore[union-attr]
    assert headers == ["", "År 1 (2027)", "År 2 (2028)", "År 3 (2029)"]
    assert bc.years.texts() == [
        ["Budget", "10.950.000,00", "10.950.000,00", "10.950.000,00"],
        ["Takstindtægt", "6.570.000,00", "8.760.000,00", "9.855.000,00"],
        ["Underskud", "4.380.000,00", "2.190.000,00", "1.095.000,00"],
        ["Dækning %", "75 %", "50 %", "25 %"],
        ["Dækning", "3.285.000,00", "1.095.000,00", "273.750,00"],
    ]
    shares = {row[0]: row[1] for row in bc.shares.texts()}
    assert shares == {"Ballerup": "821.250,00", "Frederiksberg": "821.250,00", "København": "1.642.500,00"}
    assert "Befolkningstal for 2027" in bc.sharing_note.text()


def test_business_case_without_population_says_so(qtbot: Any, page: CostsPage) -> None:
    bc = page.business_case
    bc.places.setText("10")
    bc.takst.setText("3000")
    bc.occupancy[0].setText("60")
    bc.cover[0].setText("90")
    bc.compute()
    assert "ingen befolkningstal" in bc.sharing_note.text()
    assert "rammedesk population import" in bc.sharing_note.text()
    assert "75 %" in bc.fields["cover0"].message.text()
    assert bc.years.texts()[3:] == [["Dækning %", "75 %"], ["Dækning", "3.285.000,00"]]


def test_extra_tabs_can_be_added(page: CostsPage) -> None:
    from rammedesk.gui.qt import QLabel

    index = page.add_tab(QLabel("x"), "Portefølje")
    assert page.tabs.tabText(index) == "Portefølje"
    assert page.tabs.count() == 5  # calculator, portfolio, scenarios, new places + this one


def test_today_is_not_used_in_results(page: CostsPage) -> None:
    assert page.calculator.start.date().year() == date.today().year + 1


def test_takst_from_the_catalogue_fills_the_fields(qtbot: Any, demo_db: Path) -> None:
    from rammedesk.services.database import open_store

    demo = open_store(resolve_location(str(demo_db)))
    try:
        udgifter = next(p for p in JOBS if p.key == "udgifter")
        view = CostsPage(udgifter, SyncTaskRunner(), lambda: demo, lambda: None)
        qtbot.addWidget(view)
        calc = view.calculator
        calc.search.setFocus()
        qtbot.keyClicks(calc.search, "a")
        qtbot.keyClick(calc.search, Qt.Key.Key_Return)
        assert calc.hits.count() > 0
        chosen = None
        for row in range(calc.hits.count()):  # the first afdeling with a usable takst
            calc.hits.setCurrentRow(row)
            if calc.takst_choice.count():
                chosen = calc.takst_choice.itemData(0)
                break
        assert chosen is not None
        assert calc.takst.text() == calc.presenter.form.takst != ""
        assert calc.takst_year.text() == str(chosen.aar)
        assert calc.unit.currentData() == chosen.enhed
        assert calc.chosen.text() == f"Valgt: {chosen.label}"
        assert calc.total.text().endswith(" kr.")
        qtbot.keyClicks(calc.takst, "0")  # typing over the catalogue takst drops the choice
        assert calc.presenter.chosen is None
    finally:
        demo.close()


def test_rediger_menu_opens_the_pl_dialog(make_shell: Any, location: Any) -> None:
    shell = make_shell()
    shell.start(location)
    window = shell.window
    assert window.pl_action in window.menus["rediger"].actions()
    window.pl_action.trigger()
    dialog = window.costs_page.pl_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "P/L-tabel – RammeDesk"
    dialog.close()


def test_pl_dialog_imports_a_file_and_refuses_a_bad_one(qtbot: Any, store: Any, tmp_path: Path) -> None:
    from rammedesk.gui.dialogs.pl_table import PLTableDialog
    from rammedesk.services.costs import list_pl

    good = tmp_path / "pl.csv"
    good.write_text("år;sats;kilde\n2028;3,0;KL <skøn>\n2029;2,5;KL\n", encoding="utf-8")
    bad = tmp_path / "pl-fejl.csv"
    bad.write_text("år;sats;kilde\n2030;mange;KL\n", encoding="utf-8")
    chosen = [str(good), str(bad)]
    dialog = PLTableDialog(SyncTaskRunner(), store, choose_file=lambda _parent: chosen.pop(0))
    qtbot.addWidget(dialog)
    saved: list[Any] = []
    dialog.saved.connect(saved.append)
    dialog.load()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.presenter.rows == [["2028", "3", "KL <skøn>"], ["2029", "2,5", "KL"]]
    assert saved and saved[-1].years == [2028, 2029]
    dialog.show()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "pl-fejl.csv" in dialog.messages.text()
    assert [s.rate.year for s in list_pl(store)] == [2028, 2029]


def test_a_fresh_page_asks_calmly_for_a_takst(qtbot: Any, page: CostsPage) -> None:
    calc = page.calculator
    assert not any(field.message.isVisible() for field in calc.fields.values())
    assert calc.placeholder.text().startswith("Skriv en takst")
    calc.compute()  # Enter with an empty takst: now it is an error
    assert calc.fields["takst"].message.text() == "Skriv et beløb, fx 2.500,00."


def test_the_report_kommune_is_remembered(qtbot: Any, settings: Any) -> None:
    udgifter = next(p for p in JOBS if p.key == "udgifter")
    first = CostsPage(udgifter, SyncTaskRunner(), lambda: None, lambda: None, settings=settings)
    qtbot.addWidget(first)
    first.kommune.setCurrentIndex(first.kommune.findData("Gentofte Kommune"))
    second = CostsPage(udgifter, SyncTaskRunner(), lambda: None, lambda: None, settings=settings)
    qtbot.addWidget(second)
    assert second.municipality() == "Gentofte Kommune"


def test_pl_import_into_a_demo_database_asks_first(qtbot: Any, demo_db: Path, tmp_path: Path) -> None:
    from rammedesk.gui.dialogs.pl_table import PLTableDialog
    from rammedesk.gui.qt import QMessageBox, QPushButton
    from rammedesk.services.costs import list_pl
    from tests.catalogue_builder import open_test_store

    good = tmp_path / "pl.csv"
    good.write_text("år;sats;kilde\n2041;3,0;KL\n", encoding="utf-8")
    demo = open_test_store(demo_db)
    try:
        before = [s.rate for s in list_pl(demo)]
        dialog = PLTableDialog(SyncTaskRunner(), demo, choose_file=lambda _p: str(good), is_demo=True)
        qtbot.addWidget(dialog)
        dialog.load()
        dialog.show()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        box = dialog.findChild(QMessageBox, "demoImportWarning")
        assert box is not None and "demodata" in box.text()
        assert [s.rate for s in list_pl(demo)] == before  # nothing yet
        go = next(b for b in box.findChildren(QPushButton) if "alligevel" in b.text())
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
        assert 2041 in [s.rate.year for s in list_pl(demo)]
        qtbot.waitUntil(lambda: not dialog.findChildren(QMessageBox))  # the answered question is gone
    finally:
        demo.close()
