"""The CLI imports the first visible sheet unless --sheet names one, hidden or not."""

from __future__ import annotations

from pathlib import Path

from tests.data.hidden_sheets import hidden_first_sheet_xlsx
from tests.e2e.test_cli_import import run_json


def test_default_is_the_first_visible_sheet_and_sheet_picks_a_hidden_one(
    tmp_path: Path, empty_db: Path
) -> None:
    file = str(hidden_first_sheet_xlsx(tmp_path / "takster.xlsx"))
    base = ("import", "takstfil", file, "--db", str(empty_db), "--dry-run", "--kommune", "751")
    code, doc = run_json(*base)
    assert code == 0 and doc["sheet"] == "Takster 2025" and doc["years"] == {"D": 2025}
    code, doc = run_json(*base, "--sheet", "Takster 2024")
    assert code == 0 and doc["sheet"] == "Takster 2024" and doc["years"] == {"D": 2024}
    code, doc = run_json(*base, "--sheet", "Opslag")  # very hidden
    assert code == 0 and doc["sheet"] == "Opslag" and doc["new_takster"] == 1


def test_an_unknown_sheet_is_refused_naming_the_sheets_the_file_has(tmp_path: Path, empty_db: Path) -> None:
    file = str(hidden_first_sheet_xlsx(tmp_path / "takster.xlsx"))
    code, doc = run_json("import", "takstfil", file, "--db", str(empty_db), "--dry-run", "--sheet", "Takst")
    assert code == 1
    message = doc["error"]["message"]
    assert "»Takst« findes ikke" in message
    assert "»Takster 2024«" in message and "»Takster 2025«" in message and "»Opslag«" in message
