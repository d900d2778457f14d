"""A sender's remembered mapping is fitted to next year's file: never last year's sheet, header
row or years; the user's field and niveau choices per header text carry over."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rammedesk.domain.takstfil import Field
from rammedesk.fileio.takstfil_reader import fit_remembered, propose_mapping
from tests.data.xlsx_builder import simple_xlsx
from tests.e2e.test_cli import cli


def workbook(path: Path, year: int, *, sheet: str, title_rows: int, amount: int) -> Path:
    rows: Any = [[f"Takstoversigt {year}"]] + [[]] * (title_rows - 1)
    rows += [
        ["Tilbud", "Kommune", "Ydelse", "Bemærkning", f"Takst {year} kr. pr. døgn"],
        ["Solsikken", "Aarhus", "Ophold", "Hus A", amount],
        ["Koglen", "Aarhus", "Ophold", "Hus B", amount + 500],
    ]
    return simple_xlsx(path, rows, sheet=sheet)


def test_fitted_mapping_takes_sheet_header_and_years_from_the_new_file(tmp_path: Path) -> None:
    old = propose_mapping(
        workbook(tmp_path / "a.xlsx", 2024, sheet="Takster 2024", title_rows=1, amount=3000)
    )
    assert old.columns["D"] is not Field.AFDELING and old.years == {"E": 2024}
    chosen = replace(old, columns={**old.columns, "D": Field.AFDELING}, levels={"E": "Niveau 2"})
    new_file = workbook(tmp_path / "b.xlsx", 2025, sheet="T 2025", title_rows=3, amount=3090)
    fitted = fit_remembered(new_file, chosen)
    assert (fitted.sheet, fitted.header_row, fitted.years) == ("T 2025", 4, {"E": 2025})
    assert fitted.columns["D"] is Field.AFDELING and fitted.levels == {"E": "Niveau 2"}


def test_next_years_file_from_the_same_sender_never_overwrites_last_years_takster(
    tmp_path: Path, empty_db: Path
) -> None:
    import json

    first = workbook(tmp_path / "2024.xlsx", 2024, sheet="Takster 2024", title_rows=1, amount=3000)
    db = ["--db", str(empty_db), "--source", "Region Midt", "--json"]
    code, out, _ = cli("import", "takstfil", str(first), *db)
    assert code == 0 and json.loads(out)["imported"] == 2
    second = workbook(tmp_path / "2025.xlsx", 2025, sheet="Takster 2025", title_rows=2, amount=3090)
    code, out, err = cli("import", "takstfil", str(second), *db)
    doc = json.loads(out)
    assert code == 0, err
    assert (doc["years"], doc["header_row"], doc["rows_read"]) == ({"E": 2025}, 3, 2)
    assert (doc["new_takster"], doc["changed_takster"], doc["rejected"]) == (2, 0, [])
