"""Formula cells saved without their value: found by the sheet scan, refused per row by name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_safety import check_xlsx
from rammedesk.fileio.xlsx_formulas import UncachedFormulas
from tests.data.xlsx_builder import Formula, simple_xlsx

SHEET = (
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="2"><c r="B2"><f>B1*2</f><v/></c><c r="C2"><f>C1+1</f><v>7</v></c>'
    b'<c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><f t="shared" si="0"/></c>'
    b'<c r="AB17" s="3"><f>SUM(A1:A2)&amp;"x"</f><v> </v></c><c r="F2"/></row></sheetData>'
)


def _scan(chunks: list[bytes]) -> dict[tuple[int, int], str]:
    found = UncachedFormulas()
    for chunk in chunks:
        found.feed(chunk)
    return found.cells


def test_finds_formulas_without_value_and_keeps_cached_and_text_results() -> None:
    assert _scan([SHEET]) == {(2, 1): "B1*2", (2, 4): "", (17, 27): 'SUM(A1:A2)&"x"'}


@pytest.mark.parametrize("size", [1, 2, 3, 7, 13, 40])
def test_a_cell_cut_between_chunks_is_still_judged(size: int) -> None:
    chunks = [SHEET[i : i + size] for i in range(0, len(SHEET), size)]
    assert _scan(chunks) == _scan([SHEET])


def test_check_xlsx_names_the_sheet_of_each_formula(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Noter"
    ws["A1"] = "=1+1"
    other = wb.create_sheet("Takster")
    other["C5"] = "=C4*2"
    wb.save(tmp_path / "f.xlsx")
    assert check_xlsx(tmp_path / "f.xlsx", ImportLimits()).uncached == {
        "Noter": {(1, 0): "1+1"},
        "Takster": {(5, 2): "C4*2"},
    }


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tilbud", "Kommune", "Enhed", "Takst 2025", "Note"])
    ws.append(["Lysningen", "Aarhus", "døgn", 100, None])
    ws.append(["Bakken", "Aarhus", "døgn", "=D2*2", None])
    ws.append(["Skoven", "Aarhus", "døgn", 300, "=LEN(A4)"])  # not a mapped column
    ws.append(["I alt", None, None, "=SUM(D2:D4)", None])
    wb.save(path)
    return path


def test_import_refuses_only_the_row_whose_takst_is_an_uncomputed_formula(tmp_path: Path) -> None:
    parsed = read_takstfil(_workbook(tmp_path / "f.xlsx"))
    assert parsed.rows_read == 3  # "I alt" stays a totals row
    assert sorted(t.tilbud for t in parsed.takster) == ["Lysningen", "Skoven"]
    [error] = parsed.errors
    assert (error.row, error.column) == (3, "D")
    assert "»=D2*2«" in error.reason and "gem den" in error.reason


def test_cached_formula_values_are_read_as_before(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "cached.xlsx",
        [["Tilbud", "Kommune", "Enhed", "Takst 2025"], ["Bakken", "Aarhus", "døgn", Formula("100*2", 200.0)]],
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    assert [str(t.beloeb) for t in parsed.takster] == ["200.00"]
