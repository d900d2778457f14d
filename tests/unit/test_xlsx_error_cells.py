"""Cells Excel shows as errors (#DIV/0!, #REF! …): refused per row by name, never read as blank.

python-calamine reads the classic error values as an empty cell and refuses a whole sheet over
the newer ones (#SPILL!, #CALC!); the sheet scan finds them so the message can name the cell.
"""

from __future__ import annotations

import copy
import io
import pickle
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio import takstfil_xlsx
from rammedesk.fileio.portfolio_reader import read_portfolio
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_safety import check_xlsx
from rammedesk.fileio.xlsx_formulas import CALAMINE_READS, ExcelError
from rammedesk.fileio.xlsx_readable import _Patcher, readable_copy
from tests.data.xlsx_builder import ErrorValue, simple_xlsx
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)
from tests.unit.test_portfolio_reader import GOOD, _workbook

HEADER = ["Tilbud", "Kommune", "Enhed", "Takst 2024", "Note"]


def test_error_cells_in_mapped_columns_refuse_their_row_and_name_the_cell(corpus: Path) -> None:  # noqa: F811
    parsed = read_takstfil(corpus / "error_cells.xlsx")
    # Skoven's kommune is #REF!: refused, not carried down as "Aarhus" from the row above.
    assert [(t.row, t.tilbud, t.kommune) for t in parsed.takster] == [
        (2, "Lysningen", "Aarhus"),
        (5, "Engen", "Odense"),  # the #N/A sits in the unmapped note column
    ]
    assert parsed.rows_read == 5  # "I alt" with a #REF! sum stays a totals row
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "D"), (4, "B"), (6, "C")]
    div, ref, name = (e.reason for e in parsed.errors)
    assert div.startswith("Celle D3 indeholder Excel-fejlen #DIV/0! (i dansk Excel #DIVISION/0!")
    assert "fra formlen »=C3/0«" in div and "Ret formlen i regnearket, gem filen igen" in div
    assert ref.startswith("Celle B4 indeholder Excel-fejlen #REF!") and "Ret cellen i regnearket" in ref
    assert "formlen" not in ref.split("(")[0] and "»=" not in ref
    assert "#NAME?" in name and "#NAVN?" in name and "»=ENHD()«" in name


@pytest.mark.parametrize("error", sorted(CALAMINE_READS))
def test_every_error_calamine_reads_as_blank_refuses_the_row(tmp_path: Path, error: str) -> None:
    path = simple_xlsx(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["Bakken", "Aarhus", "døgn", 100, None],
            ["Skoven", "Aarhus", "døgn", ErrorValue(error), None],
        ],
    )
    parsed = read_takstfil(path)
    assert [t.tilbud for t in parsed.takster] == ["Bakken"]
    [err] = parsed.errors
    assert (err.row, err.column) == (3, "D")
    assert err.reason.startswith(f"Celle D3 indeholder Excel-fejlen {error} (")


def test_a_row_of_only_error_cells_is_refused_not_skipped_as_blank(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["Bakken", "Aarhus", "døgn", 100, None],
            [ErrorValue("#REF!", "#REF!"), None, None, ErrorValue("#REF!", "#REF!*2"), None],
        ],
    )
    parsed = read_takstfil(path)
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "A"), (3, "D")]


NEWER = ["#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!"]  # python-calamine refuses the sheet


@pytest.mark.parametrize("error", NEWER)
def test_an_error_calamine_cannot_read_refuses_only_the_row_that_uses_it(tmp_path: Path, error: str) -> None:
    path = simple_xlsx(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["Bakken", "Aarhus", "døgn", 100, ErrorValue(error, "A1#")],  # in the unmapped note column
            ["Skoven", "Aarhus", "døgn", ErrorValue(error, "A1#"), None],
            ["Engen", "Odense", "døgn", 300, None],
        ],
    )
    parsed = read_takstfil(path)
    assert [(t.tilbud, t.beloeb) for t in parsed.takster] == [
        ("Bakken", Decimal("100.00")),
        ("Engen", Decimal("300.00")),
    ]
    [err] = parsed.errors
    assert (err.row, err.column) == (3, "D")
    assert err.reason.startswith(f"Celle D3 indeholder Excel-fejlen {error}") and "»=A1#«" in err.reason


def test_the_corpus_spill_file_refuses_the_row_naming_its_cell(corpus: Path) -> None:  # noqa: F811
    parsed = read_takstfil(corpus / "error_spill.xlsx")
    assert [t.tilbud for t in parsed.takster] == ["X"]
    [err] = parsed.errors
    assert (err.row, err.column) == (3, "B") and "Celle B3 indeholder Excel-fejlen #SPILL!" in err.reason


def test_when_even_the_copy_cannot_be_read_the_sheet_is_refused_naming_the_cell(
    corpus: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(takstfil_xlsx, "readable_copy", lambda path: io.BytesIO(path.read_bytes()))
    with pytest.raises(UserError) as info:
        read_takstfil(corpus / "error_spill.xlsx")
    message = str(info.value)
    assert message.startswith("Arket »Takster« kan ikke læses. Celle B3 indeholder Excel-fejlen #SPILL!")
    assert "»=A2:A3*2«" in message and "Unsupported" not in message


PART = (
    b'<sheetData><row r="1"><c r="A1" t="e"><f>A2#</f><v>#SPILL!</v></c><c r="B1" t="e"><v>#N/A</v></c>'
    b"<x:c r='C1' t='e'><x:f t='shared' si='0'/><x:v>#CALC!</x:v></x:c><c r=\"D1\" t=\"e\"><v/></c>"
    b'<c r="E1" t="str"><f>"#SPILL!"</f><v>#SPILL!</v></c><c r="F1" t="e"><v>#GETTING_DATA</v></c>'
    b'<c r="G1" t="inlineStr"><is><t>t="e" &lt;v&gt;#CALC!</t></is></c></row></sheetData>'
)
PATCHED = (
    PART.replace(b'<v>#SPILL!</v></c><c r="B1"', b'<v>#N/A</v></c><c r="B1"')
    .replace(b"#CALC!</x:v>", b"#N/A</x:v>")
    .replace(b"#GETTING_DATA", b"#N/A")
)


@pytest.mark.parametrize("size", range(1, 41))
def test_the_readable_copy_replaces_only_unreadable_error_values_at_any_chunk_size(size: int) -> None:
    assert PATCHED.count(b"#N/A") == 4 and PATCHED.count(b"#SPILL!") == 2  # the text result is kept
    patch = _Patcher()
    out = b"".join(patch.feed(PART[i : i + size]) for i in range(0, len(PART), size)) + patch.close()
    assert out == PATCHED


def test_the_readable_copy_keeps_every_other_part(corpus: Path) -> None:  # noqa: F811
    path = corpus / "error_spill.xlsx"
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(readable_copy(path)) as after:
        assert before.namelist() == after.namelist()
        changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
        assert changed == ["xl/worksheets/sheet1.xml"]
        assert after.read(changed[0]) == before.read(changed[0]).replace(b"#SPILL!", b"#N/A")


def test_check_xlsx_records_error_cells_as_excel_errors(corpus: Path) -> None:  # noqa: F811
    cells = check_xlsx(corpus / "error_cells.xlsx", ImportLimits()).uncached["Takster"]
    assert sorted(cells) == [(3, 3), (4, 1), (5, 4), (6, 2), (7, 3)]
    div = cells[(3, 3)]
    assert isinstance(div, ExcelError) and (str(div), div.ref, div.formula) == ("#DIV/0!", "D3", "C3/0")
    ref = cells[(4, 1)]
    assert isinstance(ref, ExcelError) and ref.formula is None
    for copied in (copy.deepcopy(div), pickle.loads(pickle.dumps(div))):
        assert isinstance(copied, ExcelError) and (copied, copied.ref, copied.formula) == (div, "D3", "C3/0")


def test_portfolio_refuses_a_row_whose_takst_is_an_error_cell(tmp_path: Path) -> None:
    # openpyxl writes a text equal to a classic error code as an error cell (t="e").
    broken = [*GOOD[:6], "#DIV/0!", *GOOD[7:]]
    broken[0] = "2027-0043"
    noted = [*GOOD, "#N/A"]  # an error beyond the header: in no column the import reads
    noted[0] = "2027-0044"
    path = _workbook(tmp_path / "p.xlsx", [GOOD, broken, noted])
    wb = openpyxl.load_workbook(path)
    spill = wb["Anbringelser"]["P3"]  # a newer error python-calamine cannot read, unmapped column
    spill.value, spill.data_type = "#SPILL!", "e"
    wb.save(path)
    parsed = read_portfolio(path)
    assert [r.placement.sagsnummer for r in parsed.placements] == ["2027-0042", "2027-0044"]
    [error] = parsed.errors
    assert (error.sheet, error.row, error.column) == ("Anbringelser", 4, "G")
    assert error.reason.startswith("Celle G4 indeholder Excel-fejlen #DIV/0!")
    assert parsed.rows_read == 3


def test_csv_error_text_in_an_amount_column_is_refused_as_an_excel_error(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "Tilbud;Kommune;Enhed;Takst 2024\nA;Aarhus;døgn;1000\nB;Aarhus;døgn;#DIV/0!\nC;Aarhus;døgn;#VÆRDI!\n",
        encoding="utf-8",
    )
    parsed = read_takstfil(path)
    assert [t.tilbud for t in parsed.takster] == ["A"]
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "D"), (4, "D")]
    assert all("er en fejl fra Excel" in e.reason and "Ret formlen" in e.reason for e in parsed.errors)
    assert "»#DIV/0!«" in parsed.errors[0].reason and "»#VÆRDI!«" in parsed.errors[1].reason


def test_a_cpr_like_number_in_a_formula_or_error_value_is_never_repeated(tmp_path: Path) -> None:
    cpr = "0101901234"
    long_formula = "X" * 55 + f'&"{cpr}"'  # the number would be cut in two by the 60-character limit
    path = simple_xlsx(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["A", "Aarhus", "døgn", ErrorValue("#N/A", f'VLOOKUP("{cpr}",Sager!A:B,2,0)'), None],
            ["B", "Aarhus", "døgn", ErrorValue("#REF!", long_formula), None],
        ],
    )
    parsed = read_takstfil(path)
    assert [e.row for e in parsed.errors] == [2, 3]
    for error in parsed.errors:
        assert "fra en formel," in error.reason and "010190" not in error.reason
    spill = simple_xlsx(
        tmp_path / "s.xlsx",
        [
            HEADER,
            ["A", "Aarhus", "døgn", ErrorValue(f"#{cpr}"), None],
            ["B", "Aarhus", "døgn", ErrorValue(f"#X{cpr}!"), None],
        ],
    )
    spilled = read_takstfil(spill)
    assert [e.row for e in spilled.errors] == [2, 3]
    for error in spilled.errors:
        assert "Excel-fejlen (ukendt fejlværdi)," in error.reason and "010190" not in error.reason
    cells = check_xlsx(spill, ImportLimits()).uncached["Takster"]
    assert [str(v) for _, v in sorted(cells.items())] == ["(ukendt fejlværdi)"] * 2
