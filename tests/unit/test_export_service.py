"""export_search_result: format choice, atomic write, Danish errors for file-system trouble."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rammedesk import __version__
from rammedesk.domain.export import ExportMeta, ExportRow
from rammedesk.errors import UserError
from rammedesk.services import export as service
from rammedesk.services.export import export_search_result, resolve_format
from tests.unit import export_samples as s


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_each_format_by_name_and_by_suffix(tmp_path: Path, fmt: str) -> None:
    by_name = export_search_result(s.result(), tmp_path / "a", fmt, meta=s.meta())
    assert by_name == tmp_path / f"a.{fmt}"
    by_suffix = export_search_result(s.result(), tmp_path / f"b.{fmt.upper()}", meta=s.meta())
    assert by_suffix == tmp_path / f"b.{fmt.upper()}"
    assert by_name.read_bytes()[:4] == by_suffix.read_bytes()[:4]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a.{fmt}", f"b.{fmt.upper()}"]


def test_resolve_format() -> None:
    assert resolve_format(Path("x.xlsx"), None) == (Path("x.xlsx"), "xlsx")
    assert resolve_format(Path("x.xlsx"), "xlsx") == (Path("x.xlsx"), "xlsx")
    assert resolve_format(Path("rapport.v2"), "pdf") == (Path("rapport.v2.pdf"), "pdf")
    with pytest.raises(UserError, match="Ukendt eksportformat"):
        resolve_format(Path("x.docx"), None)
    with pytest.raises(UserError, match="Ukendt eksportformat"):
        resolve_format(Path("x"), None)
    with pytest.raises(UserError, match="Ukendt eksportformat »ods«") as caught:
        resolve_format(Path("x.xlsx"), "ods")
    assert caught.value.where == "x.xlsx"
    with pytest.raises(UserError, match="ender på .csv, men formatet er pdf"):
        resolve_format(Path("x.csv"), "pdf")


def test_without_meta_the_result_and_program_version_are_recorded(tmp_path: Path) -> None:
    path = export_search_result(s.result(), tmp_path / "r.xlsx")
    info = {r[0]: r[1] for r in load_workbook(path)["Om udtrækket"].iter_rows(values_only=True) if r[0]}
    assert info["Søgning"] == s.QUERY
    assert info["Program"] == f"RammeDesk {__version__}"
    assert info["Data pr."] == "ukendt"
    assert info["Filter: Paragraf"] == "SEL § 107"


def test_shortlist_notes_by_afdeling_id(tmp_path: Path) -> None:
    path = export_search_result(s.result(), tmp_path / "k.csv", meta=s.meta(), notes={101: "Første valg"})
    assert "Første valg" in path.read_text(encoding="utf-8-sig")


def test_missing_directory_is_a_user_error(tmp_path: Path) -> None:
    target = tmp_path / "findes-ikke" / "r.xlsx"
    with pytest.raises(UserError, match="findes ikke") as caught:
        export_search_result(s.result(), target, meta=s.meta())
    assert caught.value.where == str(target)
    assert not target.parent.exists()


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "r.csv").mkdir()
    with pytest.raises(UserError, match="mappe med det navn"):
        export_search_result(s.result(), tmp_path / "r.csv", meta=s.meta())
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def _failing_writer(error: OSError) -> service.Writer:
    def write(path: Path, rows: Sequence[ExportRow], meta: ExportMeta) -> None:
        path.write_bytes(b"half a file")
        raise error

    return write


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "ikke plads på drevet"),
        (PermissionError(errno.EACCES, "Permission denied"), "åben i et andet program"),
        (OSError(errno.EIO, "Input/output error"), r"kunne ikke gemmes \(Input/output error\)"),
    ],
)
def test_a_failed_write_leaves_no_half_file_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"the previous export")
    monkeypatch.setattr(service, "_writer", lambda fmt: _failing_writer(error))
    with pytest.raises(UserError, match=message) as caught:
        export_search_result(s.result(), target, meta=s.meta())
    assert caught.value.where == str(target)
    assert isinstance(caught.value.__cause__, OSError)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_replace_refused_for_a_file_open_in_excel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows os.replace fails while Excel holds the target open."""
    target = tmp_path / "r.csv"

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="Luk den"):
        export_search_result(s.result(), target, meta=s.meta())
    assert list(tmp_path.iterdir()) == []


def test_a_bug_in_a_writer_is_not_hidden_but_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, rows: Sequence[ExportRow], meta: ExportMeta) -> None:
        path.write_bytes(b"x")
        raise ZeroDivisionError

    monkeypatch.setattr(service, "_writer", lambda fmt: broken)
    with pytest.raises(ZeroDivisionError):
        export_search_result(s.result(), tmp_path / "r.pdf", meta=s.meta())
    assert list(tmp_path.iterdir()) == []
