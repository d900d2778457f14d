"""Filer → Indstillinger…: the import limits edited with Danish values, checked as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rammedesk.config import resolve_location
from rammedesk.gui.qt import Qt
from rammedesk.gui.tasks import SyncTaskRunner


@pytest.fixture
def store(empty_db: Path) -> Iterator[Any]:
    from rammedesk.services.database import open_store

    opened = open_store(resolve_location(str(empty_db)))
    yield opened
    opened.close()


def _dialog(qtbot: Any, store: Any) -> Any:
    from rammedesk.gui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(SyncTaskRunner(), store)
    qtbot.addWidget(dialog)
    dialog.load()
    dialog.show()
    return dialog


def test_the_menu_opens_the_dialog_with_ctrl_comma(make_shell: Any, location: Any) -> None:
    shell = make_shell()
    shell.start(location)
    window = shell.window
    assert window.settings_action in window.menus["filer"].actions()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    assert window.settings_dialog.isVisible()
    assert window.settings_dialog.edits["max_rows"].text() == "200.000 rækker"
    window.settings_dialog.reject()


def test_typed_values_are_checked_and_saved_in_one_go(qtbot: Any, store: Any) -> None:
    from rammedesk.services.settings import import_limits

    dialog = _dialog(qtbot, store)
    rows = dialog.edits["max_rows"]
    rows.selectAll()
    qtbot.keyClicks(rows, "mange")
    assert not dialog.save_button.isEnabled()
    assert (
        dialog.errors["max_rows"].isVisible() and "»mange« er ikke et tal" in dialog.errors["max_rows"].text()
    )
    rows.selectAll()
    qtbot.keyClicks(rows, "300.000")
    size = dialog.edits["max_file_bytes"]
    size.selectAll()
    qtbot.keyClicks(size, "80 MB")
    assert dialog.save_button.isEnabled() and not dialog.errors["max_rows"].isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    limits = import_limits(store)
    assert (limits.max_rows, limits.max_file_bytes) == (300_000, 80_000_000)

    again = _dialog(qtbot, store)
    assert again.edits["max_file_bytes"].text() == "80 MB"
    qtbot.mouseClick(again.findChild(type(again.save_button), "restoreDefaults"), Qt.MouseButton.LeftButton)
    assert again.edits["max_rows"].text() == "200.000 rækker"
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert import_limits(store).max_rows == 200_000


def test_cancel_stores_nothing(qtbot: Any, store: Any) -> None:
    from rammedesk.services.settings import import_limits

    dialog = _dialog(qtbot, store)
    edit = dialog.edits["max_cell_chars"]
    edit.selectAll()
    qtbot.keyClicks(edit, "5000")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and import_limits(store).max_cell_chars == 2_000
