"""Several paragraffer in one takstfil cell ("§§ 107/108", "SEL §§ 107-109"): the first is the
ydelse's paragraf, the rest are stored beside it, found by a paragraf search, shown in details,
and removed by undo."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.services.catalogue import SearchRequest, search, tilbud_details
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from tests.catalogue_builder import open_test_store
from tests.data.xlsx_builder import simple_xlsx

TODAY = date(2026, 12, 4)


def _file(tmp_path: Path) -> Path:
    return simple_xlsx(
        tmp_path / "paragraffer.xlsx",
        [
            ["Tilbud", "Kommune", "Ydelse", "Lovgrundlag", "Takst 2026 kr./døgn"],
            ["Egebo", "Aarhus", "Botilbud", "§§ 107/108", "2.000,00"],
            ["Lindely", "Aarhus", "Bostøtte", "SEL §§ 107–109", "900,00"],
            ["Askely", "Aarhus", "Ophold", "SEL § 107", "1.500,00"],
        ],
    )


def _ydelse_paragraffer(db: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT t.navn, y.paragraf_id, p.paragraf_id FROM ydelse y "
            "JOIN afdeling a ON a.id = y.afdeling_id JOIN tilbud t ON t.id = a.tilbud_id "
            "LEFT JOIN ydelse_paragraf p ON p.ydelse_id = y.id ORDER BY t.navn, p.paragraf_id"
        ).fetchall()


def test_every_paragraf_of_a_cell_is_stored_searchable_and_undone(tmp_path: Path, empty_db: Path) -> None:
    parsed = read_takstfil(_file(tmp_path))
    assert [(t.paragraf_id, t.more_paragraffer) for t in parsed.takster] == [
        ("SEL_107", ("SEL_108",)),
        ("SEL_107", ("SEL_108", "SEL_109")),
        ("SEL_107", ()),
    ]
    store = open_test_store(empty_db)
    try:
        import_takstfil(store, parsed, source="paragraffer", dry_run=False)
        assert _ydelse_paragraffer(empty_db) == [
            ("Askely", "SEL_107", None),
            ("Egebo", "SEL_107", "SEL_108"),
            ("Lindely", "SEL_107", "SEL_108"),
            ("Lindely", "SEL_107", "SEL_109"),
        ]
        found = search(store, SearchRequest(facets={"paragraf": "SEL_108"}), today=TODAY)
        assert sorted(h.tilbud for h in found.hits) == ["Egebo", "Lindely"]
        lindely = next(h for h in found.hits if h.tilbud == "Lindely")
        (afdeling,) = tilbud_details(store, lindely.tilbud_id).afdelinger
        assert [y.paragraf for y in afdeling.ydelser] == ["SEL § 107, SEL § 108, SEL § 109"]
        undo_last_import(store)
        with sqlite3.connect(empty_db) as conn:
            assert conn.execute("SELECT count(*) FROM ydelse_paragraf").fetchone() == (0,)
        assert search(store, SearchRequest(facets={"paragraf": "SEL_108"}), today=TODAY).total == 0
    finally:
        store.close()


def test_a_range_naming_no_lov_is_refused_asking_for_the_lov(tmp_path: Path) -> None:
    rows: list[list[str | int | float | None]] = [
        ["Tilbud", "Kommune", "Paragraf", "Takst 2025 kr. pr. døgn"],
        ["Hjerneskadecentret", "Aarhus", "§§ 83-87", 2396],  # Barnets lov §§ 83-84 or SEL § 85?
        ["Hjernehuset", "Aarhus", "SEL §§ 83-87", 2831],
    ]
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    (error,) = parsed.errors
    assert (error.row, error.column) == (2, "C") and "nævner ikke loven" in error.reason
    assert [(t.tilbud, t.paragraf_id, t.more_paragraffer) for t in parsed.takster] == [
        ("Hjernehuset", "SEL_85", ())
    ]
