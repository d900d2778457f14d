"""`rammedesk import takstfil` on csv files: delimiter and encoding detection end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import cli


def test_a_semicolon_file_with_unquoted_commas_imports(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "takster.csv"
    rows = "".join(f"Bofællesskab {i}, afd. 2, Aarhus;døgn;2.150,5{i}\n" for i in range(6))
    path.write_bytes(("Tilbud;Enhed;Takst 2024\n" + rows).encode("cp1252"))
    code, out, _ = cli("import", "takstfil", str(path), "--db", str(empty_db), "--kommune", "751", "--json")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 6 and report["rejected"] == []
    hits = json.loads(cli("search", "Bofællesskab 3", "--db", str(empty_db), "--json")[1])["hits"]
    assert [h["tilbud"] for h in hits] == ["Bofællesskab 3, afd. 2, Aarhus"]
