"""Filer → Importér takstfil / Fortryd seneste import, and the window following the change."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.services.imports import import_takstfil
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)


def test_menu_opens_the_import_wizard(make_shell: Any, location: Any, qtbot: Any) -> None:
    from rammedesk.gui.dialogs.import_wizard import ImportWizard

    shell = make_shell()
    shell.start(location)
    assert shell.window.import_action.shortcut().toString() == "Ctrl+I"
    shell.window.import_action.trigger()
    wizards = shell.window.findChildren(ImportWizard)
    assert wizards and wizards[-1].isVisible()
    wizards[-1].reject()


def test_window_counts_follow_an_import(make_shell: Any, location: Any, corpus: Path) -> None:  # noqa: F811
    shell = make_shell()
    shell.start(location)
    assert shell.window.overview.cards["Tilbud"].value.text() == "0"
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx")
    import_takstfil(
        shell.store, parsed, source="Test", dry_run=False, default_kommune=751, as_of=date(2026, 11, 1)
    )
    shell.window.catalogue_changed.emit()
    assert shell.window.overview.cards["Tilbud"].value.text() == "2"
    assert shell.presenter.info is not None and shell.presenter.info.data_as_of == date(2026, 11, 1)
