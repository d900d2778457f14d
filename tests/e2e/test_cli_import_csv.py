"""`rammedesk import takstfil` on csv files: delimiter and encoding detection end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import cli
from tests.e2e.test_cli_import import dump


def test_a_utf8_file_with_a_cp1252_line_changes_nothing(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "takster.csv"
    path.write_bytes(
        "Tilbud;Enhed;Takst 2024\nBørnehuset;døgn;2.150,50\n".encode()
        + "Bofællesskab Vest, afd. 2;døgn;1.000\n".encode("cp1252")
    )
    before = dump(empty_db)
    code, out, _ = cli("import", "takstfil", str(path), "--db", str(empty_db), "--kommune", "751", "--json")
    error = json.loads(out)["error"]
    assert code == 1 and error["where"] == "takster.csv"
    assert "linje 3 (tegn 4: byten 0xE6 = »æ«)" in error["message"]
    assert dump(empty_db) == before


def test_a_semicolon_file_with_unquoted_commas_imports(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "takster.csv"
    rows = "".join(f"Bofællesskab {i}, afd. 2, Aarhus;døgn;2.150,5{i}\n" for i in range(6))
    path.write_bytes(("Tilbud;Enhed;Takst 2024\n" + rows).encode("cp1252"))
    code, out, _ = cli("import", "takstfil", str(path), "--db", str(empty_db), "--kommune", "751", "--json")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 6 and report["rejected"] == []
    hits = json.loads(cli("search", "Bofællesskab 3", "--db", str(empty_db), "--json")[1])["hits"]
    assert [h["tilbud"] for h in hits] == ["Bofællesskab 3, afd. 2, Aarhus"]


def test_unquoted_decimal_commas_are_refused_row_by_row(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "takster.csv"
    path.write_text(
        "Tilbud,Kommune,Enhed,Takst 2025\nKørselshuset,Vordingborg,km,9,39\n"
        "Timehuset,Vordingborg,time,417,50\nDøgnhuset,Vordingborg,døgn,2.750\n",
        encoding="utf-8",
    )
    code, out, _ = cli("import", "takstfil", str(path), "--db", str(empty_db), "--json")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 1
    assert [(r["row"], r["column"]) for r in report["rejected"]] == [(2, "D"), (3, "D")]
    assert all("flere felter end overskriften (5 i stedet for 4)" in r["reason"] for r in report["rejected"])
    hits = json.loads(cli("search", "huset", "--db", str(empty_db), "--json")[1])["hits"]
    assert [h["tilbud"] for h in hits] == ["Døgnhuset"]


def test_a_mac_roman_file_changes_nothing(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "takster.csv"
    path.write_bytes("Tilbud;Kommunekode;Enhed;Takst 2025\nSøndergård;540;dag;1.053\n".encode("mac_roman"))
    before = dump(empty_db)
    code, out, _ = cli("import", "takstfil", str(path), "--db", str(empty_db), "--json")
    error = json.loads(out)["error"]
    assert code == 1 and error["where"] == "takster.csv"
    assert "Mac Roman" in error["message"] and "linje 2" in error["message"]
    assert dump(empty_db) == before
