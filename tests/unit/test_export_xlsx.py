"""The xlsx export: real numbers, frozen header, autofilter, no formulas, provenance sheet."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rammedesk.domain.export import DEMO_WARNING, HEADERS, rows_from_hits
from rammedesk.fileio.export_xlsx import DATA_SHEET, META_SHEET, MONEY_FORMAT, write_xlsx
from tests.unit import export_samples as s

COL = {title: i for i, title in enumerate(HEADERS)}


def _write(tmp_path: Path, *, is_demo: bool = True, count: int = 8) -> Path:
    path = tmp_path / "udtraek.xlsx"
    write_xlsx(path, rows_from_hits(s.hits(count), s.NOTES), s.meta(is_demo=is_demo, count=count))
    return path


def test_layout_header_freeze_and_autofilter(tmp_path: Path) -> None:
    wb = load_workbook(_write(tmp_path))
    assert wb.sheetnames == [DATA_SHEET, META_SHEET]
    ws = wb[DATA_SHEET]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:N9"
    assert ws.max_row == 9
    assert all(ws.column_dimensions[letter].width >= 6 for letter in "ABCDEFGHIJKLMN")
    assert ws.column_dimensions["A"].width > ws.column_dimensions["J"].width  # tilbud wider than år


def test_amounts_and_counts_are_numbers_with_danish_display_format(tmp_path: Path) -> None:
    ws = load_workbook(_write(tmp_path))[DATA_SHEET]
    takst = ws.cell(row=2, column=COL["Takst (kr.)"] + 1)
    assert takst.data_type == "n"
    assert Decimal(str(takst.value)) == Decimal("4155.5")
    assert takst.number_format == MONEY_FORMAT == "#,##0.00"
    negative = ws.cell(row=5, column=COL["Takst (kr.)"] + 1)
    assert (negative.data_type, negative.value) == ("n", -5)  # a negative number is not "neutralised"
    assert ws.cell(row=2, column=COL["År"] + 1).value == 2026
    assert ws.cell(row=2, column=COL["Pladser"] + 1).value == 12
    assert ws.cell(row=2, column=COL["Afdelings-id"] + 1).value == 100
    individuel = ws.cell(row=3, column=COL["Takst (kr.)"] + 1)
    assert (individuel.data_type, individuel.value) == ("s", "individuel pris")
    # No takst, no places: empty cells, not zeros or dashes.
    assert ws.cell(row=4, column=COL["Takst (kr.)"] + 1).value is None
    assert ws.cell(row=4, column=COL["Pladser"] + 1).value is None
    assert ws.cell(row=2, column=COL["Enhed"] + 1).value == "døgn"


def test_formula_like_text_is_stored_as_text_exactly_as_given(tmp_path: Path) -> None:
    """A typed string cell is never evaluated, so the text needs (and gets) no apostrophe."""
    ws = load_workbook(_write(tmp_path))[DATA_SHEET]
    texts = {
        (2 + 1, COL["Tilbud"]): '=HYPERLINK("http://evil.example","klik")',
        (2 + 1, COL["Afdeling"]): "+45 1234",
        (3 + 1, COL["Afdeling"]): "@SUM(A1)",
        (4 + 1, COL["Tilbud"]): "-5",
        (6 + 1, COL["Note"]): "=1+1",
    }
    for (row, col), expected in texts.items():
        cell = ws.cell(row=row, column=col + 1)
        assert (cell.data_type, cell.value) == ("s", expected)
    every = [c for row in ws.iter_rows() for c in row] + [
        c for row in load_workbook(tmp_path / "udtraek.xlsx")[META_SHEET].iter_rows() for c in row
    ]
    assert not [c.coordinate for c in every if c.data_type == "f"]
    assert not [c.coordinate for c in every if isinstance(c.value, str) and c.value.startswith("'")]


def test_danish_text_and_notes_survive(tmp_path: Path) -> None:
    ws = load_workbook(_write(tmp_path))[DATA_SHEET]
    assert ws.cell(row=2, column=1).value == "Bostedet Åbrinken 0"
    assert ws.cell(row=2, column=COL["Paragraffer"] + 1).value == "SEL § 107, SEL § 108"
    assert ws.cell(row=4, column=1).value == "Ret & Rimelig <Botilbud>"
    assert ws.cell(row=6, column=COL["Note"] + 1).value == s.NOTES[104]


def test_provenance_sheet_and_properties(tmp_path: Path) -> None:
    wb = load_workbook(_write(tmp_path))
    info = {row[0]: row[1] for row in wb[META_SHEET].iter_rows(values_only=True) if row[0]}
    assert info[DEMO_WARNING] is None
    assert info["Søgning"] == s.QUERY
    assert info["Filter: Region"] == "Region Syddanmark"
    assert info["Filter: Paragraf"] == "SEL § 107"
    assert info["Antal"] == "8 af 1.234 afdelinger"
    assert info["Udtrukket"] == "23.11.2026 kl. 14.05"
    assert info["Data pr."] == "01.01.2026"
    assert info["Program"] == "RammeDesk 0.1.0"
    assert wb.properties.creator == "RammeDesk 0.1.0"
    assert "Data pr.: 01.01.2026" in wb.properties.description
    assert "DEMODATA" in wb[DATA_SHEET].oddHeader.center.text


def test_real_data_has_no_demo_warning(tmp_path: Path) -> None:
    wb = load_workbook(_write(tmp_path, is_demo=False))
    values = [v for row in wb[META_SHEET].iter_rows(values_only=True) for v in row if v]
    assert DEMO_WARNING not in values
    assert "DEMODATA" not in (wb[DATA_SHEET].oddHeader.center.text or "")


def test_empty_result_keeps_header_and_filter(tmp_path: Path) -> None:
    path = tmp_path / "tom.xlsx"
    write_xlsx(path, [], s.meta())
    ws = load_workbook(path)[DATA_SHEET]
    assert ws.max_row == 1
    assert ws.auto_filter.ref == "A1:N1"


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    row = replace(rows_from_hits([s.hit(0)])[0], note="før\x01efter\x0b", tilbud="\x02=1+1")
    path = tmp_path / "ctrl.xlsx"
    write_xlsx(path, [row], s.meta())
    ws = load_workbook(path)[DATA_SHEET]
    assert ws.cell(row=2, column=COL["Note"] + 1).value == "førefter"
    assert (ws.cell(row=2, column=1).value, ws.cell(row=2, column=1).data_type) == ("=1+1", "s")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),  # in CI a missing tool fails the test
    reason="LibreOffice is not installed (Debian/Ubuntu: apt-get install libreoffice-calc)",
)
def test_libreoffice_opens_the_xlsx(tmp_path: Path) -> None:
    """LibreOffice headless converts the file without complaint and sees the same table."""
    assert SOFFICE is not None
    path = _write(tmp_path)
    profile = (tmp_path / "lo-profile").as_uri()  # never touch the user's LibreOffice profile

    def convert(options: str, outdir: Path) -> list[list[str]]:
        # 59 = ';', 34 = '"', 76 = UTF-8, 1 = start row; tokens 7-10: quote text, detect
        # numbers, save cell contents as shown, export formulas.
        done = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                f"csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,{options}",
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        out = outdir / "udtraek.csv"
        assert done.returncode == 0, done.stderr
        assert out.is_file(), f"no output; stdout={done.stdout!r} stderr={done.stderr!r}"
        with out.open(encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh, delimiter=";"))

    raw = convert("false,false", tmp_path / "raw")
    assert raw[0] == list(HEADERS)
    assert len(raw) == 9
    assert raw[1][: COL["Pladser"] + 1] == [
        "Bostedet Åbrinken 0",
        "Afdeling Søhøj 0",
        "Aabenraa",
        "Region Syddanmark",
        "Selvejende",
        "SEL § 107, SEL § 108",
        "Sindslidende; Udviklingshæmmede",
        "4155.5",
        "døgn",
        "2026",
        "12",
    ]
    assert raw[2][:2] == ['=HYPERLINK("http://evil.example","klik")', "+45 1234"]  # text, not "klik"
    assert (raw[3][COL["Afdeling"]], raw[4][COL["Tilbud"]], raw[6][COL["Note"]]) == ("@SUM(A1)", "-5", "=1+1")
    assert raw[2][COL["Takst (kr.)"]] == "individuel pris"
    assert raw[4][COL["Takst (kr.)"]] == "-5"
    # As shown: the money format gives two decimals and grouping (the marks follow the locale).
    shown = convert("true,false", tmp_path / "shown")
    assert shown[1][COL["Takst (kr.)"]] in {"4,155.50", "4.155,50"}


def test_hostile_provenance_is_text_too(tmp_path: Path) -> None:
    meta = replace(s.meta(), query="=cmd|' /C calc'!A0\x01", title="Kortliste: A & B\x02")
    path = tmp_path / "meta.xlsx"
    write_xlsx(path, rows_from_hits(s.hits(4)), meta)
    wb = load_workbook(path)
    info = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True) if r[0]}
    assert info["Søgning"] == "=cmd|' /C calc'!A0"
    assert not [c.coordinate for row in wb[META_SHEET].iter_rows() for c in row if c.data_type == "f"]
    assert info["Udtræk"] == "Kortliste: A & B"
    assert wb.properties.title == "Kortliste: A & B"
    assert "A && B" in wb[DATA_SHEET].oddHeader.center.text  # '&' is a code in print headers
