"""`rammedesk import takstfil`: the takst year from the title block, two-row amount headers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.data.xlsx_builder import simple_xlsx
from tests.e2e.test_cli import cli
from tests.e2e.test_cli_import import run_json


def _stored(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT y.navn, t.aar, t.art, t.beloeb FROM takst t "
            "JOIN ydelse y ON y.id = t.ydelse_id ORDER BY t.id"
        ).fetchall()


def test_the_takst_year_of_the_title_not_the_rammeaftale_period_nor_the_print_date(
    tmp_path: Path, empty_db: Path
) -> None:
    file = simple_xlsx(
        tmp_path / "takster.xlsx",
        [
            ["Rammeaftale 2023-2026 / Takster 2025"],
            ["Udskrevet 03-11-2024", None, "kr. pr. døgn"],
            ["Tilbud", "Kommune", "Ydelse", "Takst"],
            ["Koglen", "Aarhus", "Døgnophold", "2.500,00"],
        ],
    )
    code, report = run_json("import", "takstfil", str(file), "--db", str(empty_db))
    assert code == 0 and report["rejected"] == []
    assert _stored(empty_db) == [("Døgnophold", 2025, "samlet", 250000)]


def test_title_years_that_disagree_ask_for_the_year(tmp_path: Path, empty_db: Path) -> None:
    file = simple_xlsx(
        tmp_path / "takster.xlsx",
        [
            ["Takster 2024, kr. pr. døgn"],
            ["Takster 2025"],
            ["Tilbud", "Kommune", "Takst"],
            ["Koglen", "Aarhus", 2500],
        ],
    )
    code, _out, err = cli("import", "takstfil", str(file), "--db", str(empty_db))
    assert code == 1 and "Året for taksten mangler" in err and _stored(empty_db) == []
    assert cli("import", "takstfil", str(file), "--db", str(empty_db), "--year", "2025")[0] == 0
    assert [row[1] for row in _stored(empty_db)] == [2025]


def test_a_year_heading_over_basis_and_ydelse(tmp_path: Path, empty_db: Path) -> None:
    file = simple_xlsx(
        tmp_path / "nord.xlsx",
        [
            ["Takster, kr. pr. døgn"],
            ["Tilbud", "Kommune", "Ydelse", "Takst 2023", None, "Takst 2024", None],
            [None, None, None, "Basis", "Ydelse", "Basis", "Ydelse"],
            ["Center Nord", "Aalborg", "Døgnophold", "3.187", "402", "3.250", "410"],
        ],
        merged=("D2:E2", "F2:G2"),
    )
    code, report = run_json("import", "takstfil", str(file), "--db", str(empty_db))
    assert code == 0 and report["rejected"] == []
    assert [report["mapping"][c] for c in "CDEFG"] == ["ydelse"] + ["basistakst", "ydelsestakst"] * 2
    assert report["years"] == {"D": 2023, "E": 2023, "F": 2024, "G": 2024}
    assert _stored(empty_db) == [
        ("Døgnophold", 2023, "basis", 318700),
        ("Døgnophold", 2023, "ydelse", 40200),
        ("Døgnophold", 2024, "basis", 325000),
        ("Døgnophold", 2024, "ydelse", 41000),
    ]


def test_a_first_data_row_naming_a_grundtakst_is_data_not_header(tmp_path: Path, empty_db: Path) -> None:
    file = tmp_path / "bostoette.csv"
    file.write_text(
        "Tilbud;Kommune;Ydelse;Enhed;Takst 2023\r\n"
        "Bostøtten;Vejle;Grundtakst;kr./dag;459,50\r\n"
        "Bostøtten;Vejle;Bostøtte;kr./time;370,15\r\n"
        "Bostøtten;Vejle;Nattevagt;kr./dag;215,00\r\n",
        encoding="utf-8",
    )
    code, report = run_json("import", "takstfil", str(file), "--db", str(empty_db))
    assert code == 0 and report["rejected"] == [] and report["header_row"] == 1
    assert report["mapping"]["C"] == "ydelse"
    assert _stored(empty_db) == [
        ("Grundtakst", 2023, "samlet", 45950),
        ("Bostøtte", 2023, "samlet", 37015),
        ("Nattevagt", 2023, "samlet", 21500),
    ]
