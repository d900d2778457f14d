"""Start-up: no heavy imports before the window shows; run_gui end to end in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HEAVY = ("openpyxl", "reportlab", "python_calamine")


def _run(
    code: str, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_gui_modules_do_not_import_heavy_libraries() -> None:
    result = _run(
        """
        import json, sys
        import rammedesk.gui.app, rammedesk.gui.main_window
        heavy = set(sys.argv[1:])
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
        """,
        *HEAVY,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.slow
def test_run_gui_opens_database_and_quits(empty_db: Path) -> None:
    result = _run(
        f"""
        import sys
        from rammedesk.config import resolve_location
        from rammedesk.gui.app import run_gui
        from rammedesk.gui.qt import QApplication, QMainWindow, QTimer

        app = QApplication([])
        seen = []

        def close():
            windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
            if not windows or windows[0].windowTitle() == "RammeDesk":
                QTimer.singleShot(50, close)  # the worker is still opening the database
                return
            seen.append(windows[0].windowTitle())
            windows[0].close()

        QTimer.singleShot(100, close)
        code = run_gui(resolve_location({str(empty_db)!r}), [])
        print(seen[0] if seen else "no window")
        sys.exit(code)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "RammeDesk — rammedesk.sqlite3"


CLOSE_WHEN_OPEN = """
import sys
from rammedesk.config import resolve_location
from rammedesk.gui.app import run_gui
from rammedesk.gui.qt import QApplication, QMainWindow, QTimer

app = QApplication([])
seen = []

def close():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
    if not windows or windows[0].windowTitle() == "RammeDesk":
        QTimer.singleShot(50, close)
        return
    seen.append(windows[0].windowTitle())
    windows[0].close()

QTimer.singleShot(100, close)
code = run_gui(resolve_location(None), [])
print(seen[0] if seen else "no window")
sys.exit(code)
"""


@pytest.mark.slow
def test_first_start_creates_demo_database_at_default_location(tmp_path: Path) -> None:
    pytest.importorskip("rammedesk.services.demo")
    data_home = tmp_path / "data"
    result = _run(CLOSE_WHEN_OPEN, timeout=180, env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "RammeDesk — rammedesk.sqlite3 (DEMODATA)"
    assert (data_home / "RammeDesk" / "rammedesk.sqlite3").exists()
