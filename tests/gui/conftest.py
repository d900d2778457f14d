"""GUI tests: offscreen Qt, a private runtime dir, settings in a temporary file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

# Before Qt is imported (the top-level conftest sets these too; keep the GUI tests safe alone).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="rammedesk-qt-runtime-")  # mode 0700

import pytest

from rammedesk.config import DatabaseLocation, resolve_location
from rammedesk.services.database import DatabaseInfo
from rammedesk.storage.repositories import CatalogueCounts

GUI_DIR = Path(__file__).resolve().parent

# The offscreen platform cannot resize windows to their size hints or raise them, and says so
# as a Qt warning each time a dialog or window is shown; that is the platform, not RammeDesk.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints", "This plugin does not support raise")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp: Any) -> Iterator[Any]:
    """The application dressed as run_gui dresses it: fonts, style sheet, Danish Qt texts."""
    from rammedesk.gui.style import setup_application

    translators = setup_application(qapp)
    yield qapp
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def settings(qapp: Any, tmp_path: Path) -> Any:
    """QSettings in a temporary ini file: tests never touch the user's real settings."""
    from rammedesk.gui.qt import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def location(empty_db: Path) -> DatabaseLocation:
    return resolve_location(str(empty_db))


COUNTS = CatalogueCounts(
    regioner=5,
    kommuner=98,
    paragraffer=18,
    maalgrupper=29,
    driftsherrer=312,
    tilbud=1500,
    afdelinger=3000,
    ydelser=4100,
    takster=12455,
    pl_aar=8,
)


@pytest.fixture
def make_info() -> Callable[..., DatabaseInfo]:
    """A DatabaseInfo as describe() returns it; keyword arguments override fields."""

    base = DatabaseInfo(
        location="/data/rammedesk.sqlite3",
        is_default_location=True,
        dialect="sqlite",
        schema_version="0004",
        schema_head="0004",
        counts=COUNTS,
        data_as_of=date(2026, 11, 23),
        is_demo=True,
        has_real_data=False,
    )

    def make(**changes: Any) -> DatabaseInfo:
        return replace(base, **changes)

    return make


@pytest.fixture
def reporter(qapp: Any, tmp_path: Path) -> Any:
    from rammedesk.gui.dialogs.errors import ErrorReporter

    return ErrorReporter(tmp_path / "rammedesk.log")


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Any] = []

    def __call__(self, *args: Any) -> None:
        self.calls.append(args)


@pytest.fixture
def make_shell(qtbot: Any, settings: Any, reporter: Any) -> Iterator[Callable[..., Any]]:
    """A Shell on a SyncTaskRunner; ``choose_file`` answers the file dialog."""
    from rammedesk.gui.app import Shell
    from rammedesk.gui.tasks import SyncTaskRunner

    class RecordingShell(Shell):
        quits: Recorder

    shells: list[Any] = []

    def make(choose_file: Callable[[Any, str], str | None] = lambda parent, start: None) -> Any:
        quits = Recorder()
        shell = RecordingShell(
            runner=SyncTaskRunner(on_unhandled=reporter),
            settings=settings,
            reporter=reporter,
            log_path=reporter.log_path,
            choose_file=choose_file,
            quit_app=quits,
        )
        shell.quits = quits
        qtbot.addWidget(shell.window)
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        shell.shutdown()
