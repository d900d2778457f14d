"""Architecture rules: Qt only in gui/, SQLAlchemy/Alembic only in storage/, pure domain/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "rammedesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_scan_sees_the_package() -> None:
    rels = {_rel(p) for p in _modules()}
    assert {"storage/tables.py", "cli.py", "domain/cpr.py"} <= rels


@pytest.mark.parametrize(
    ("library", "allowed_prefix"),
    [("PySide6", "gui/"), ("shiboken6", "gui/"), ("sqlalchemy", "storage/"), ("alembic", "storage/")],
)
def test_library_imported_only_in_its_layer(library: str, allowed_prefix: str) -> None:
    offenders = [
        _rel(p) for p in _modules() if library in _imports(p) and not _rel(p).startswith(allowed_prefix)
    ]
    assert offenders == [], f"{library} imported outside rammedesk/{allowed_prefix}: {offenders}"


IO_LIBRARIES = {
    "sqlalchemy",
    "alembic",
    "PySide6",
    "openpyxl",
    "reportlab",
    "python_calamine",
    "sqlite3",
    "csv",
    "platformdirs",
}


def test_domain_imports_no_io_library() -> None:
    offenders = {
        _rel(p): sorted(_imports(p) & IO_LIBRARIES)
        for p in (PACKAGE / "domain").rglob("*.py")
        if _imports(p) & IO_LIBRARIES
    }
    assert offenders == {}


def test_the_scanner_catches_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6 import QtWidgets\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert {"PySide6", "sqlalchemy"} <= _imports(bad)
