"""`rammedesk settings`: the import limits, set and reset, and every import obeying them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.data.xlsx_builder import Cell, Formula, simple_xlsx
from tests.e2e.test_cli import cli
from tests.e2e.test_cli_import_review import dump


def settings(db: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = cli("settings", *args, "--db", str(db), "--json")
    return code, json.loads(out), err


def values(doc: dict[str, Any]) -> dict[str, int]:
    return {s["key"]: s["value"] for s in doc["settings"]}


def test_settings_list_every_limit_with_its_danish_name_default_and_bounds(empty_db: Path) -> None:
    code, doc, _ = settings(empty_db)
    assert code == 0
    rows = {s["key"]: s for s in doc["settings"]}
    assert set(rows) == {
        "max_file_bytes", "max_uncompressed_bytes", "max_compression_ratio",
        "max_rows", "max_columns", "max_cells", "max_cell_chars",
    }  # fmt: skip
    assert rows["max_rows"] | {} == {
        "key": "max_rows", "label": "største antal rækker", "value": 200_000, "default": 200_000,
        "is_default": True, "minimum": 100, "maximum": 1_048_576, "unit": "rækker",
    }  # fmt: skip
    code, text, _ = cli("settings", "--db", str(empty_db))
    assert code == 0 and "største filstørrelse" in text and "50 MB" in text and "200.000 rækker" in text


def test_a_set_limit_is_kept_and_reset_puts_back_the_default(empty_db: Path) -> None:
    code, doc, _ = settings(empty_db, "set", "største filstørrelse", "80 MB")
    assert code == 0 and values(doc)["max_file_bytes"] == 80_000_000
    assert settings(empty_db, "set", "max_rows", "300.000")[0] == 0
    doc = settings(empty_db)[1]
    assert (values(doc)["max_file_bytes"], values(doc)["max_rows"]) == (80_000_000, 300_000)
    code, doc, _ = settings(empty_db, "reset", "max_rows")
    assert (values(doc)["max_file_bytes"], values(doc)["max_rows"]) == (80_000_000, 200_000)
    code, doc, _ = settings(empty_db, "reset")
    assert all(s["is_default"] for s in doc["settings"])


def test_a_bad_value_or_name_is_refused_in_danish_and_changes_nothing(empty_db: Path) -> None:
    settings(empty_db, "set", "max_rows", "300000")
    before = settings(empty_db)[1]
    for name, value, words in (
        ("max_rows", "mange", "»mange« er ikke et tal"),
        ("max_rows", "5", "mellem 100 rækker og 1.048.576 rækker"),
        ("max_cells", "999999999", "antal celler skal være mellem 100.000 celler og 30.000.000"),
        ("rækker", "5", "ingen indstilling ved navn »rækker«"),
    ):
        code, out, err = cli("settings", "set", name, value, "--db", str(empty_db), "--json")
        assert code == 1 and words in err and words in json.loads(out)["error"]["message"]
    assert settings(empty_db)[1] == before


def test_imports_obey_the_stored_limits_and_name_them(tmp_path: Path, empty_db: Path) -> None:
    rows: Any = [["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"]]
    rows += [[f"Tilbud {i}", "Aarhus", 2000 + i] for i in range(150)]
    file = simple_xlsx(tmp_path / "t.xlsx", rows)
    settings(empty_db, "set", "max_rows", "100")
    before = dump(empty_db)
    code, _out, err = cli("import", "takstfil", str(file), "--db", str(empty_db), "--dry-run")
    assert code == 1 and "grænsen er 100" in err and "»største antal rækker«" in err
    assert dump(empty_db) == before
    settings(empty_db, "reset", "max_rows")
    code, out, _ = cli("import", "takstfil", str(file), "--db", str(empty_db), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["rows_read"] == 150


def test_a_raised_cell_length_lets_a_long_text_through(tmp_path: Path, empty_db: Path) -> None:
    note = "Bemærk: " + "ø" * 2_500
    rows: list[list[Cell | Formula]] = [
        ["Tilbud", "Kommune", "Bemærkning", "Takst 2026 kr. pr. døgn"],
        ["Bostedet", "Aarhus", note, 2000],
    ]
    file = simple_xlsx(tmp_path / "long.xlsx", rows)
    code, out, _ = cli("import", "takstfil", str(file), "--db", str(empty_db), "--dry-run", "--json")
    assert code == 1 and "»længste celle«" in json.loads(out)["error"]["message"]  # no row is valid
    settings(empty_db, "set", "længste celle", "5000")
    code, out, _ = cli("import", "takstfil", str(file), "--db", str(empty_db), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["imported"] == 1


def test_a_name_longer_than_the_catalogue_stores_refuses_its_row_only(tmp_path: Path, empty_db: Path) -> None:
    rows: list[list[Cell | Formula]] = [
        ["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"],
        ["B" * 301, "Aarhus", 2000],
        ["Koglen", "Aarhus", 2100],
    ]
    code, out, _ = cli(
        "import", "takstfil", str(simple_xlsx(tmp_path / "n.xlsx", rows)), "--db", str(empty_db), "--json"
    )
    doc = json.loads(out)
    assert code == 0 and doc["imported"] == 1
    assert [(r["row"], r["column"]) for r in doc["rejected"]] == [(2, "A")]
    assert "301 tegn; et tilbuds navn må højst være 300 tegn" in doc["rejected"][0]["reason"]
