"""Hostile and broken files: a clear Danish UserError naming the file, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_reader import list_sheets, read_takstfil
from tests.unit.takstfil_corpus import corpus

__all__ = ["corpus"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("truncated.xlsx", "afkortet"),
        ("old.xls", ".xls"),
        ("old_named.xlsx", ".xls"),
        ("csv_named.xlsx", "tekstfil"),
        ("empty.xlsx", "tom"),
        ("empty.csv", "tom"),
        ("random.xlsx", "ikke en zip-fil"),
        ("zip_bomb.xlsx", "zip-bombe"),
        ("xxe.xlsx", "DTD"),
        ("billion_laughs.xlsx", "DTD"),
        ("utf16.csv", "UTF-16"),
        ("long_header.xlsx", "længste celle"),
    ],
)
def test_refused_with_a_clear_message(corpus: Path, name: str, words: str) -> None:
    with pytest.raises(UserError) as info:
        read_takstfil(corpus / name, year=2024)
    if name != "long_header.xlsx":
        with pytest.raises(UserError):
            list_sheets(corpus / name)
    assert words in info.value.message
    assert info.value.where == name


def test_limits_are_named(corpus: Path) -> None:
    with pytest.raises(UserError, match="største filstørrelse"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_file_bytes=100))
    with pytest.raises(UserError, match="største udpakkede størrelse"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_uncompressed_bytes=1000))
    with pytest.raises(UserError, match="største antal rækker"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_rows=5))
    with pytest.raises(UserError, match="største antal rækker"):
        read_takstfil(corpus / "tabs.csv", limits=ImportLimits(max_rows=1))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="findes ikke"):
        read_takstfil(tmp_path / "nope.xlsx")


def test_no_header_found(tmp_path: Path) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text("a;b\nc;d\n", encoding="utf-8")
    with pytest.raises(UserError, match="ingen kolonneoverskrifter"):
        read_takstfil(path)


@pytest.mark.parametrize("name", ["sst_bomb.xlsx", "zip_bomb.xlsx", "xxe.xlsx"])
def test_the_process_survives(corpus: Path, name: str) -> None:
    # calamine aborts the process on a huge declared uniqueCount; run in a child to prove we stop first.
    code = (
        "import sys\nfrom rammedesk.errors import UserError\nfrom rammedesk.fileio.takstfil_reader import "
        "read_takstfil\ntry:\n    read_takstfil(sys.argv[1], year=2024)\nexcept UserError as e:\n"
        "    print('USERERROR', e.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(corpus / name)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("USERERROR")
