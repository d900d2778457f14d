"""The import wizard on the real DbTaskRunner: jobs on the worker thread, results, progress and
cancel delivered to the GUI thread by queued signals (test_import_wizard.py walks the same
wizard on a SyncTaskRunner)."""

# ruff: noqa: PLR0917, F811  (pytest fixtures are positional arguments)

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rammedesk.gui.qt import QPushButton, Qt, QWidget
from rammedesk.gui.tasks import DbTaskRunner, TaskContext
from tests.data.make_corpus import make_big
from tests.gui.test_import_wizard import boxes, choose, open_wizard, parent, store, takster

__all__ = ["parent", "store"]

WAIT_MS = 20_000  # generous: the machine may be busy; waitUntil returns as soon as it holds


@pytest.fixture
def runner(qapp: Any) -> Iterator[DbTaskRunner]:
    bugs: list[BaseException] = []
    r = DbTaskRunner(on_unhandled=bugs.append)
    yield r
    r.shutdown()
    assert not bugs, bugs


def to_report(qtbot: Any, wizard: Any) -> None:
    """File, mapping and dry run, each step waiting for its job on the worker thread."""
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.p.mapping is not None and wizard.next_button.isEnabled(), timeout=WAIT_MS)
    qtbot.keyClicks(wizard.file_page.kommune_edit, "751")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.p.step == 1
    qtbot.waitUntil(lambda: bool(wizard.mapping_page.preview_model.rows), timeout=WAIT_MS)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Prøvekør
    qtbot.waitUntil(lambda: wizard.p.report is not None and not wizard.jobs.busy, timeout=WAIT_MS)
    assert wizard.p.step == 2


def record_progress(wizard: Any) -> list[tuple[int, int, str, bool]]:
    """(done, total, text, on the GUI thread) of every progress update the wizard receives."""
    seen: list[tuple[int, int, str, bool]] = []
    original = wizard.jobs._progress

    def progress(done: int, total: int, text: str) -> None:
        seen.append((done, total, text, threading.current_thread() is threading.main_thread()))
        original(done, total, text)

    wizard.jobs._progress = progress  # looked up when the next job is submitted
    return seen


def test_apply_on_the_worker_thread(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: DbTaskRunner,
) -> None:
    choose(monkeypatch, make_big(tmp_path / "takster 2024.xlsx", rows=1200))
    wizard = open_wizard(parent, runner, store)
    to_report(qtbot, wizard)
    before = takster(empty_db)
    assert wizard.p.report.dry_run and takster(empty_db) == before  # the dry run changed nothing
    seen = record_progress(wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Importér
    assert wizard.jobs.busy and not wizard.next_button.isEnabled()  # no second apply meanwhile
    qtbot.waitUntil(lambda: wizard.p.step == 3, timeout=WAIT_MS)
    assert wizard.jobs.dialog is None and not wizard.jobs.busy
    sheet_rows = 3 + 1200  # progress counts the sheet's rows: title, blank, header, data
    assert seen and all(on_gui for *_rest, on_gui in seen)
    assert seen[-1][:2] == (sheet_rows, sheet_rows)
    assert any(t.startswith("Matcher række") for _d, _t, t, _g in seen)
    assert len(takster(empty_db)) == len(before) + 2 * 1200 + 1200 // 20  # two years; new tilbud
    assert "import nr." in wizard.result_page.text.text()


def test_cancel_on_the_worker_thread_changes_nothing(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    empty_db: Path,
    store: Any,
    parent: QWidget,
    runner: DbTaskRunner,
) -> None:
    choose(monkeypatch, make_big(tmp_path / "takster 2024.xlsx", rows=1200))
    wizard = open_wizard(parent, runner, store)
    to_report(qtbot, wizard)
    before = takster(empty_db)
    # Hold the worker at its first progress report of the apply until »Annuller« is pressed,
    # so the cancel lands mid-apply whatever the machine's speed.
    reached, released = threading.Event(), threading.Event()
    original = TaskContext.progress

    def held(ctx: TaskContext, done: int, total: int, text: str = "") -> None:
        original(ctx, done, total, text)
        if threading.current_thread() is not threading.main_thread() and not released.is_set():
            reached.set()
            released.wait(WAIT_MS / 1000)

    monkeypatch.setattr(TaskContext, "progress", held)
    seen = record_progress(wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Importér
    qtbot.waitUntil(lambda: reached.is_set() and bool(seen), timeout=WAIT_MS)
    dialog = wizard.jobs.dialog
    assert dialog is not None and dialog.isVisible() and dialog.maximum() == 3 + 1200
    assert dialog.labelText().startswith("Matcher")  # the worker's progress reached the dialog
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # »Annuller«
    assert dialog.labelText().startswith("Afbryder")
    released.set()
    qtbot.waitUntil(lambda: bool(boxes(wizard, "cancelledMessage")), timeout=WAIT_MS)
    assert takster(empty_db) == before
    assert wizard.p.step == 2 and wizard.p.applied is None and not wizard.jobs.busy
    assert wizard.next_button.isEnabled()  # the user can try again
