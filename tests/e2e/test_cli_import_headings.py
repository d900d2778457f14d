"""A row without an amount that no row below uses is refused late: the report still lists it in
row order, counts it as a row read, and writes it to the error workbook."""

from __future__ import annotations

from pathlib import Path

from tests.data.xlsx_builder import simple_xlsx
from tests.e2e.test_cli_import import run_json


def test_an_unused_heading_refused_late_is_reported_in_row_order(tmp_path: Path, empty_db: Path) -> None:
    from openpyxl import load_workbook

    file = simple_xlsx(
        tmp_path / "glemt beløb.xlsx",
        [
            ["Tilbud", "Afdeling", "Kommune", "Takst 2026 kr. pr. døgn"],
            ["Skovbrynet", "Hus A", "Aarhus", 2000],
            ["Skovbrynet", "Hus B", "Aarhus", None],  # 3: the amount forgotten
            ["Skovbrynet", "Hus C", "Aarhus", -5],  # 4: refused now; row 3 is still open
            ["Engen", None, "Odense", 2100],  # 5: another tilbud: row 3 was never used
            ["Bakken", None, "Vejle", None],  # 6: the last row, forgotten too
        ],
    )
    errors = tmp_path / "fejl.xlsx"
    code, doc = run_json(
        "import", "takstfil", str(file), "--db", str(empty_db), "--dry-run", "--errors", str(errors)
    )
    assert code == 0
    assert doc["rows_read"] == 5
    assert [(r["row"], r["column"]) for r in doc["rejected"]] == [(3, "D"), (4, "D"), (6, "D")]
    assert doc["rejected"][0]["reason"].startswith("Beløbet mangler i kolonne D")
    sheet = load_workbook(errors, read_only=True).worksheets[0]
    rows = [r[2:4] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [(3, "D"), (4, "D"), (6, "D")]
