"""A takstfil's CVR, P-nummer and telefon for a tilbud the catalogue has already: stored when
they differ, restored exactly by undo, never erased by a blank cell, and refused when two rows
of one tilbud disagree."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rammedesk.fileio.takstfil_reader import read_takstfil, stream_takstfil
from rammedesk.services.import_report import ImportReport, TilbudIdChange
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from rammedesk.storage.imports import ImportStore
from rammedesk.storage.store import Store
from tests.catalogue_builder import open_test_store
from tests.data.xlsx_builder import Cell, Formula, simple_xlsx

Rows = list[list[Cell | Formula]]
HEADER: list[Cell | Formula] = ["Tilbud", "Kommune", "Ydelse", "CVR-nr.", "P-nummer", "Tlf."]
HEADER.append("Takst 2026 kr./døgn")
TABLES = ("tilbud", "afdeling", "ydelse", "takst", "takst_before", "tilbud_before", "import_batch")


@pytest.fixture
def store(empty_db: Path, tmp_path: Path) -> Iterator[Store]:
    """Egebo with CVR, P-nummer and telefon; Lindely with none (both made by a first import)."""
    s = open_test_store(empty_db)
    first: Rows = [
        HEADER,
        ["Egebo", "Aarhus", "Ophold", "29189731", "1012851234", "70203040", "2.000,00"],
        ["Lindely", "Aarhus", "Ophold", None, None, None, "2.100,00"],
    ]
    import_takstfil(s, read_takstfil(simple_xlsx(tmp_path / "first.xlsx", first)), source="a", dry_run=False)
    try:
        yield s
    finally:
        s.close()


def _import(store: Store, path: Path, rows: Rows, *, dry_run: bool = False) -> ImportReport:
    return import_takstfil(
        store, read_takstfil(simple_xlsx(path, [HEADER, *rows])), source="b", dry_run=dry_run
    )


def _ids(db: Path, navn: str) -> tuple[object, ...]:
    with sqlite3.connect(db) as conn:
        found: tuple[object, ...] = conn.execute(
            "SELECT cvr, p_nummer, telefon FROM tilbud WHERE navn = ?", (navn,)
        ).fetchone()
    return found


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


@pytest.mark.parametrize("driver", [True, False], ids=["sqlite-driver", "core"])
def test_new_identifiers_are_stored_and_undo_restores_the_old_rows_exactly(
    store: Store, empty_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, driver: bool
) -> None:
    # "core": rows through SQLAlchemy Core, as on PostgreSQL (SQLite otherwise uses its driver).
    monkeypatch.setattr(ImportStore, "_driver_executemany", lambda self: driver)
    before = _dump(empty_db)
    report = _import(
        store,
        tmp_path / "second.xlsx",
        [
            # The same CVR in another spelling is no change; the phone number is.
            ["Egebo", "Aarhus", "Ophold", "DK-29 18 97 31", None, "+45 86 12 34 56", "2.050,00"],
            ["Lindely", "Aarhus", "Ophold", "12345678", None, None, "2.100,00"],  # NULL → a CVR
        ],
    )
    assert report.batch_id is not None and report.rejected == ()
    assert report.changed_tilbud_info == 2
    assert report.tilbud_changes == (
        TilbudIdChange("Takster", 2, "Egebo", "telefon", "70203040", "86123456"),
        TilbudIdChange("Takster", 3, "Lindely", "cvr", None, "12345678"),
    )
    assert _ids(empty_db, "Egebo") == ("29189731", "1012851234", "86123456")
    assert _ids(empty_db, "Lindely") == ("12345678", None, None)
    with sqlite3.connect(empty_db) as conn:
        kept = conn.execute(
            "SELECT tilbud_id, cvr, p_nummer, telefon FROM tilbud_before ORDER BY 1"
        ).fetchall()
    assert [k[1:] for k in kept] == [("29189731", "1012851234", "70203040"), (None, None, None)]

    undo = undo_last_import(store)
    assert undo.batch_id == report.batch_id
    assert _dump(empty_db) == before  # every tilbud column, takst and before-image as it was


def test_a_dry_run_reports_the_changes_and_stores_nothing(
    store: Store, empty_db: Path, tmp_path: Path
) -> None:
    before = _dump(empty_db)
    report = _import(
        store,
        tmp_path / "second.xlsx",
        [["Egebo", "Aarhus", "Ophold", None, "1012851299", None, "2.000,00"]],
        dry_run=True,
    )
    assert report.dry_run and report.changed_tilbud_info == 1
    assert [(c.tilbud, c.field, c.old, c.new) for c in report.tilbud_changes] == [
        ("Egebo", "p_nummer", "1012851234", "1012851299")
    ]
    assert _dump(empty_db) == before


def test_a_blank_cell_keeps_the_stored_value(store: Store, empty_db: Path, tmp_path: Path) -> None:
    report = _import(
        store, tmp_path / "second.xlsx", [["Egebo", "Aarhus", "Ophold", None, None, None, "2.050,00"]]
    )
    assert report.batch_id is not None and report.changed_takster == 1
    assert report.changed_tilbud_info == 0 and report.tilbud_changes == ()
    assert _ids(empty_db, "Egebo") == ("29189731", "1012851234", "70203040")
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT count(*) FROM tilbud_before").fetchone() == (0,)


def test_a_stored_value_in_another_spelling_is_no_change(
    store: Store, empty_db: Path, tmp_path: Path
) -> None:
    with sqlite3.connect(empty_db) as conn:
        conn.execute("UPDATE tilbud SET telefon = '70 20 30 40' WHERE navn = 'Egebo'")
    report = _import(
        store, tmp_path / "second.xlsx", [["Egebo", "Aarhus", "Ophold", None, None, "70203040", "2.000,00"]]
    )
    assert report.changed_tilbud_info == 0
    assert _ids(empty_db, "Egebo") == ("29189731", "1012851234", "70 20 30 40")


def test_an_identifier_only_change_is_imported(store: Store, empty_db: Path, tmp_path: Path) -> None:
    """Every takst unchanged: the file still changes the tilbud (and undo puts it back)."""
    report = _import(
        store, tmp_path / "second.xlsx", [["Egebo", "Aarhus", "Ophold", None, None, "86123456", "2.000,00"]]
    )
    assert report.unchanged == 1 and report.changed_tilbud_info == 1 and report.batch_id is not None
    assert _ids(empty_db, "Egebo")[2] == "86123456"
    undo_last_import(store)
    assert _ids(empty_db, "Egebo")[2] == "70203040"


def test_two_rows_of_one_tilbud_disagreeing_refuse_the_later(
    store: Store, empty_db: Path, tmp_path: Path
) -> None:
    report = _import(
        store,
        tmp_path / "second.xlsx",
        [
            ["Egebo", "Aarhus", "Ophold", "87654321", None, "86123456", "2.000,00"],
            ["Egebo", "Aarhus", "Dagbehandling", "87654321", None, "86123456", "900,00"],  # agrees
            ["Egebo", "Aarhus", "Aflastning", None, None, "99887766", "1.100,00"],
            ["Egebo", "Aarhus", "Akut", None, None, None, "1.200,00"],  # blank: no contradiction
        ],
    )
    (refused,) = report.rejected
    assert (refused.row, refused.column) == (4, "F")
    assert refused.reason.startswith(
        "Tilbuddet »Egebo« har telefonnummer 86123456 i række 2, men 99887766 her."
    )
    assert report.new_takster == 2 and report.unchanged == 1  # the refused row's takst is not stored
    assert _ids(empty_db, "Egebo") == ("87654321", "1012851234", "86123456")
    with sqlite3.connect(empty_db) as conn:
        assert not conn.execute("SELECT 1 FROM ydelse WHERE navn = 'Aflastning'").fetchall()


def test_a_new_tilbud_refuses_a_contradiction_the_same_way(empty_db: Path, tmp_path: Path) -> None:
    s = open_test_store(empty_db)
    try:
        report = _import(
            s,
            tmp_path / "new.xlsx",
            [
                ["Askely", "Aarhus", "Ophold", "29189731", None, None, "2.000,00"],
                ["Askely", "Aarhus", "Akut", None, None, "70203040", "2.100,00"],  # fills a blank
                ["Askely", "Aarhus", "Aflastning", "12345678", None, None, "2.200,00"],
            ],
        )
    finally:
        s.close()
    assert report.new_tilbud == 1 and report.changed_tilbud_info == 0  # not an existing tilbud
    (refused,) = report.rejected
    assert (refused.row, refused.column) == (4, "D")
    assert "har CVR 29189731 i række 2, men 12345678 her" in refused.reason
    assert _ids(empty_db, "Askely") == ("29189731", None, "70203040")
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT count(*) FROM tilbud_before").fetchone() == (0,)


def test_streamed_in_small_chunks_the_rule_holds_across_chunks(
    store: Store, empty_db: Path, tmp_path: Path
) -> None:
    before = _dump(empty_db)
    rows: Rows = [
        ["Egebo", "Aarhus", f"Ydelse {i}", None, None, "86123456" if i == 0 else None, f"{1000 + i},00"]
        for i in range(9)
    ]
    rows.append(["Egebo", "Aarhus", "Sidst", None, None, "99887766", "1.500,00"])
    rows.append(["Nybo", "Aarhus", "Ophold", None, None, None, "1.000,00"])
    rows.append(["Nybo", "Aarhus", "Akut", None, "1012851234", None, "1.100,00"])
    path = simple_xlsx(tmp_path / "big.xlsx", [HEADER, *rows])
    report = import_takstfil(store, stream_takstfil(path, chunk_rows=4), source="b", dry_run=False)
    assert [(e.row, e.column) for e in report.rejected] == [(11, "F")]
    assert report.changed_tilbud_info == 1
    assert _ids(empty_db, "Egebo")[2] == "86123456"
    assert _ids(empty_db, "Nybo") == (None, "1012851234", None)  # made in one chunk, filled in the next
    undo_last_import(store)
    assert _dump(empty_db) == before


def test_the_wizard_shows_how_many_tilbud_get_new_identifiers(store: Store, tmp_path: Path) -> None:
    from rammedesk.presenters.import_wizard import ImportWizardPresenter

    p = ImportWizardPresenter()
    p.report = _import(
        store,
        tmp_path / "b.xlsx",
        [["Egebo", "Aarhus", "Ophold", None, None, "86123456", "2.000,00"]],
        dry_run=True,
    )
    assert dict(p.counts())["Tilbud med nyt CVR, P-nummer eller telefon"] == "1"
    assert (
        "1 eksisterende tilbud får nyt CVR-nummer, P-nummer eller telefonnummer fra filen."
        in p.summary_text()
    )
    p.report = _import(
        store,
        tmp_path / "c.xlsx",
        [["Egebo", "Aarhus", "Ophold", None, None, None, "2.000,00"]],
        dry_run=True,
    )
    assert "Tilbud med nyt CVR, P-nummer eller telefon" not in dict(p.counts())
    assert "eksisterende tilbud" not in p.summary_text()
