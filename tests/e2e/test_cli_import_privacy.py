"""A CPR-like number in a file name, sheet name, --source or output name is never echoed or stored;
a file with no valid row lists its refusals in the JSON error; mapping and scenario files are
read with a BOM and their JSON errors are Danish."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.data.xlsx_builder import sheet_xml, simple_xlsx, write_xlsx
from tests.e2e.test_cli import cli

CPR = "150287-4411"
DIGITS = ("150287", "4411", "1502874411")
ROWS: Any = [["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"], ["Solsikken", "Aarhus", 2000]]
FILE_NAME_MESSAGE = "Filnavnet indeholder noget, der ligner et CPR-nummer. Omdøb filen, og indlæs den igen."


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}


def no_cpr(*texts: str) -> bool:
    return not any(d in t for t in texts for d in DIGITS)


def db_has_no_cpr(db: Path) -> bool:
    return no_cpr(repr(dump(db)))


def imp(db: Path, file: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = cli("import", "takstfil", str(file), "--db", str(db), "--json", *extra)
    return code, json.loads(out), err


@pytest.mark.parametrize("name", [f"borger_{CPR}.csv", f"takster {CPR.replace('-', '')}.xlsx"])
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_file_named_with_a_cpr_number_is_refused_unread(
    tmp_path: Path, empty_db: Path, name: str, dry_run: bool
) -> None:
    good = tmp_path / ("good.csv" if name.endswith(".csv") else "good.xlsx")
    if name.endswith(".csv"):
        good.write_text("Tilbud;Kommune;Takst 2026 kr. pr. døgn\nSolsikken;Aarhus;2000\n", encoding="utf-8")
    else:
        simple_xlsx(good, ROWS)
    assert imp(empty_db, good, "--dry-run")[0] == 0  # the same content under a plain name is fine
    file = tmp_path / name
    shutil.copy(good, file)
    before = dump(empty_db)
    errors = tmp_path / "fejl.xlsx"
    code, doc, err = imp(empty_db, file, "--errors", str(errors), *(["--dry-run"] if dry_run else []))
    assert code == 1 and doc["error"]["message"] == FILE_NAME_MESSAGE
    assert "…" in doc["error"]["where"]
    assert no_cpr(json.dumps(doc), err) and dump(empty_db) == before and not errors.exists()


def test_a_missing_file_named_with_a_cpr_number_is_not_echoed(tmp_path: Path, empty_db: Path) -> None:
    code, doc, err = imp(empty_db, tmp_path / f"sag {CPR}.xlsx")
    assert code == 1 and doc["error"]["message"] == FILE_NAME_MESSAGE and no_cpr(json.dumps(doc), err)


def _two_sheets(path: Path) -> Path:
    return write_xlsx(path, {f"Sag {CPR}": sheet_xml(ROWS), "Takster": sheet_xml(ROWS)})


def test_a_sheet_named_with_a_cpr_number_is_skipped_and_never_stored(tmp_path: Path, empty_db: Path) -> None:
    file = _two_sheets(tmp_path / "takster.xlsx")
    code, doc, err = imp(empty_db, file, "--dry-run")
    assert code == 0 and doc["sheet"] == "Takster" and no_cpr(json.dumps(doc), err)
    code, doc, err = imp(empty_db, file)
    assert code == 0 and doc["imported"] == 1 and no_cpr(json.dumps(doc), err)
    assert db_has_no_cpr(empty_db)


def test_a_cpr_sheet_chosen_or_alone_is_refused_without_the_number(tmp_path: Path, empty_db: Path) -> None:
    only = write_xlsx(tmp_path / "sag.xlsx", {f"Sag {CPR}": sheet_xml(ROWS)})
    two = _two_sheets(tmp_path / "to.xlsx")
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps(
            {"version": 1, "sheet": f"Sag {CPR}", "header_row": 1,
             "columns": {"A": "tilbud", "B": "kommune", "C": "beloeb"}, "years": {"C": 2026}}
        ),
        encoding="utf-8",
    )  # fmt: skip
    before = dump(empty_db)
    errors = tmp_path / "fejl.xlsx"
    for file, extra in (
        (only, ()),
        (only, ("--dry-run",)),
        (two, ("--sheet", f"Sag {CPR}")),
        (two, ("--mapping", str(mapping))),
    ):
        code, doc, err = imp(empty_db, file, "--errors", str(errors), *extra)
        assert code == 1, extra
        message = doc["error"]["message"]
        assert "ligner et CPR-nummer" in message and "Omdøb arket" in message, message
        assert no_cpr(json.dumps(doc), err) and dump(empty_db) == before and not errors.exists()


def test_a_cpr_like_source_or_output_name_is_refused(tmp_path: Path, empty_db: Path) -> None:
    file = simple_xlsx(tmp_path / "takster.xlsx", ROWS)
    before = dump(empty_db)
    code, doc, err = imp(empty_db, file, "--source", f"Borger {CPR}")
    assert code == 1 and doc["error"]["where"] == "--source" and no_cpr(json.dumps(doc), err)
    for option in ("--errors", "--diff", "--save-mapping"):
        target = tmp_path / f"ud_{CPR}.xlsx"
        code, doc, err = imp(empty_db, file, option, str(target))
        assert code == 1 and "ligner et CPR-nummer" in doc["error"]["message"], option
        assert no_cpr(json.dumps(doc), err) and not target.exists()
    assert dump(empty_db) == before


def test_other_imports_refuse_a_cpr_file_name(tmp_path: Path, empty_db: Path) -> None:
    pl = tmp_path / f"pl {CPR}.csv"
    pl.write_text("År;Sats;Kilde\n2028;3,0;KL skøn\n", encoding="utf-8")
    population = tmp_path / f"befolkning {CPR}.csv"
    population.write_text("Kommunekode;År;Alder;Antal\n751;2027;5;100\n", encoding="utf-8")
    portfolio = tmp_path / f"portefølje {CPR}.csv"
    portfolio.write_text(
        "Sagsnummer;Paragraf;Takst;Enhed;Takstår;Start\n1;SEL_107;1000;døgn;2027;2027-01-01\n"
    )
    before = dump(empty_db)
    for argv in (
        ("pl", "import", str(pl)),
        ("population", "import", str(population)),
        ("portfolio", "import", str(portfolio), "--name", "Budget"),
        ("portfolio", "project", str(portfolio), "--from", "2027", "--years", "1"),
    ):
        code, out, err = cli(*argv, "--db", str(empty_db), "--json")
        doc = json.loads(out)
        assert code == 1 and doc["error"]["message"] == FILE_NAME_MESSAGE, argv
        assert no_cpr(out, err), argv
    assert dump(empty_db) == before


@pytest.mark.parametrize("dry_run", [True, False])
def test_no_valid_row_lists_the_refusals_in_the_json_error(
    tmp_path: Path, empty_db: Path, dry_run: bool
) -> None:
    file = simple_xlsx(
        tmp_path / "alt forkert.xlsx",
        [
            ["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"],
            ["Bostedet", "Aarhus", "ca. 3000"],
            ["Hus", "Aarhus", -5],
        ],
    )
    code, doc, _err = imp(empty_db, file, *(["--dry-run"] if dry_run else []))
    assert code == 1 and "Ingen gyldige rækker" in doc["error"]["message"]
    rejected = doc["error"]["rejected"]
    assert [(r["sheet"], r["row"], r["column"]) for r in rejected] == [
        ("Takster", 2, "C"),
        ("Takster", 3, "C"),
    ]
    assert all(set(r) == {"sheet", "row", "column", "reason"} and r["reason"] for r in rejected)


def _mapping_text() -> str:
    return json.dumps(
        {"version": 1, "sheet": "Takster", "header_row": 1,
         "columns": {"A": "tilbud", "B": "kommune", "C": "beloeb"}, "years": {"C": 2026}}
    )  # fmt: skip


def test_a_mapping_file_with_a_bom_is_read(tmp_path: Path, empty_db: Path) -> None:
    file = simple_xlsx(tmp_path / "takster.xlsx", ROWS)
    mapping = tmp_path / "m.json"
    mapping.write_bytes(b"\xef\xbb\xbf" + _mapping_text().encode("utf-8"))
    code, doc, _err = imp(empty_db, file, "--mapping", str(mapping), "--dry-run")
    assert code == 0 and doc["imported"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version":1,"sheet":"Ark1",}', "linje 1, kolonne 29: der mangler et navn i anførselstegn"),
        ('{\n  "version": 1\n  "sheet": "Ark1"}', "linje 3, kolonne 3: der mangler et komma"),
        ("", "linje 1, kolonne 1: der mangler en værdi"),
    ],
)
def test_a_mapping_file_that_is_not_json_gets_a_danish_message(
    tmp_path: Path, empty_db: Path, text: str, expected: str
) -> None:
    file = simple_xlsx(tmp_path / "takster.xlsx", ROWS)
    mapping = tmp_path / "m.json"
    mapping.write_text(text, encoding="utf-8")
    code, doc, _err = imp(empty_db, file, "--mapping", str(mapping), "--dry-run")
    message = doc["error"]["message"]
    assert code == 1 and message.startswith(f"Mapping-filen er ikke gyldig JSON: {expected}"), message
    assert "Expecting" not in message and "char" not in message


def test_a_scenario_file_with_a_bom_or_bad_json(tmp_path: Path) -> None:
    from tests.e2e.test_cli_portfolio import _portfolio

    portfolio = _portfolio(tmp_path)
    scenario = tmp_path / "s.json"
    scenario.write_text('{"scenarier": [}', encoding="utf-8")
    code, out, _err = cli(
        "portfolio", "project", str(portfolio), "--scenario", str(scenario), "--from", "2027", "--json"
    )
    message = json.loads(out)["error"]["message"]
    assert code == 1 and message.startswith("Scenariefilen er ikke gyldig JSON: linje 1, kolonne 16: "), (
        message
    )
    assert "Expecting" not in message
    scenario.write_bytes(b"\xef\xbb\xbf" + b'{"scenarier": [}')  # the BOM itself is not the problem
    code, out, _err = cli(
        "portfolio", "project", str(portfolio), "--scenario", str(scenario), "--from", "2027", "--json"
    )
    assert "kolonne 16" in json.loads(out)["error"]["message"]
