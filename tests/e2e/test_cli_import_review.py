"""Findings of an outside tester's review of `rammedesk import takstfil`, each a regression test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.data.xlsx_builder import simple_xlsx
from tests.e2e.test_cli import cli

HEADER: Any = ["Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"]


def xlsx(path: Path, rows: Any) -> Path:
    return simple_xlsx(path, rows)


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        skip = {"app_setting", "search_doc", "search_facet"}  # caches, rebuilt on demand
        return {
            n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall()
            for n in names
            if n not in skip and not n.startswith("search_")
        }


def imp(db: Path, file: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = cli("import", "takstfil", str(file), "--db", str(db), "--json", *extra)
    return code, (json.loads(out) if code == 0 else {}), err


def test_cpr_like_number_in_title_or_header_refuses_the_file(tmp_path: Path, empty_db: Path) -> None:
    before = dump(empty_db)
    for rows in (
        [["Sagsbehandler 010190-1234"], HEADER, ["Solsikken", "Aarhus", 2000]],
        [
            ["Tilbud", "Kommune", "Note 311285-1111", "Takst 2026 kr. pr. døgn"],
            ["Solsikken", "Aarhus", "", 1],
        ],
    ):
        file = xlsx(tmp_path / "cpr.xlsx", rows)
        code, _doc, err = imp(empty_db, file, "--save-mapping", str(tmp_path / "m.json"))
        assert code == 1 and "ligner et CPR-nummer" in err
        assert "010190" not in err and "311285" not in err
        assert dump(empty_db) == before and not (tmp_path / "m.json").exists()


def test_bidi_override_refuses_its_row_and_zero_width_space_is_dropped(
    tmp_path: Path, empty_db: Path
) -> None:
    rows = [HEADER, ["Solsikken\u200b", "Aarhus", 2000], ["Koglen\u202e", "Aarhus", 2100]]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "ctl.xlsx", rows))
    assert code == 0 and doc["imported"] == 1
    assert [(r["row"], "kontroltegn" in r["reason"]) for r in doc["rejected"]] == [(3, True)]
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT navn FROM tilbud").fetchall() == [("Solsikken",)]


def test_unwritable_output_files_are_refused_before_anything_is_imported(
    tmp_path: Path, empty_db: Path
) -> None:
    file = xlsx(tmp_path / "ok.xlsx", [HEADER, ["Solsikken", "Aarhus", 2000]])
    before = dump(empty_db)
    for option in ("--errors", "--save-mapping"):
        code, _doc, err = imp(empty_db, file, option, str(tmp_path / "mangler" / "x.xlsx"))
        assert code == 1 and "findes ikke" in err and option in err
        assert dump(empty_db) == before


def test_another_tilbudsportalen_id_is_another_tilbud_even_with_the_same_name(
    tmp_path: Path, empty_db: Path
) -> None:
    head = ["Tilbudsid", "Tilbud", "Kommune", "Takst 2026 kr. pr. døgn"]
    first = xlsx(tmp_path / "a.xlsx", [head, [2001, "Solsikken", "Aarhus", 2000]])
    assert imp(empty_db, first)[1]["new_tilbud"] == 1
    second = xlsx(tmp_path / "b.xlsx", [head, [2002, "Solsikken", "Aarhus", 2500]])
    code, doc, _ = imp(empty_db, second)
    assert code == 0 and doc["mapping"]["A"] == "tp_tilbudsid"
    assert (doc["new_tilbud"], doc["changed_takster"]) == (1, 0)


def test_only_ambiguous_rows_exit_0_list_them_and_store_nothing(tmp_path: Path, empty_db: Path) -> None:
    both = xlsx(tmp_path / "a.xlsx", [HEADER, ["Solsikken", "Aarhus", 2000], ["Solsikken", "Odense", 2100]])
    assert imp(empty_db, both)[0] == 0
    before = dump(empty_db)
    later = xlsx(tmp_path / "b.xlsx", [["Tilbud", "Takst 2026 kr. pr. døgn"], ["Solsikken", 2500]])
    code, doc, _ = imp(empty_db, later)
    assert code == 0 and doc["imported"] == 0 and doc["batch_id"] is None
    assert [a["row"] for a in doc["ambiguous"]] == [2]
    assert dump(empty_db) == before  # no empty batch, no remembered mapping


def test_undo_puts_back_the_senders_previous_mapping_exactly(tmp_path: Path, empty_db: Path) -> None:
    rows: Any = [
        ["Tilbud", "Kommune", "Bemærkning", "Takst 2026 kr. pr. døgn"],
        ["Solsikken", "Aarhus", "x", 2000],
    ]
    file = xlsx(tmp_path / "a.xlsx", rows)
    empty = dump(empty_db)
    assert imp(empty_db, file, "--source", "Region Midt")[0] == 0
    after_first = dump(empty_db)
    rows[1][3] = 2100
    assert imp(empty_db, xlsx(tmp_path / "b.xlsx", rows), "--source", "Region Midt")[0] == 0
    for expected in (after_first, empty):
        assert cli("import", "undo", "--db", str(empty_db))[0] == 0
        assert dump(empty_db) == expected


def test_dash_amounts_are_blank_cells_not_silently_dropped_rows(tmp_path: Path, empty_db: Path) -> None:
    rows = [
        ["Tilbud", "Kommune", "Ydelse", "Takst 2025 kr. pr. døgn", "Takst 2026 kr. pr. døgn"],
        ["Solsikken", "Aarhus", "Ophold", "-", "2.000,00"],  # no 2025 takst: one takst
        ["Koglen", "Aarhus", "Ophold", "–", "n/a"],  # no amount at all: refused, said why
    ]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "d.xlsx", rows))
    assert code == 0 and doc["imported"] == 1
    assert [(r["row"], "Beløbet mangler" in r["reason"]) for r in doc["rejected"]] == [(3, True)]


def test_amount_columns_of_one_year_are_each_their_own_ydelse(tmp_path: Path, empty_db: Path) -> None:
    """DOMAIN §3.6's private § 85 layout, and units in the headers: nothing collides or is lost."""
    rows = [
        ["Tilbud", "Kommune", "Grundtakst kr./dag", "Bostøtte kr./time", "Nattevagt kr./dag"],
        ["Opholdsstedet Åbrinken", "Aarhus", "1.250,00", "kr. 417", "980"],
    ]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "p85.xlsx", rows), "--year", "2026")
    assert code == 0 and (doc["imported"], doc["rejected"]) == (3, [])
    with sqlite3.connect(empty_db) as conn:
        stored = conn.execute(
            "SELECT y.navn, t.beloeb, t.enhed FROM takst t JOIN ydelse y ON y.id = t.ydelse_id ORDER BY 1"
        ).fetchall()
    # "Grundtakst" is read as the basistakst (the afdeling's main ydelse), the others by name.
    assert stored == [("Bostøtte", 41700, "time"), ("Nattevagt", 98000, "dag"), ("Ophold", 125000, "dag")]
    rows = [
        ["Tilbud", "Kommune", "Takst pr. døgn (kr.) 2024", "Takst pr. time (kr.) 2024"],
        ["Koglen", "Aarhus", "2.000,00", "450"],
    ]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "h9.xlsx", rows))
    assert code == 0 and (doc["imported"], doc["rejected"]) == (2, [])


def test_a_row_matching_a_takst_an_earlier_row_wrote_is_refused_whole(tmp_path: Path, empty_db: Path) -> None:
    head = ["Tilbudsid", "Tilbud", "Kommune", "Takst 2025 kr. pr. døgn", "Takst 2026 kr. pr. døgn"]
    rows = [head, [7001, "Solsikken", "Aarhus", 1900, 2000], [7001, "Solsikken (ny)", "Aarhus", 1950, 2100]]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "dup.xlsx", rows))
    assert code == 0 and doc["imported"] == 2  # row 3 stores neither of its two years
    assert [(r["row"], "Samme takst som i række 2" in r["reason"]) for r in doc["rejected"]] == [(3, True)]


def test_a_mapping_naming_columns_the_sheet_lacks_is_refused(tmp_path: Path, empty_db: Path) -> None:
    file = xlsx(tmp_path / "a.xlsx", [HEADER, ["Solsikken", "Aarhus", 2000]])
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps(
            {"version": 1, "sheet": "Takster", "header_row": 1, "years": {"C": 2026},
             "columns": {"A": "tilbud", "B": "kommune", "C": "beloeb", "Q": "status"}}
        ),
        encoding="utf-8",
    )  # fmt: skip
    before = dump(empty_db)
    code, _doc, err = imp(empty_db, file, "--mapping", str(mapping))
    assert code == 1 and "kolonne Q (status)" in err and "A–C" in err and dump(empty_db) == before


def test_errors_name_the_cell_that_gave_the_bad_value(tmp_path: Path, empty_db: Path) -> None:
    rows = [
        ["Tilbud", "Kommune", "År", "Takst kr. pr. døgn"],
        ["Solsikken", "Aarhus", 1850, 2000],
        ["Koglen", "Atlantis", 2026, 2000],
        ["Hybenhuset", "Odense", 2026, 2100],
    ]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "a.xlsx", rows))
    assert code == 0 and [(r["row"], r["column"]) for r in doc["rejected"]] == [(2, "C"), (3, "B")]


def test_takst_columns_in_two_moms_bases_store_the_takst_i_alt(tmp_path: Path, empty_db: Path) -> None:
    rows = [
        ["Tilbud", "Kommune", "Takst 2024 kr. pr. døgn", "Takst 2024 fratrukket refusion for indirekte moms"],
        ["Solsikken", "Aarhus", "2.461,00", "2.300,00"],
    ]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "moms.xlsx", rows))
    assert code == 0 and doc["mapping"]["C"] == "beloeb" and doc["mapping"]["D"] == "ignore"
    assert (doc["imported"], doc["years"]) == (1, {"C": 2024})
    alone = [["Tilbud", "Kommune", "Takst 2024 inkl. moms kr. pr. døgn"], ["Koglen", "Aarhus", "2.461,00"]]
    code, doc, _ = imp(empty_db, xlsx(tmp_path / "inkl.xlsx", alone))
    assert code == 0 and doc["mapping"]["C"] == "beloeb" and doc["imported"] == 1


def test_real_dates_as_year_headers(tmp_path: Path, empty_db: Path) -> None:
    from datetime import datetime

    rows = [
        ["Tilbud", "Kommune", "Enhed", datetime(2023, 1, 1), datetime(2024, 1, 1)],
        ["Solsikken", "Aarhus", "døgn", 2000, 2100],
    ]
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(tmp_path / "dates.xlsx")  # real date cells, as Excel writes them
    code, doc, _ = imp(empty_db, tmp_path / "dates.xlsx")
    assert code == 0 and doc["years"] == {"D": 2023, "E": 2024} and doc["imported"] == 2
