"""The csv export: ';', UTF-8 with BOM, decimal comma, neutralised text, no meta lines."""

from __future__ import annotations

import csv
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.domain.export import HEADERS, rows_from_hits
from rammedesk.fileio.export_csv import csv_amount, write_csv
from tests.unit import export_samples as s
from tests.unit.libreoffice import SOFFICE, needs_soffice

COL = {title: i for i, title in enumerate(HEADERS)}


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "udtraek.csv"
    write_csv(path, rows_from_hits(s.hits(8), s.NOTES), s.meta())
    return path


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_bom_separator_and_line_ends(tmp_path: Path) -> None:
    data = _write(tmp_path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTilbud;Afdeling;Kommune;")
    assert data.count(b"\r\n") == 9  # header + 8 rows, the note's own newline is quoted
    assert "Målgrupper".encode() in data
    assert "Bostedet Åbrinken 0;Afdeling Søhøj 0".encode() in data


def test_header_then_data_only(tmp_path: Path) -> None:
    rows = _read(_write(tmp_path))
    assert rows[0] == list(HEADERS)
    assert len(rows) == 9
    assert all(len(row) == len(HEADERS) for row in rows)


def test_amounts_with_decimal_comma_and_no_grouping(tmp_path: Path) -> None:
    rows = _read(_write(tmp_path))
    takst = COL["Takst (kr.)"]
    assert rows[1][takst] == "4155,50"
    assert rows[2][takst] == "individuel pris"
    assert rows[3][takst] == ""
    assert rows[4][takst] == "-5,00"  # a negative amount stays a number
    assert (rows[1][COL["År"]], rows[1][COL["Pladser"]], rows[1][COL["Enhed"]]) == ("2026", "12", "døgn")
    assert rows[3][COL["Pladser"]] == ""


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("4155"), "4155,00"),
        (Decimal("2639.375"), "2639,38"),  # half-up
        (Decimal("730000"), "730000,00"),
        (Decimal("-0.004"), "0,00"),
        (Decimal("-1234.5"), "-1234,50"),
    ],
)
def test_csv_amount(amount: Decimal, text: str) -> None:
    assert csv_amount(amount) == text


def test_text_is_neutralised_and_danish_letters_intact(tmp_path: Path) -> None:
    rows = _read(_write(tmp_path))
    assert rows[2][COL["Tilbud"]] == '\'=HYPERLINK("http://evil.example","klik")'
    assert rows[2][COL["Afdeling"]] == "'+45 1234"
    assert rows[3][COL["Afdeling"]] == "'@SUM(A1)"
    assert rows[4][COL["Tilbud"]] == "'-5"
    assert rows[6][COL["Note"]] == "'=1+1"
    assert rows[5][COL["Note"]] == s.NOTES[104]
    assert rows[3][COL["Tilbud"]] == "Ret & Rimelig <Botilbud>"
    assert rows[1][COL["Paragraffer"]] == "SEL § 107, SEL § 108"
    # ';' inside a field is quoted, not a column break
    assert rows[1][COL["Målgrupper"]] == "Sindslidende; Udviklingshæmmede"
    for row in rows[1:]:
        for col in (COL["Tilbud"], COL["Afdeling"], COL["Note"]):
            assert not row[col].startswith(("=", "+", "-", "@"))


def test_tab_and_carriage_return_starts_are_neutralised(tmp_path: Path) -> None:
    row = replace(rows_from_hits([s.hit(0)])[0], tilbud="\t=cmd", note="\r@x")
    path = tmp_path / "ws.csv"
    write_csv(path, [row], s.meta())
    read = _read(path)[1]
    assert read[COL["Tilbud"]] == "'\t=cmd"
    assert read[COL["Note"]] == "'\r@x"


def _hostile(tmp_path: Path) -> Path:
    row = replace(
        rows_from_hits([s.hit(0)])[0],
        tilbud='=HYPERLINK("http://x","y")',
        afdeling="+1+1",
        note="@SUM(A1)",
        region="-1",
        takst=Decimal("-1234.5"),
    )
    path = tmp_path / "fjendtlig.csv"
    write_csv(path, [row], s.meta())
    return path


def test_text_fields_get_the_apostrophe_numbers_do_not(tmp_path: Path) -> None:
    """Decided per value type: text that starts a formula is prefixed, a negative amount is not."""
    read = _read(_hostile(tmp_path))[1]
    assert read[COL["Tilbud"]] == '\'=HYPERLINK("http://x","y")'
    assert read[COL["Afdeling"]] == "'+1+1"
    assert read[COL["Note"]] == "'@SUM(A1)"
    assert read[COL["Region"]] == "'-1"  # text that looks like a number is still text
    assert read[COL["Takst (kr.)"]] == "-1234,50"  # the amount is a number: never prefixed
    assert (read[COL["År"]], read[COL["Tilbuds-id"]]) == ("2026", "10")


@pytest.mark.slow
@needs_soffice
def test_libreoffice_reads_text_as_text_and_the_negative_amount_as_a_number(tmp_path: Path) -> None:
    """Opened as a spreadsheet (Danish locale), no field becomes a formula; -1234,50 is a number."""
    from openpyxl import load_workbook

    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            # 59 = ';', 34 = '"', 76 = UTF-8, 1 = start row, 1030 = Danish: "-1234,50" is a number
            "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1030,false,false",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(_hostile(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ws = load_workbook(tmp_path / "lo" / "fjendtlig.xlsx").active
    cells = {HEADERS[c.column - 1]: c for c in ws[2]}
    assert not [name for name, c in cells.items() if c.data_type == "f"]
    assert (cells["Tilbud"].data_type, cells["Tilbud"].value) == ("s", '\'=HYPERLINK("http://x","y")')
    assert (cells["Afdeling"].value, cells["Note"].value) == ("'+1+1", "'@SUM(A1)")
    assert (cells["Takst (kr.)"].data_type, cells["Takst (kr.)"].value) == ("n", -1234.5)
