"""Test isolation: offscreen Qt, private user directories, template databases copied per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Before anything imports Qt or platformdirs resolves a path: never touch the real home.
_PRIVATE = Path(tempfile.mkdtemp(prefix="rammedesk-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_PRIVATE / _var.lower())
_runtime = _PRIVATE / "runtime"
_runtime.mkdir(mode=0o700)
os.environ["XDG_RUNTIME_DIR"] = str(_runtime)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("RAMMEDESK_DB", None)

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

DEMO_TEMPLATE_SIZE = 300


def _copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rammedesk.config import resolve_location
    from rammedesk.services.database import init_database

    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    init_database(resolve_location(str(path)), force=False)
    _checkpoint(path)
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rammedesk.config import resolve_location
    from rammedesk.services.demo import install_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    install_demo(resolve_location(str(path)), size=DEMO_TEMPLATE_SIZE, seed=7)
    _checkpoint(path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so a plain file copy is a complete database."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


@pytest.fixture
def empty_db(_empty_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a migrated database holding reference data only."""
    return _copy_db(_empty_template, tmp_path / "rammedesk.sqlite3")


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small demo database (300 afdelinger, seed 7)."""
    return _copy_db(_demo_template, tmp_path / "demo.sqlite3")


@pytest.fixture
def private_home() -> Iterator[Path]:
    yield _PRIVATE
