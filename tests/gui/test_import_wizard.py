"""The takstfil import wizard, walked with buttons and keys on a SyncTaskRunner."""

# ruff: noqa: PLR0917, F811  (pytest fixtures are positional arguments)

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rammedesk.gui.qt import QMessageBox, QPushButton, Qt, QWidget
from rammedesk.gui.tasks import SyncTaskRunner, TaskRunner
from tests.catalogue_builder import open_test_store
from tests.data.make_corpus import make_big
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)


class Runner(SyncTaskRunner):
    """Bugs fail the test; ``on_first_progress`` plays the user pressing »Annuller«."""

    def __init__(self) -> None:
        super().__init__(on_unhandled=self._bug)
        self.bugs: list[BaseException] = []
        self.on_first_progress: Any = None

    def _bug(self, exc: BaseException) -> None:
        self.bugs.append(exc)

    def _deliver_progress(self, job: Any, done: int, total: int, text: str) -> None:
        super()._deliver_progress(job, done, total, text)
        hook, self.on_first_progress = self.on_first_progress, None
        if hook is not None:
            hook()


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    assert not r.bugs, r.bugs


@pytest.fixture
def store(empty_db: Path) -> Iterator[Any]:
    s = open_test_store(empty_db)
    yield s
    s.close()


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    w = QWidget()
    w.resize(1100, 750)
    qtbot.addWidget(w)
    return w


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    import rammedesk.gui.dialogs.import_wizard as wiz

    monkeypatch.setattr(wiz, "choose_open_file", lambda *a: str(path) if path else None)


def takster(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT * FROM takst ORDER BY id").fetchall()
            + conn.execute("SELECT id, navn FROM tilbud ORDER BY id").fetchall()
        )


def boxes(parent: QWidget, name: str) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.objectName() == name and b.isVisible()]


def open_wizard(parent: QWidget, runner: TaskRunner, store: Any, *, is_demo: bool = False) -> Any:
    from rammedesk.gui.dialogs.import_wizard import ImportWizard, open_import_wizard

    shown = open_import_wizard(parent, runner, store, is_demo=is_demo)
    assert isinstance(shown, ImportWizard)
    return shown


def to_report(qtbot: Any, wizard: Any, kommune: str = "751") -> None:
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.file_page.kommune_edit, kommune)
    qtbot.keyClick(wizard.file_page.kommune_edit, Qt.Key.Key_Return)  # the default button: Næste
    assert wizard.p.step == 1
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Prøvekør
    assert wizard.p.step == 2


def test_walk_preview_dry_run_and_apply(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    choose(monkeypatch, corpus / "years_side_by_side.xlsx")
    wizard = open_wizard(parent, runner, store)
    assert wizard.title.text().startswith("Trin 1") and not wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.source_edit.text() == "years side by side" and wizard.next_button.isEnabled()
    qtbot.keyClicks(wizard.file_page.kommune_edit, "751")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.title.text().startswith("Trin 2")
    page = wizard.mapping_page
    assert page.table.rowCount() == 6 and page.table.item(3, 1).text() == "Takst 2022"
    model = page.preview_model
    cells = [model.rows[r].cells for r in range(len(model.rows))]
    assert ("5", "Koglen", "Afd. Syd") == cells[0][:3]
    assert cells[0][5:9] == ("SEL § 107", "2022", "Samlet takst", "2.396,00 kr.")
    # Change a column: the preview follows (after a short pause) and the year box goes away.
    page.combo("D").setCurrentIndex(0)  # — bruges ikke —
    qtbot.waitUntil(lambda: all(r.cells[6] != "2022" for r in model.rows), timeout=3000)
    qtbot.waitUntil(lambda: page.table.cellWidget(3, 3) is None, timeout=3000)
    before = takster(empty_db)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.p.step == 2 and takster(empty_db) == before  # the dry run changed nothing
    report = wizard.report_page
    assert wizard.next_button.text() == f"&Importér {wizard.p.report.imported} takster"
    assert report.tabs.tabText(0) == "Æn&dringer (0)" and report.tabs.currentIndex() == 0
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.p.step == 3 and "import nr." in wizard.result_page.text.text()
    assert wizard.close_button.text() == "&Luk"
    from rammedesk.services.catalogue import SearchRequest, search

    assert search(store, SearchRequest(text="koglen")).total >= 1


def test_cancel_during_apply_changes_nothing(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,
) -> None:
    big = make_big(tmp_path / "stor takstfil 2024.xlsx", rows=1200)
    choose(monkeypatch, big)
    wizard = open_wizard(parent, runner, store)
    to_report(qtbot, wizard)
    before = takster(empty_db)

    def press_cancel() -> None:  # the user presses »Annuller« in the progress dialog
        qtbot.mouseClick(wizard.jobs.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    runner.on_first_progress = press_cancel
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert takster(empty_db) == before
    assert boxes(wizard, "cancelledMessage") and wizard.p.step == 2 and wizard.p.applied is None
    assert wizard.next_button.isEnabled() and wizard.jobs.dialog is None  # can try again


def test_rejected_rows_and_error_report(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    tmp_path: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    import rammedesk.gui.dialogs.import_files as files

    choose(monkeypatch, corpus / "bad_values.xlsx")
    wizard = open_wizard(parent, runner, store)
    to_report(qtbot, wizard)
    report = wizard.report_page
    assert report.rejected_model.rows and report.error_report_button.isEnabled()
    # No changed takster: the report opens on the rejected rows, the keyboard on the tabs.
    assert report.tabs.currentIndex() == 1 and wizard.focusWidget() is report.tabs.tabBar()
    target = tmp_path / "fejl.xlsx"
    monkeypatch.setattr(files, "choose_save_file", lambda *a: str(target))
    qtbot.mouseClick(report.error_report_button, Qt.MouseButton.LeftButton)
    assert target.exists() and boxes(wizard, "importMessage")


def test_bad_file_shows_the_place(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    choose(monkeypatch, corpus / "empty.xlsx")
    wizard = open_wizard(parent, runner, store)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    (box,) = boxes(wizard, "userErrorDialog")
    assert "empty.xlsx" in box.informativeText() and box.informativeText().startswith("Sted:")
    assert not wizard.next_button.isEnabled()


def test_demo_database_warns_first(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    demo_db: Path,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    from rammedesk.gui.dialogs.import_wizard import ImportWizard, run_import_wizard

    demo = open_test_store(demo_db)
    try:
        run_import_wizard(parent, runner, demo, is_demo=True)
        (box,) = boxes(parent, "demoImportWarning")
        assert "demodata" in box.text() and not parent.findChildren(ImportWizard)
        go = next(b for b in box.findChildren(QPushButton) if "alligevel" in b.text())
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
        (wizard,) = parent.findChildren(ImportWizard)
        choose(monkeypatch, corpus / "years_side_by_side.xlsx")
        to_report(qtbot, wizard)  # allow_demo: the dry run is not refused
        assert wizard.p.can_apply()
    finally:
        demo.close()


def test_undo_last_import_asks_then_undoes(
    qtbot: Any,
    corpus: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    from rammedesk.fileio.takstfil_reader import read_takstfil
    from rammedesk.gui.dialogs.import_wizard import undo_last_import_action
    from rammedesk.services.imports import import_takstfil

    before = takster(empty_db)
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx")
    import_takstfil(store, parsed, source="x", dry_run=False, default_kommune=751)
    undo_last_import_action(parent, runner, store)
    (confirm,) = boxes(parent, "undoImportConfirm")
    assert takster(empty_db) != before  # nothing happens before the user confirms
    go = next(b for b in confirm.findChildren(QPushButton) if "Fortryd" in b.text())
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    assert takster(empty_db) == before
    (done,) = boxes(parent, "importMessage")
    assert "fortrudt" in done.text()
    undo_last_import_action(parent, runner, store)  # nothing left to undo: a UserError box
    (confirm,) = boxes(parent, "undoImportConfirm")
    go = next(b for b in confirm.findChildren(QPushButton) if "Fortryd" in b.text())
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    assert boxes(parent, "userErrorDialog")


def preview_levels(wizard: Any) -> list[tuple[str, str]]:
    """(niveau, år) of each preview row, as shown."""
    return [(r.cells[4], r.cells[6]) for r in wizard.mapping_page.preview_model.rows]


def test_level_and_year_of_an_amount_column_by_keyboard(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    corpus: Path,
    store: Any,
    parent: QWidget,
    runner: Runner,  # noqa: F811
) -> None:
    choose(monkeypatch, corpus / "levels_side_by_side.xlsx")
    wizard = open_wizard(parent, runner, store)
    focused = wizard.focusWidget
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.file_page.kommune_edit, "751")
    qtbot.keyClick(wizard.file_page.kommune_edit, Qt.Key.Key_Return)
    page = wizard.mapping_page
    assert wizard.p.step == 1 and focused() is page.combo("A")  # the first box has the focus
    assert [page.table.horizontalHeaderItem(i).text() for i in (3, 4)] == ["År", "Niveau"]
    assert page.level_edit("A") is None and page.level_edit("E").text() == "Niveau 3"
    assert preview_levels(wizard) == [("Niveau 1", "2020"), ("Niveau 2", "2020"), ("Niveau 3", "2020")] * 2
    # Tab walks the boxes row by row: A, B, then C's content, year and niveau, … E's niveau.
    order = []
    for _ in range(10):
        order.append(focused().objectName())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    boxes_in_rows = [f"{kind}_{c}" for c in "CDE" for kind in ("field", "year", "level")]
    assert order == ["field_A", "field_B", *boxes_in_rows][:10]
    assert focused() is page.level_edit("E")
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "Særlig indsats")
    qtbot.waitUntil(lambda: preview_levels(wizard)[2] == ("Særlig indsats", "2020"), timeout=3000)
    # Clear C's niveau, give D the niveau "4" (shown as "Niveau 4" on leaving) and the year 2021.
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # year E
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # field E
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # level D
    assert focused() is page.level_edit("D")
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "4")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # year D
    assert page.level_edit("D").text() == "Niveau 4"
    qtbot.keyClicks(focused(), "2021")
    page.level_edit("C").clear()  # with the mouse: the clear goes through the same signal
    page.level_edit("C").textEdited.emit("")
    want = [("", "2020"), ("Niveau 4", "2021"), ("Særlig indsats", "2020")] * 2
    qtbot.waitUntil(lambda: preview_levels(wizard) == want, timeout=3000)
    mapping = wizard.p.mapping
    assert mapping.levels == {"D": "Niveau 4", "E": "Særlig indsats"} and mapping.years == {"D": 2021}
    # A year that is none: said under the preview; leaving the box puts the year back.
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert "Kolonne D" in page.preview_status.text() and wizard.p.mapping.years == {"D": 2021}
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert page.year_edit("D").text() == "2021"
    # The dry run uses the edited mapping.
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.p.step == 2
    read = [t for chunk in wizard.p.parsed.chunks() for t in chunk.takster]  # reads the file again
    niveauer = {(t.column, t.niveau, t.aar) for t in read}
    assert niveauer == {("C", None, 2020), ("D", "Niveau 4", 2021), ("E", "Særlig indsats", 2020)}
