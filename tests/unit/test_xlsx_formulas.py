"""Formula cells saved without their value: found by the sheet scan, refused per row by name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_safety import check_xlsx
from rammedesk.fileio.xlsx_formulas import ExcelError, UncachedFormulas
from tests.data.xlsx_builder import Formula, simple_xlsx

SHEET = (
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="2"><c r="B2"><f>B1*2</f><v/></c><c r="C2"><f>C1+1</f><v>7</v></c>'
    b'<c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><f t="shared" si="0"/></c>'
    b'<c r="AB17" s="3"><f>SUM(A1:A2)&amp;"x"</f><v> </v></c><c r="F2"/></row>'
    # Error cells: with a formula, without, prefixed, t before r, single quotes, no value.
    b'<row r="3"><c r="A3" t="e"><f>A2/0</f><v>#DIV/0!</v></c><c r="B3" t="e"><v>#REF!</v></c>'
    b'<x:c t=\'e\' r=\'c3\' s=\'2\'><x:v>#N/A</x:v></x:c><c r="D3" t="e"><f t="shared" si="1"/>'
    b'<v>#SPILL!</v></c><c r="E3" t="e"><v/></c><c r="F3" t="e"><f>1/0</f><v></v></c>'
    b'<c r="G3" t="n"><v>5</v></c><c r="H3" t="s"><v>2</v></c></row></sheetData>'
)


def _scan(chunks: list[bytes]) -> dict[tuple[int, int], str]:
    found = UncachedFormulas()
    for chunk in chunks:
        found.feed(chunk)
    return found.cells


def _described(cells: dict[tuple[int, int], str]) -> dict[tuple[int, int], tuple[str, ...]]:
    """Each cell as (text,) or, for an ExcelError, (error, ref, formula)."""
    return {k: (v, v.ref, str(v.formula)) if isinstance(v, ExcelError) else (v,) for k, v in cells.items()}


EXPECTED = {
    (2, 1): ("B1*2",),
    (2, 4): ("",),
    (17, 27): ('SUM(A1:A2)&"x"',),
    (3, 0): ("#DIV/0!", "A3", "A2/0"),
    (3, 1): ("#REF!", "B3", "None"),
    (3, 2): ("#N/A", "C3", "None"),
    (3, 3): ("#SPILL!", "D3", ""),
    (3, 5): ("1/0",),  # an error cell whose formula has no saved result: a missing value
}


def test_finds_formulas_without_value_and_error_cells_and_keeps_cached_and_text_results() -> None:
    cells = _scan([SHEET])
    assert _described(cells) == EXPECTED
    assert not isinstance(cells[(2, 1)], ExcelError) and not isinstance(cells[(3, 5)], ExcelError)


@pytest.mark.parametrize("size", range(1, 41))
def test_a_cell_cut_between_chunks_is_still_judged(size: int) -> None:
    chunks = [SHEET[i : i + size] for i in range(0, len(SHEET), size)]
    assert _described(_scan(chunks)) == EXPECTED


@pytest.mark.parametrize("size", [1, 2, 5, 11, 40])
def test_an_error_cell_alone_is_found_without_any_formula_in_the_sheet(size: int) -> None:
    sheet = b'<sheetData><row r="12"><c r="D12" t="e"><v>#VALUE!</v></c></row></sheetData>'
    cells = _scan([sheet[i : i + size] for i in range(0, len(sheet), size)])
    assert _described(cells) == {(12, 3): ("#VALUE!", "D12", "None")}


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
