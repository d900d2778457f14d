"""The import wizard's »Tvetydige rækker« tab: the user chooses the tilbud, by keyboard only."""

# ruff: noqa: PLR0917, F811  (pytest fixtures are positional arguments)

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.gui.qt import QComboBox, QRect, QSize, Qt, QWidget
from tests.data.xlsx_builder import simple_xlsx
from tests.gui.test_import_wizard import Runner, choose, open_wizard, parent, runner, store

__all__ = ["parent", "runner", "store"]

WAIT_MS = 5000


def stored(db: Path) -> dict[tuple[str, int], Decimal]:
    """(tilbud, kommune) → its 2025 takst in kroner (stored in øre)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT t.navn, t.kommune_kode, k.beloeb FROM takst k JOIN ydelse y ON y.id = k.ydelse_id "
            "JOIN afdeling a ON a.id = y.afdeling_id JOIN tilbud t ON t.id = a.tilbud_id "
            "WHERE k.aar = 2025"
        ).fetchall()
    return {(navn, kode): Decimal(beloeb) / 100 for navn, kode, beloeb in rows}


@pytest.fixture
def two_solsikken(tmp_path: Path, empty_db: Path, store: Any) -> Path:
    """Two tilbud »Solsikken« (Aarhus and Odense) and a »Koglen«; returns a file naming no kommune."""
    from rammedesk.fileio.takstfil_reader import read_takstfil
    from rammedesk.services.imports import import_takstfil

    setup = simple_xlsx(
        tmp_path / "med kommune.xlsx",
        [
            ["Tilbud", "Kommune", "Takst 2025", "Enhed"],
            ["Solsikken", "751", 3000, "døgn"],
            ["Solsikken", "461", 3100, "døgn"],
            ["Koglen", "751", 2000, "døgn"],
        ],
    )
    import_takstfil(store, read_takstfil(setup), source="opsætning", dry_run=False)
    assert stored(empty_db) == {
        ("Solsikken", 751): Decimal(3000),
        ("Solsikken", 461): Decimal(3100),
        ("Koglen", 751): Decimal(2000),
    }
    return simple_xlsx(
        tmp_path / "uden kommune.xlsx",
        [
            ["Tilbud", "Takst 2025", "Enhed"],
            ["Koglen", 2100, "døgn"],
            ["SOLSIKKEN", 3333, "døgn"],  # written otherwise: still the name of both
        ],
    )


def test_choose_the_tilbud_of_an_ambiguous_name_by_keyboard(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    two_solsikken: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    choose(monkeypatch, two_solsikken)
    wizard = open_wizard(parent, runner, store)
    focused = wizard.focusWidget
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(wizard.file_page.kommune_edit, Qt.Key.Key_Return)  # no kommune: Næste
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # from the first column's box: Prøvekør
    assert wizard.p.step == 2
    report = wizard.report_page
    panel = report.choices
    assert report.tabs.tabText(2) == "T&vetydige rækker (1)"  # Alt+V
    assert wizard.p.report.changed_takster == 1 and report.tabs.currentIndex() == 0  # Koglen only
    # From the tabs (where the keyboard starts) to the tab, then Tab to the name's box.
    assert focused() is report.tabs.tabBar()
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    assert report.tabs.currentIndex() == 2
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    box = focused()
    assert isinstance(box, QComboBox) and box is panel.box("solsikken")
    assert panel.open_title.buddy() is box and panel.open_title.text().count("&") == 1  # Alt+R
    table = panel.open_table
    assert [table.item(0, c).text() for c in (0, 2)] == ["SOLSIKKEN", "1 række: 3"]
    assert box.currentText() == "Spring over (importeres ikke)" and box.count() == 3
    assert "passer på 2 tilbud" in box.toolTip()
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels[1].startswith("Solsikken, Aarhus (tilbud ") and labels[2].startswith("Solsikken, Odense")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter in the box never imports
    assert wizard.p.applied is None and wizard.p.step == 2
    # Arrow keys walk the candidates; the dry run runs again once the user stops, with Odense.
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert not wizard.next_button.isEnabled()  # not before the dry run shows the choice
    qtbot.waitUntil(lambda: not wizard.p.report.ambiguous and wizard.p.pending is None, timeout=WAIT_MS)
    assert report.tabs.tabText(2) == "T&vetydige rækker (0)" and report.tabs.currentIndex() == 2
    assert table.isHidden() and panel.chosen_table.rowCount() == 1
    decided = focused()  # the keyboard stays with the name, now among the decided ones
    assert decided is panel.box("solsikken") and decided.currentText().startswith("Solsikken, Odense")
    assert panel.chosen_title.buddy() is decided  # Alt+B
    assert wizard.p.report.changed_takster == 2
    diff = {(r.cells[1], r.cells[7], r.cells[8]) for r in report.diff_model.rows}
    assert diff == {("Koglen", "2.000,00 kr.", "2.100,00 kr."), ("Solsikken", "3.100,00 kr.", "3.333,00 kr.")}
    assert dict(wizard.p.counts())["Rækker med dit valg af tilbud"] == "1"
    assert wizard.next_button.isEnabled() and wizard.next_button.text() == "&Importér 2 takster"
    for _ in range(6):  # Tab on to the import button, then Space
        if focused() is wizard.next_button:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is wizard.next_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    applied: Any = wizard.p.applied  # (mypy narrowed it to None above)
    assert wizard.p.step == 3 and applied.changed_takster == 2
    assert stored(empty_db) == {
        ("Solsikken", 751): Decimal(3000),  # the other Solsikken is untouched
        ("Solsikken", 461): Decimal(3333),
        ("Koglen", 751): Decimal(2100),
    }


def test_a_choice_is_undone_with_spring_over_and_kept_going_back(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    two_solsikken: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    choose(monkeypatch, two_solsikken)
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    panel = wizard.report_page.choices
    box = panel.box("solsikken")
    aarhus = box.itemData(1)
    box.setCurrentIndex(1)  # Aarhus, with the mouse
    box.activated.emit(1)
    wizard.rerun_with_choices()  # without waiting for the pause
    assert not wizard.p.report.ambiguous and wizard.p.report_resolved == {"SOLSIKKEN": aarhus}
    # Back to the mapping and on again: the same file and mapping keep the choice.
    wizard.back()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.p.step == 2 and not wizard.p.report.ambiguous
    assert panel.box("solsikken") is panel.chosen_table.boxes["solsikken"]
    # »Spring over« undoes it: the row is ambiguous again and is not imported.
    box = panel.box("solsikken")
    box.setCurrentIndex(0)
    box.activated.emit(0)
    wizard.rerun_with_choices()
    assert len(wizard.p.report.ambiguous) == 1
    assert panel.box("solsikken") is panel.open_table.boxes["solsikken"]
    # A changed mapping drops the choices.
    panel.box("solsikken").activated.emit(2)
    wizard.rerun_with_choices()
    assert wizard.p.report_resolved
    wizard.back()
    year = wizard.mapping_page.year_edit("B")  # the takst year of column B: 2026
    year.setText("2026")
    year.textEdited.emit("2026")
    assert wizard.p.dry_run_resolved() == {}
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert len(wizard.p.report.ambiguous) == 1
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # apply: Koglen 2026 only
    assert wizard.p.applied.new_takster == 1 and stored(empty_db)[("Solsikken", 461)] == Decimal(3100)


def test_the_wizard_fits_the_screen() -> None:
    from rammedesk.gui.dialogs.import_wizard import WIZARD_SIZE, initial_size

    laptop = QRect(0, 0, 1280, 760)  # 1280×800 less a task bar
    assert initial_size(WIZARD_SIZE, laptop) == QSize(1100, 720)
    assert initial_size(WIZARD_SIZE, QRect(0, 0, 1920, 1040)) == WIZARD_SIZE
    assert initial_size(WIZARD_SIZE, None) == WIZARD_SIZE
