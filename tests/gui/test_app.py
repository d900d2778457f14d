"""The Shell controller: open, first start with demo data, cancel, errors, choose another."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rammedesk.config import DatabaseLocation, resolve_location
from rammedesk.errors import UserError
from rammedesk.gui.app import DEMO_INTRO, needs_first_start
from rammedesk.gui.dialogs.errors import BugDialog
from rammedesk.gui.qt import QMessageBox, QPushButton


def _button(box: QMessageBox, text: str) -> Any:
    matches = [b for b in box.buttons() if b.text().replace("&", "") == text]
    assert matches, [b.text() for b in box.buttons()]
    return matches[0]


def has_store(shell: Any) -> bool:
    return shell.store is not None


def default_location(path: Path) -> DatabaseLocation:
    return DatabaseLocation(f"sqlite:///{path}", path, is_default=True)


class FakeDemo:
    """Stands in for services.demo.install_demo: reference data only, with progress."""

    def __init__(self, during: Callable[[], None] | None = None) -> None:
        self.during = during
        self.calls: list[DatabaseLocation] = []

    def __call__(
        self, location: DatabaseLocation, *, progress: Any = None, cancel: Any = None, **kwargs: Any
    ) -> None:
        from rammedesk.services.database import init_database

        self.calls.append(location)
        progress(1, 4, "Opretter tilbud …")
        if self.during is not None:
            self.during()
        if cancel():
            raise RuntimeError("afbrudt")  # whatever the service raises when cancelled
        init_database(location, force=False)
        progress(4, 4, "Færdig")


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeDemo]:
    def install(during: Callable[[], None] | None = None) -> FakeDemo:
        fake = FakeDemo(during)
        module = types.ModuleType("rammedesk.services.demo")
        module.install_demo = fake  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "rammedesk.services.demo", module)
        return fake

    return install


def test_first_start_only_for_missing_default_database(tmp_path: Path, location: Any) -> None:
    assert needs_first_start(default_location(tmp_path / "new.sqlite3"))
    assert not needs_first_start(resolve_location(str(tmp_path / "new.sqlite3")))
    assert not needs_first_start(DatabaseLocation(location.url, location.path, is_default=True))


def test_opens_existing_database(make_shell: Any, location: Any) -> None:
    shell = make_shell()
    shell.start(location)
    assert shell.store is not None
    info = shell.presenter.info
    assert info is not None and not info.is_demo
    assert shell.window.windowTitle() == "RammeDesk — rammedesk.sqlite3"
    assert not shell.window.banner.isVisible()
    assert shell.window.status_database.text() == f"Database: {location.path}"
    assert shell.window.overview.cards["Kommuner"].value.text() == "98"
    assert shell.window.open_action.isEnabled()


def test_first_start_creates_demo_database_with_progress(
    make_shell: Any, fake_demo: Any, tmp_path: Path
) -> None:
    seen: list[tuple[int, str]] = []
    shell = make_shell()

    def during() -> None:
        dialog = shell.progress_dialog
        seen.append((dialog.value(), dialog.labelText()))

    fake = fake_demo(during)
    target = default_location(tmp_path / "data" / "rammedesk.sqlite3")
    shell.start(target)
    assert fake.calls == [target]
    assert seen == [(1, f"{DEMO_INTRO}\n\nOpretter tilbud …")]
    assert shell.progress_dialog is None  # closed when done
    assert shell.store is not None and target.path is not None and target.path.exists()


def test_first_start_cancelled_offers_empty_database(make_shell: Any, fake_demo: Any, tmp_path: Path) -> None:
    shell = make_shell()

    def press_cancel() -> None:
        button = shell.progress_dialog.findChild(QPushButton)
        assert button.text() == "Annuller"
        button.click()

    fake_demo(press_cancel)
    target = default_location(tmp_path / "rammedesk.sqlite3")
    shell.start(target)
    assert not has_store(shell)
    prompt = shell.prompt
    assert prompt is not None and "afbrudt" in prompt.text()
    _button(prompt, "Opret en tom database").click()
    assert has_store(shell)
    assert shell.presenter.info is not None and not shell.presenter.info.is_demo


def test_missing_database_offers_another_then_opens_it(
    make_shell: Any, location: Any, tmp_path: Path
) -> None:
    asked: list[str] = []

    def choose(parent: Any, start: str) -> str:
        asked.append(start)
        return str(location.path)

    shell = make_shell(choose_file=choose)
    missing = resolve_location(str(tmp_path / "findes-ikke.sqlite3"))
    shell.start(missing)
    prompt = shell.prompt
    assert prompt is not None
    assert "findes ikke" in prompt.text()
    assert str(missing.path) in prompt.informativeText()
    assert {b.text().replace("&", "") for b in prompt.buttons()} == {"Vælg en anden database…", "Afslut"}
    _button(prompt, "Vælg en anden database…").click()
    assert len(asked) == 1
    assert shell.store is not None and shell.location == location


def test_missing_database_quit(make_shell: Any, tmp_path: Path) -> None:
    shell = make_shell()
    shell.start(resolve_location(str(tmp_path / "findes-ikke.sqlite3")))
    _button(shell.prompt, "Afslut").click()
    assert shell.quits.calls == [(1,)]
    assert not shell.window.isVisible()


def test_open_error_keeps_current_database(make_shell: Any, location: Any, tmp_path: Path) -> None:
    bad = tmp_path / "regneark.sqlite3"
    bad.write_bytes(b"PK\x03\x04 not a database")
    shell = make_shell(choose_file=lambda parent, start: str(bad))
    shell.start(location)
    shell.window.open_database_requested.emit()
    dialog = shell.reporter.last_dialog
    assert isinstance(dialog, QMessageBox)
    assert "ikke en RammeDesk-database" in dialog.text()
    assert str(bad) in dialog.informativeText()
    assert shell.location == location and shell.store is not None


def test_bug_on_open_shows_details_then_the_way_on(
    make_shell: Any, location: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    from rammedesk.services import database

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("bug")

    monkeypatch.setattr(database, "open_store", broken)
    shell = make_shell()
    shell.start(location)
    dialog = shell.reporter.last_dialog
    assert isinstance(dialog, BugDialog)
    assert "KeyError" in dialog.details
    dialog.reject()
    assert shell.prompt is not None
    assert "fejl i programmet" in shell.prompt.text()


def test_user_error_dialog_has_message_and_place(reporter: Any) -> None:
    dialog = reporter.report(UserError("Filen er låst.", "takster.xlsx, ark Takster, række 12"))
    assert dialog.text() == "Filen er låst."
    assert dialog.informativeText() == "Sted: takster.xlsx, ark Takster, række 12"
    dialog.close()


def test_bug_dialog_copies_details_and_names_log_file(
    reporter: Any, qapp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise RuntimeError("noget uventet")
    except RuntimeError as exc:
        dialog = reporter.report(exc)
    assert isinstance(dialog, BugDialog)
    assert str(reporter.log_path) in dialog.log_label.text()
    assert "noget uventet" in caplog.text  # logged via log_bug
    assert dialog.copy_button.text().replace("&", "") == "Kopiér detaljer"
    dialog.copy_button.click()
    copied = qapp.clipboard().text()
    assert "RuntimeError: noget uventet" in copied and copied.startswith("RammeDesk ")
    dialog.close()


def test_excepthook_reports_bugs(make_shell: Any, location: Any) -> None:
    shell = make_shell()
    shell.start(location)
    try:
        raise ValueError("i en slot")
    except ValueError as exc:
        shell.excepthook(type(exc), exc, exc.__traceback__)
    assert isinstance(shell.reporter.last_dialog, BugDialog)
    assert "i en slot" in shell.reporter.last_dialog.details


def test_demo_database_shows_banner(make_shell: Any, request: pytest.FixtureRequest) -> None:
    pytest.importorskip("rammedesk.services.demo")
    demo_db: Path = request.getfixturevalue("demo_db")
    shell = make_shell()
    shell.start(resolve_location(str(demo_db)))
    assert shell.window.banner.isVisible()
    assert shell.window.windowTitle() == "RammeDesk — demo.sqlite3 (DEMODATA)"
    assert "fiktive" in shell.window.banner.plain_text()


@pytest.mark.slow
def test_first_start_cancel_with_real_demo_service_leaves_no_file(
    make_shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("rammedesk.services.demo")
    from rammedesk.gui.app import Shell

    shell = make_shell()
    original = Shell._demo_progress

    def progress_then_cancel(self: Any, done: int, total: int, text: str) -> None:
        original(self, done, total, text)
        if self.progress_dialog is not None:
            self.progress_dialog.findChild(QPushButton).click()

    monkeypatch.setattr(Shell, "_demo_progress", progress_then_cancel)
    target = default_location(tmp_path / "data" / "rammedesk.sqlite3")
    shell.start(target)
    assert target.path is not None and not target.path.exists()
    assert not has_store(shell)
    assert shell.prompt is not None and "afbrudt" in shell.prompt.text()
