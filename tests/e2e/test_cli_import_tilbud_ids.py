"""`rammedesk import takstfil` on a file giving an existing tilbud a new CVR, P-nummer or
telefon: the dry run lists it (JSON `changed_tilbud`, `tilbud_changes`), the import stores it,
`rammedesk import undo` puts the stored values back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.data.xlsx_builder import Cell, Formula, simple_xlsx
from tests.e2e.test_cli import cli

HEADER: list[Cell | Formula] = ["Tilbud", "Kommune", "Ydelse", "Tlf.", "Døgntakst 2026"]


def _tilbud(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM tilbud ORDER BY id").fetchall()


def test_a_new_phone_number_is_previewed_stored_and_undone(tmp_path: Path, empty_db: Path) -> None:
    first = simple_xlsx(
        tmp_path / "a.xlsx", [HEADER, ["Lysningen", "Silkeborg", "Ophold", "70203040", "2.500,00"]]
    )
    assert cli("import", "takstfil", str(first), "--db", str(empty_db))[0] == 0
    before = _tilbud(empty_db)
    second = simple_xlsx(
        tmp_path / "b.xlsx",
        [
            HEADER,
            ["Lysningen", "Silkeborg", "Ophold", "86 12 34 56", "2.500,00"],
            ["Lysningen", "Silkeborg", "Akut", "99887766", "2.900,00"],
        ],
    )
    code, out, _ = cli("import", "takstfil", str(second), "--db", str(empty_db), "--dry-run", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["dry_run"] and doc["changed_tilbud"] == 1
    assert doc["tilbud_changes"] == [
        {
            "sheet": doc["sheet"],
            "row": 2,
            "tilbud": "Lysningen",
            "field": "telefon",
            "old": "70203040",
            "new": "86123456",
        }
    ]
    (refused,) = doc["rejected"]
    assert (refused["row"], refused["column"]) == (3, "D")
    assert "har telefonnummer 86123456 i række 2, men 99887766 her" in refused["reason"]
    assert _tilbud(empty_db) == before

    code, out, _ = cli("import", "takstfil", str(second), "--db", str(empty_db))
    assert code == 0 and "Tilbud med nyt CVR, P-nummer eller telefon: 1" in out
    assert "række 2: Lysningen — telefonnummer: 70203040 → 86123456" in out
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT telefon FROM tilbud").fetchall() == [("86123456",)]
    code, _out, _ = cli("import", "undo", "--db", str(empty_db))
    assert code == 0 and _tilbud(empty_db) == before
