"""Cells Excel shows as errors (#DIV/0!, #REF! …): refused per row by name, never read as blank.

python-calamine reads the classic error values as an empty cell and refuses a whole sheet over
the newer ones (#SPILL!, #CALC!); the sheet scan finds them so the message can name the cell.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.portfolio_reader import read_portfolio
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_safety import check_xlsx
from rammedesk.fileio.xlsx_formulas import CALAMINE_READS, ExcelError
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


@pytest.mark.parametrize("error", ["#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!"])
def test_an_error_calamine_cannot_read_refuses_the_sheet_naming_the_cell(tmp_path: Path, error: str) -> None:
    path = simple_xlsx(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["Bakken", "Aarhus", "døgn", 100, None],
            ["Skoven", "Aarhus", "døgn", 200, ErrorValue(error, "A1#")],
        ],
    )
    with pytest.raises(UserError) as info:
        read_takstfil(path)
    message = str(info.value)
    assert message.startswith(f"Arket »Takster« kan ikke læses. Celle E3 indeholder Excel-fejlen {error}")
    assert "»=A1#«" in message and "Unsupported" not in message


def test_the_corpus_spill_file_names_its_cell(corpus: Path) -> None:  # noqa: F811
    with pytest.raises(UserError, match=r"Celle B3 indeholder Excel-fejlen #SPILL!"):
        read_takstfil(corpus / "error_spill.xlsx")


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
    parsed = read_portfolio(_workbook(tmp_path / "p.xlsx", [GOOD, broken, noted]))
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
    with pytest.raises(UserError) as info:
        read_takstfil(spill)
    assert "Excel-fejlen (ukendt fejlværdi)" in str(info.value) and "010190" not in str(info.value)
    cells = check_xlsx(spill, ImportLimits()).uncached["Takster"]
    assert [str(v) for _, v in sorted(cells.items())] == ["(ukendt fejlværdi)"] * 2
