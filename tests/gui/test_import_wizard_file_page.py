"""The wizard's first page: the sheet picker (hidden sheets marked), refused files and sheets, long paths."""

# ruff: noqa: PLR0917, F811  (pytest fixtures are positional arguments)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rammedesk.gui.qt import Qt, QWidget
from tests.data.hidden_sheets import hidden_first_sheet_xlsx
from tests.gui.test_import_wizard import Runner, boxes, choose, open_wizard, parent, runner, store  # noqa: F401
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)


def test_hidden_sheets_are_marked_and_can_be_chosen(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    choose(monkeypatch, hidden_first_sheet_xlsx(tmp_path / "takster.xlsx"))
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    combo = wizard.file_page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Takster 2024 (skjult)",
        "Takster 2025",
        "Opslag (skjult)",
    ]
    assert combo.currentText() == "Takster 2025" and wizard.p.sheet == "Takster 2025"
    assert not combo.isHidden()
    combo.setCurrentIndex(0)  # the user picks last year's hidden sheet
    assert wizard.p.sheet == "Takster 2024" and wizard.p.mapping.years == {"D": 2024}
    assert combo.currentText() == "Takster 2024 (skjult)"


def mixed_charset_csv(path: Path) -> Path:
    path.write_bytes(
        "Tilbud;Takst 2025 kr. pr. døgn\r\nKærgården;2100\r\n".encode() + "Søhuset;1950\r\n".encode("cp1252")
    )
    return path


def test_no_file_shows_no_empty_sheet_picker(parent: QWidget, runner: Runner, store: Any) -> None:
    wizard = open_wizard(parent, runner, store)
    assert wizard.file_page.sheet_combo.isHidden() and wizard.file_page.sheet_label.isHidden()


def test_a_refused_file_replaces_the_open_one_and_its_reason_stays_on_the_page(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    tmp_path: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    choose(monkeypatch, corpus / "two_row_header.xlsx")
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.next_button.isEnabled() and not wizard.file_page.sheet_combo.isHidden()
    choose(monkeypatch, mixed_charset_csv(tmp_path / "blandet.csv"))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    (box,) = boxes(wizard, "userErrorDialog")
    box.close()
    page = wizard.file_page
    assert page.path_label.text() == "Ingen fil valgt" and not wizard.next_button.isEnabled()
    assert page.sheet_combo.isHidden()  # the other file's sheets are gone
    assert page.status.text().startswith("Filen »blandet.csv« kan ikke læses ind: Filen er gemt som UTF-8")
    choose(monkeypatch, corpus / "two_row_header.xlsx")  # a file that opens clears the reason
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Kolonnerne er foreslået") and wizard.next_button.isEnabled()


def test_a_refused_sheet_puts_the_picker_back_on_the_sheet_in_force(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    choose(monkeypatch, corpus / "far_notes_sheet.xlsx")
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    combo = wizard.file_page.sheet_combo
    assert combo.currentText() == "Takster"
    combo.setCurrentIndex(combo.findData("Noter"))  # too large: refused
    for box in boxes(wizard, "userErrorDialog"):
        box.close()
    assert combo.currentText() == "Takster" and wizard.p.sheet == "Takster"
    assert wizard.file_page.status.text().endswith("Arket »Takster« er stadig valgt.")
    assert "Noter" in wizard.file_page.status.text() and wizard.next_button.isEnabled()


def test_a_long_path_is_shortened_in_the_middle_and_never_widens_the_wizard(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    tmp_path: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    import shutil

    folder = (
        tmp_path / ("Rammeaftale for det specialiserede socialområde og specialundervisning " * 3).strip()
    )
    folder.mkdir()
    path = folder / "Takstoversigt for tilbud på det specialiserede socialområde 2025 (endelig).xlsx"
    shutil.copy(corpus / "years_side_by_side.xlsx", path)
    choose(monkeypatch, path)
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    label = wizard.file_page.path_label
    assert label.toolTip() == str(path)
    assert wizard.minimumSizeHint().width() < 1280  # fits a laptop screen
    wizard.resize(1100, 750)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert "…" in label.text() and label.text().endswith("(endelig).xlsx")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_a_long_reason_has_a_tooltip_wrapped_into_lines(qtbot: Any) -> None:
    from rammedesk.gui.dialogs.import_tables import RowsModel
    from rammedesk.gui.qt import QTextDocument

    reason = (
        "Celle D3 indeholder Excel-fejlen #DIV/0! (i dansk Excel #DIVISION/0!: division med nul) fra "
        "formlen »=C3/0«, ikke en værdi. Ret formlen i regnearket, gem filen igen, og indlæs den igen."
    )
    model = RowsModel(("Række", "Hvad er galt"))
    model.set_rows([("3", reason), ("4", "Kort grund")])
    long_tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert long_tip.startswith("<p>")  # Qt wraps a rich-text tooltip; a plain one is one line
    doc = QTextDocument()
    doc.setHtml(long_tip)
    assert doc.toPlainText() == reason  # »…« and & shown as written
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "Kort grund"
    assert model.data(model.index(0, 1)) == reason


def test_enter_on_the_report_never_imports_alone(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    """The keyboard starts on the report's tabs; Enter there (one Enter too many after
    »Prøvekør«) must not apply the import the user has not read."""
    from tests.gui.test_import_wizard import to_report

    choose(monkeypatch, corpus / "years_side_by_side.xlsx")
    wizard = open_wizard(parent, runner, store)
    to_report(qtbot, wizard)
    tabs = wizard.report_page.tabs.tabBar()
    assert wizard.focusWidget() is tabs
    qtbot.keyClick(tabs, Qt.Key.Key_Return)
    qtbot.keyClick(tabs, Qt.Key.Key_Enter)
    assert wizard.p.step == 2 and wizard.p.applied is None
    wizard.next_button.setFocus()  # on the »Importér« button Enter presses it
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_Return)
    assert wizard.p.step == 3 and wizard.p.applied is not None


def test_a_column_header_has_its_whole_text_as_tooltip(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    long = "Takst 2025 i kr. pr. døgn inkl. moms, efter regulering for pris- og lønudvikling " * 2
    path = simple_xlsx(tmp_path / "t.xlsx", [["Tilbud", long.strip()], ["Egebo", 2000]])
    choose(monkeypatch, path)
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    wizard.next()
    table = wizard.mapping_page.table
    assert table.item(0, 1).toolTip() == "Tilbud"
    assert table.item(1, 1).toolTip() == f"<p>{long.strip()}</p>"  # wrapped into lines
