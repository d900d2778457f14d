"""`rammedesk` on a machine without a display: a clear message, the data, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rammedesk.launcher import display_available


def _env_without_display(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "RAMMEDESK_DB"}
    }
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_STATE_HOME"] = str(home / "state")
    return env


@pytest.mark.slow
def test_first_start_without_display_creates_demo_database_and_exits_0(tmp_path: Path) -> None:
    env = _env_without_display(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "rammedesk"], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout
    assert "ingen skærm" in out and "no display" in out and "xvfb-run" in out
    assert "Demodata:        ja" in out
    assert "rammedesk search autisme" in out and " resultater for »autisme«" in out
    assert " kr. pr. " in out  # Danish amounts with their unit
    db = tmp_path / "data" / "RammeDesk" / "rammedesk.sqlite3"
    assert db.exists()

    # The second start reuses the database: no new demo generation.
    again = subprocess.run(
        [sys.executable, "-m", "rammedesk"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert again.returncode == 0, again.stderr
    assert "Første start" in proc.stderr and "Første start" not in again.stderr
    assert "Demodata:        ja" in again.stdout


def test_headless_with_mistyped_db_exits_1(tmp_path: Path) -> None:
    env = _env_without_display(tmp_path)
    missing = tmp_path / "tyop.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "rammedesk", "--db", str(missing)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert str(missing) in proc.stderr and "Traceback" not in proc.stderr
    assert not missing.exists()


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_display_detection(env: dict[str, str], platform: str, expected: bool) -> None:
    assert display_available(env, platform) is expected


def test_cli_and_gui_startup_do_not_import_heavy_libraries() -> None:
    code = (
        "import sys, rammedesk.cli, rammedesk.launcher, rammedesk.gui.app, rammedesk.gui.main_window;"
        "heavy = [m for m in ('openpyxl', 'reportlab', 'python_calamine') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_xcb_check_only_applies_to_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util

    from rammedesk.launcher import missing_xcb_libraries

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)  # nothing installed
    assert missing_xcb_libraries({"DISPLAY": ":0"}, "linux") != []
    assert missing_xcb_libraries({"QT_QPA_PLATFORM": "xcb"}, "linux") != []
    assert missing_xcb_libraries({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}, "linux") == []
    assert missing_xcb_libraries({"QT_QPA_PLATFORM": "offscreen"}, "linux") == []
    assert missing_xcb_libraries({"DISPLAY": ":0"}, "darwin") == []
