"""The wizard's sheet picker: hidden sheets marked, never the first choice, still choosable."""

# ruff: noqa: PLR0917, F811  (pytest fixtures are positional arguments)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rammedesk.gui.qt import Qt, QWidget
from tests.data.hidden_sheets import hidden_first_sheet_xlsx
from tests.gui.test_import_wizard import Runner, choose, open_wizard, parent, runner, store  # noqa: F401


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
