"""`rammedesk import takstfil` / `import undo` end to end on the generated corpus."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cli import cli
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)

HOSTILE = [
    "billion_laughs.xlsx",
    "csv_named.xlsx",
    "empty.xlsx",
    "old_named.xlsx",
    "sst_bomb.xlsx",
    "truncated.xlsx",
    "xxe.xlsx",
    "zip_bomb.xlsx",
    "old.xls",
    "utf16.csv",
    "empty.csv",
    "far_cell.xlsx",
    "wide_header.xlsx",
    "bad_ref.xlsx",
    "far_row_attr.xlsx",
    "too_many_cells.xlsx",
    "unnumbered_cells.xlsx",
    "unclosed_quote.csv",
    "late_quote.csv",
    "binary.csv",
    "control_bytes.csv",
    "nul.csv",
    "utf32.csv",
]


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(*args, "--json")
    return code, json.loads(out)


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT * FROM takst ORDER BY id").fetchall()
            + conn.execute("SELECT id, navn FROM tilbud ORDER BY id").fetchall()
        )


def test_import_report_undo_and_search(corpus: Path, empty_db: Path) -> None:  # noqa: F811
    file = corpus / "years_side_by_side.xlsx"
    before = dump(empty_db)
    code, dry = run_json(
        "import", "takstfil", str(file), "--db", str(empty_db), "--kommune", "751", "--dry-run"
    )
    assert code == 0 and dry["dry_run"] and dry["batch_id"] is None and dry["imported"] > 0
    assert dump(empty_db) == before
    code, doc = run_json("import", "takstfil", str(file), "--db", str(empty_db), "--kommune", "751")
    assert code == 0
    assert {k: doc[k] for k in ("rows_read", "imported", "new_tilbud", "changed_takster")} == {
        "rows_read": dry["rows_read"],
        "imported": dry["imported"],
        "new_tilbud": dry["new_tilbud"],
        "changed_takster": 0,
    }
    assert set(doc["years"].values()) == {2022, 2023, 2024} and doc["batch_id"] is not None
    assert doc["new_tilbud_kommunal_assumed"] == doc["new_tilbud"] == 2  # the file names no driftsherre
    code, found = run_json("search", "koglen", "--db", str(empty_db))
    assert code == 0 and found["total"] >= 1
    code, again = run_json("import", "takstfil", str(file), "--db", str(empty_db), "--kommune", "751")
    assert code == 0 and again["imported"] == 0 and again["unchanged"] == doc["imported"]
    assert run_json("import", "undo", "--db", str(empty_db))[0] == 0  # the no-op second import
    code, undone = run_json("import", "undo", "--db", str(empty_db))
    assert code == 0 and undone["batch_id"] == doc["batch_id"]
    assert dump(empty_db) == before


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_exits_1_and_changes_nothing(corpus: Path, empty_db: Path, name: str) -> None:  # noqa: F811
    before = dump(empty_db)
    code, doc = run_json("import", "takstfil", str(corpus / name), "--db", str(empty_db), "--year", "2026")
    assert code == 1, doc
    assert doc["error"]["message"] and name in (doc["error"]["where"] or "")
    assert dump(empty_db) == before


def test_rejected_rows_name_sheet_row_and_column(corpus: Path, empty_db: Path) -> None:  # noqa: F811
    code, doc = run_json(
        "import",
        "takstfil",
        str(corpus / "tilbudsportalen.xlsx"),
        "--db",
        str(empty_db),
        "--kommune",
        "101",
        "--year",
        "2026",
    )
    assert code == 0
    cpr = [r for r in doc["rejected"] if "CPR" in r["reason"]]
    assert cpr and all(isinstance(r["row"], int) and r["sheet"] for r in cpr)
    assert not any(re.search(r"\d{6}-?\d{4}", r["reason"]) for r in doc["rejected"])  # never echoed


def test_demo_database_needs_force(corpus: Path, demo_db: Path) -> None:  # noqa: F811
    code, doc = run_json(
        "import",
        "takstfil",
        str(corpus / "years_side_by_side.xlsx"),
        "--db",
        str(demo_db),
        "--kommune",
        "751",
    )
    assert code == 1 and "demodata" in doc["error"]["message"]


def test_missing_file_and_bad_mapping(tmp_path: Path, empty_db: Path, corpus: Path) -> None:  # noqa: F811
    code, doc = run_json("import", "takstfil", str(tmp_path / "nope.xlsx"), "--db", str(empty_db))
    assert code == 1 and doc["error"]["where"].endswith("nope.xlsx")
    bad = tmp_path / "m.json"
    bad.write_text('{"version": 1, "columns": {"A1": "tilbud"}}', encoding="utf-8")
    code, doc = run_json(
        "import",
        "takstfil",
        str(corpus / "years_side_by_side.xlsx"),
        "--mapping",
        str(bad),
        "--db",
        str(empty_db),
    )
    assert code == 1


def test_error_report_and_saved_mapping(corpus: Path, empty_db: Path, tmp_path: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook

    report, mapping = tmp_path / "fejl.xlsx", tmp_path / "mapping.json"
    file = corpus / "tilbudsportalen.xlsx"
    code, doc = run_json(
        "import",
        "takstfil",
        str(file),
        "--db",
        str(empty_db),
        "--kommune",
        "101",
        "--year",
        "2026",
        "--errors",
        str(report),
        "--save-mapping",
        str(mapping),
        "--dry-run",
    )
    assert code == 0
    rows = list(load_workbook(report, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Fil", "Ark", "Række") and len(rows) == 1 + len(doc["rejected"])
    saved = json.loads(mapping.read_text(encoding="utf-8"))
    assert saved["columns"] == doc["mapping"]
    code, again = run_json(
        "import",
        "takstfil",
        str(file),
        "--db",
        str(empty_db),
        "--kommune",
        "101",
        "--year",
        "2026",
        "--mapping",
        str(mapping),
        "--dry-run",
    )
    assert code == 0 and again["mapping"] == doc["mapping"] and again["imported"] == doc["imported"]


def test_levels_become_ydelser_with_niveau(corpus: Path, empty_db: Path) -> None:  # noqa: F811
    file = str(corpus / "levels_side_by_side.xlsx")
    code, doc = run_json("import", "takstfil", file, "--db", str(empty_db), "--kommune", "751")
    assert code == 0
    assert doc["levels"] == {"C": "Niveau 1", "D": "Niveau 2", "E": "Niveau 3"}
    assert (doc["rows_read"], doc["imported"], doc["new_tilbud"]) == (2, 6, 1)
    with sqlite3.connect(empty_db) as conn:
        stored = conn.execute(
            "SELECT a.navn, y.navn, y.niveau, t.aar, t.beloeb, t.individuel_pris FROM takst t "
            "JOIN ydelse y ON y.id = t.ydelse_id JOIN afdeling a ON a.id = y.afdeling_id ORDER BY t.id"
        ).fetchall()
    assert stored == [
        ("Bo- og genoptræning §107", "Ophold", "Niveau 1", 2020, 239600, 0),
        ("Bo- og genoptræning §107", "Ophold", "Niveau 2", 2020, 283100, 0),
        ("Bo- og genoptræning §107", "Ophold", "Niveau 3", 2020, 313200, 0),
        ("Aflastning", "Ophold", "Niveau 1", 2020, 210000, 0),
        ("Aflastning", "Ophold", "Niveau 2", 2020, 245050, 0),
        ("Aflastning", "Ophold", "Niveau 3", 2020, None, 1),
    ]
    code, again = run_json("import", "takstfil", file, "--db", str(empty_db), "--kommune", "751")
    assert code == 0 and (again["imported"], again["unchanged"]) == (0, 6)


@pytest.mark.parametrize("dry_run", [False, True])
def test_no_valid_row_exits_1_and_still_writes_the_error_report(
    tmp_path: Path, empty_db: Path, dry_run: bool
) -> None:
    from openpyxl import load_workbook

    from tests.data.xlsx_builder import simple_xlsx

    file = simple_xlsx(
        tmp_path / "alt forkert.xlsx",
        [
            ["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"],
            ["Bostedet", "Aarhus", "ca. 3000"],
            ["Hus", "Aarhus", -5],
        ],
    )
    errors = tmp_path / "fejl.xlsx"
    before = dump(empty_db)
    code, out, err = cli(
        "import", "takstfil", str(file), "--db", str(empty_db), "--errors", str(errors),
        *(["--dry-run"] if dry_run else []),
    )  # fmt: skip
    assert code == 1 and "Ingen gyldige rækker" in err and dump(empty_db) == before
    sheet = load_workbook(errors, read_only=True).worksheets[0]
    cells = [str(v) for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert {"2", "3"} <= set(cells) and any("negativt" in c for c in cells)


def test_ambiguous_rows_are_listed_with_labels_and_resolved_by_choice(tmp_path: Path, empty_db: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    both: Any = [
        ["Tilbud", "Kommune", "Takst 2026 pr. døgn"],
        ["Solsikken", "Aarhus", 2000],
        ["Solsikken", "Odense", 2100],
    ]
    first = simple_xlsx(tmp_path / "a.xlsx", both)
    assert run_json("import", "takstfil", str(first), "--db", str(empty_db))[0] == 0
    later = simple_xlsx(tmp_path / "b.xlsx", [["Tilbud", "Takst 2026 kr. pr. døgn"], ["Solsikken", 2500]])
    code, doc = run_json("import", "takstfil", str(later), "--db", str(empty_db), "--dry-run")
    (amb,) = doc["ambiguous"]
    assert code == 0 and amb["row"] == 2 and len(amb["candidates"]) == 2 and doc["imported"] == 0
    aarhus = next(c for c, label in zip(amb["candidates"], amb["labels"], strict=True) if "Aarhus" in label)
    code, doc = run_json(
        "import", "takstfil", str(later), "--db", str(empty_db), "--resolve", f"Solsikken={aarhus}"
    )
    assert code == 0 and doc["ambiguous"] == [] and doc["changed_takster"] == 1
    assert doc["changes"][0]["old"] == "2000.00"
    code, _out, err = cli("import", "takstfil", str(later), "--db", str(empty_db), "--resolve", "Solsikken")
    assert code == 1 and "NAVN=ID" in err


def test_next_years_file_lists_its_new_takster_against_the_year_before(
    tmp_path: Path, empty_db: Path
) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    head: list[Any] = ["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"]
    first = simple_xlsx(
        tmp_path / "a.xlsx", [head, ["Egebo", "Køge", 2000], ["Lien", "Køge", "Individuel pris"]]
    )
    assert run_json("import", "takstfil", str(first), "--db", str(empty_db))[0] == 0
    rows: Any = [
        ["Tilbud", "Kommune", "Takst 2027 kr. pr. døgn"],
        ["Egebo", "Køge", "2.070,00"],
        ["Lien", "Køge", 3100],
        ["Nyt Sted", "Køge", 1500],
    ]
    code, doc = run_json(
        "import", "takstfil", str(simple_xlsx(tmp_path / "b.xlsx", rows)), "--db", str(empty_db)
    )
    assert code == 0 and (doc["new_takster"], doc["changed_takster"], doc["changes"]) == (3, 0, [])
    compared = {
        c["tilbud"]: (c["old_year"], c["old"], c["new"], c["change_pct"]) for c in doc["new_vs_previous_year"]
    }
    assert compared == {"Egebo": (2026, "2000.00", "2070.00", "3.50"), "Lien": (2026, None, "3100.00", None)}
    assert cli("import", "undo", "--db", str(empty_db))[0] == 0  # so the dry run below sees them new
    overview = tmp_path / "ændringer.xlsx"
    code, out, _ = cli(
        "import",
        "takstfil",
        str(tmp_path / "b.xlsx"),
        "--db",
        str(empty_db),
        "--dry-run",
        "--diff",
        str(overview),
    )
    assert code == 0 and "Egebo — Ophold 2027: 2.000,00 kr. (2026) → 2.070,00 kr. (+3,50 %)" in out
    from openpyxl import load_workbook

    wb = load_workbook(overview, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    assert rows[0][7:] == ("Sammenlignet med", "Gammel takst", "Ny takst", "Ændring %")
    assert [r[2] for r in rows[1:]] == ["Egebo", "Lien"]
    assert rows[1][7:10] == ("Takst 2026 (ny takst)", 2000, 2070) and rows[2][8] == "individuel pris"
    code, _out, err = cli(
        "import", "takstfil", str(tmp_path / "b.xlsx"), "--db", str(empty_db), "--diff", "/nope/x.xlsx"
    )
    assert code == 1 and "--diff" in err and "findes ikke" in err


def test_a_sheet_too_large_is_refused_but_the_files_other_sheet_imports(corpus: Path, empty_db: Path) -> None:  # noqa: F811
    file = str(corpus / "far_notes_sheet.xlsx")
    code, out, err = cli(
        "import", "takstfil", file, "--db", str(empty_db), "--sheet", "Noter", "--year", "2024"
    )
    assert code == 1 and "Arket »Noter« går ned til række 1.048.576" in err and out == ""
    code, doc = run_json("import", "takstfil", file, "--db", str(empty_db), "--kommune", "751", "--dry-run")
    assert code == 0 and doc["sheet"] == "Takster" and doc["imported"] == 2


def test_the_text_report_names_the_afdeling_and_undo_counts_in_danish(tmp_path: Path, empty_db: Path) -> None:
    from tests.data.xlsx_builder import Cell, Formula, simple_xlsx

    base: list[list[Cell | Formula]] = [  # "Døgntakst" in the header is the unit
        ["Tilbud", "Afdeling", "Kommune", "Døgntakst 2025"],
        ["Lysningen", "Hus A", "Silkeborg", "2.500,00"],
    ]
    assert (
        cli("import", "takstfil", str(simple_xlsx(tmp_path / "a.xlsx", base)), "--db", str(empty_db))[0] == 0
    )
    revised: list[list[Cell | Formula]] = [
        ["Tilbud", "Afdeling", "Kommune", "Døgntakst 2025", "Døgntakst 2026"],
        ["Lysningen", "Hus A", "Silkeborg", "2.550,00", "2.600,00"],
    ]
    code, out, _ = cli(
        "import", "takstfil", str(simple_xlsx(tmp_path / "b.xlsx", revised)), "--db", str(empty_db)
    )
    assert (
        code == 0 and "række 2: Lysningen, Hus A — Ophold 2025: 2.500,00 kr. → 2.550,00 kr. (+2,00 %)" in out
    )
    code, out, _ = cli("import", "undo", "--db", str(empty_db))
    assert code == 0 and "1 takst gendannet, 1 takst fjernet og 0 tilbud fjernet." in out


def test_amounts_with_and_without_moms_side_by_side(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "lyng.csv"
    path.write_text(
        "Takster 2023\n\nTilbud;Kommune;Grundtakst kr./dag ekskl. moms;Grundtakst kr./dag inkl. moms;"
        "Bostøtte kr./time ekskl. moms;Bostøtte kr./time inkl. moms\n"
        "Bofællesskabet Lyng;Aarhus;459,50;482,00;370,15;388,00\n",
        encoding="utf-8",
    )
    # Proposed: the takst i alt of each ydelse, named without its moms words; the net twins ignored.
    code, report = run_json("import", "takstfil", str(path), "--db", str(empty_db), "--dry-run")
    assert code == 0 and report["imported"] == 2 and report["rejected"] == []
    assert report["mapping"] == {"A": "tilbud", "B": "kommune", "C": "ignore", "D": "basistakst",
                                 "E": "ignore", "F": "beloeb"}  # fmt: skip
    # Both twins mapped: one takst per year is stored, and the refusal says which columns clash.
    mapping = tmp_path / "both.json"
    mapping.write_text(
        json.dumps(
            {
                "version": 1,
                "sheet": "lyng",
                "header_row": 3,
                "years": {c: 2023 for c in "CDEF"},
                "columns": {
                    "A": "tilbud",
                    "B": "kommune",
                    "C": "basistakst",
                    "D": "basistakst",
                    "E": "beloeb",
                    "F": "beloeb",
                },
            }  # fmt: skip
        ),
        encoding="utf-8",
    )
    code, report = run_json("import", "takstfil", str(path), "--db", str(empty_db), "--mapping", str(mapping))
    # Nothing could be stored: exit 1, and the tilbud the row would have created is not left behind.
    message = report["error"]["message"]
    assert code == 1 and "række 4, kolonne D" in message
    assert "kolonne C og D" in message and "Ignorér" in message
    assert run_json("search", "Lyng", "--db", str(empty_db))[1]["hits"] == []
    code, report = run_json(
        "import", "takstfil", str(path), "--db", str(empty_db), "--mapping", str(mapping), "--dry-run"
    )
    assert code == 1 and "kolonne C og D" in report["error"]["message"]
    assert cli("import", "takstfil", str(path), "--db", str(empty_db))[0] == 0
    code, found = run_json("search", "Lyng", "--db", str(empty_db))
    assert code == 0 and [h["tilbud"] for h in found["hits"]] == ["Bofællesskabet Lyng"]


def test_a_row_refused_for_two_amounts_of_one_takst_creates_no_tilbud(tmp_path: Path, empty_db: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "Tilbud;Kommune;Enhed;Takst 2025 ekskl. moms;Takst 2025 inkl. moms\n"
        "A-huset;Aarhus;døgn;95;100\nB-huset;Aarhus;døgn;;200\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps({"version": 1, "sheet": "p", "header_row": 1, "years": {"D": 2025, "E": 2025},
                    "columns": {"A": "tilbud", "B": "kommune", "C": "enhed", "D": "beloeb", "E": "beloeb"}}),
        encoding="utf-8",
    )  # fmt: skip
    code, report = run_json("import", "takstfil", str(path), "--db", str(empty_db), "--mapping", str(mapping))
    assert code == 0 and report["imported"] == 1 and report["new_tilbud"] == 1
    assert [(r["row"], r["column"]) for r in report["rejected"]] == [(2, "E")]
    hits = run_json("search", "huset", "--db", str(empty_db))[1]["hits"]
    assert [h["tilbud"] for h in hits] == ["B-huset"]


def test_the_kommune_column_understands_every_common_spelling(tmp_path: Path, empty_db: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    rows: Any = [
        ["Tilbud", "Kommune", "Takst 2026 pr. døgn"],
        ["A-huset", "Aarhus Kommune", 2000],
        ["B-huset", "Københavns Kommune", 2000],
        ["C-huset", "Bornholms Regionskommune", 2000],
        ["D-huset", "751 Aarhus", 2000],
        ["E-huset", "0101", 2000],
        ["F-huset", "Atlantis", 2000],
    ]
    code, doc = run_json(
        "import", "takstfil", str(simple_xlsx(tmp_path / "k.xlsx", rows)), "--db", str(empty_db)
    )
    assert code == 0 and doc["new_tilbud"] == 5
    assert [(r["row"], r["column"]) for r in doc["rejected"]] == [(7, "B")]
    assert "Ukendt kommune »Atlantis«" in doc["rejected"][0]["reason"]
    with sqlite3.connect(empty_db) as conn:
        placed = conn.execute("SELECT navn, kommune_kode FROM tilbud ORDER BY navn").fetchall()
    assert placed == [
        ("A-huset", 751),
        ("B-huset", 101),
        ("C-huset", 400),
        ("D-huset", 751),
        ("E-huset", 101),
    ]


def test_a_new_tilbud_below_another_gets_the_files_kommune_not_the_one_above(
    tmp_path: Path, empty_db: Path
) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    rows: Any = [
        ["Tilbud", "Kommune", "Takst 2026 pr. døgn"],
        ["Skovbrynet", "Aarhus", 2000],
        ["Engen", None, 2100],
    ]
    path = str(simple_xlsx(tmp_path / "k.xlsx", rows))
    code, doc = run_json("import", "takstfil", path, "--db", str(empty_db), "--dry-run")
    assert code == 0 and doc["new_tilbud"] == 1
    assert [(r["row"], "ingen kommune" in r["reason"]) for r in doc["rejected"]] == [(3, True)]
    code, doc = run_json("import", "takstfil", path, "--db", str(empty_db), "--kommune", "101")
    assert code == 0 and doc["new_tilbud"] == 2 and doc["rejected"] == []
    with sqlite3.connect(empty_db) as conn:
        placed = conn.execute("SELECT navn, kommune_kode FROM tilbud ORDER BY navn").fetchall()
    assert placed == [("Engen", 101), ("Skovbrynet", 751)]


def test_a_heading_with_a_paragraf_files_its_afdelinger_under_its_tilbud(
    tmp_path: Path, empty_db: Path
) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    rows: Any = [
        ["Tilbud", "Afdeling", "Paragraf", "Kommune", "Takst 2026 pr. døgn"],
        ["Engen", "Hus 1", "SEL § 108", "Aarhus", 1800],
        ["Skovbrynet", None, "SEL § 107", "Odense", None],  # a group heading, not a missing amount
        [None, "Hus 1", None, None, 2000],
        [None, "Hus 2", None, None, 2100],
    ]
    code, doc = run_json(
        "import", "takstfil", str(simple_xlsx(tmp_path / "g.xlsx", rows)), "--db", str(empty_db)
    )
    assert code == 0 and doc["rejected"] == [] and doc["imported"] == 3 and doc["new_tilbud"] == 2
    hits = run_json("search", "skovbrynet", "--db", str(empty_db))[1]["hits"]
    assert sorted((h["tilbud"], h["afdeling"], h["kommune"]) for h in hits) == [
        ("Skovbrynet", "Hus 1", "Odense"),
        ("Skovbrynet", "Hus 2", "Odense"),
    ]
    assert all("107" in " ".join(map(str, h.values())) for h in hits)


def test_as_of_takes_a_danish_date_and_names_itself_when_wrong(tmp_path: Path, empty_db: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    file = str(simple_xlsx(tmp_path / "t.xlsx", [["Tilbud", "Takst 2025 kr. pr. døgn"], ["Egebo", 2500]]))
    base = ("import", "takstfil", file, "--db", str(empty_db), "--kommune", "751")
    code, doc = run_json(*base, "--as-of", "31-12-2024")
    assert code == 0 and doc["imported"] == 1
    with sqlite3.connect(empty_db) as conn:
        stored = conn.execute("SELECT as_of FROM import_batch WHERE kind = 'takstfil'").fetchall()
    assert stored == [("2024-12-31",)]
    code, doc = run_json(*base, "--as-of", "2024-31-12", "--dry-run")
    assert code == 1 and doc["error"]["where"] == "--as-of" and "dato" in doc["error"]["message"]
