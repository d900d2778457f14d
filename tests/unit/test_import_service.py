from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ColumnMapping, Field, ParsedTakstfil, TakstRow
from rammedesk.domain.vocab import Enhed, TakstArt
from rammedesk.errors import UserError
from rammedesk.services.catalogue import SearchRequest, search
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from rammedesk.storage.store import Store
from tests.catalogue_builder import Afd, Line, Tilb, build, open_test_store
from tests.unit.test_search_service import CATALOGUE

D = Decimal
MAPPING = ColumnMapping("Takster", 3, {"A": Field.TILBUD, "B": Field.KOMMUNE, "C": Field.BELOEB}, {"C": 2026})


def row(
    n: int,
    tilbud: str,
    beloeb: Decimal | None,
    *,
    kommune: str | None = None,
    aar: int = 2026,
    afdeling: str | None = None,
    ydelse: str | None = None,
) -> TakstRow:
    return TakstRow(
        "Takster",
        n,
        "C",
        tilbud,
        afdeling,
        ydelse,
        None,
        None,
        kommune,
        None,
        None,
        None,
        aar,
        beloeb,
        Enhed.DOEGN,
        TakstArt.SAMLET,
    )


def parsed(*rows: TakstRow) -> ParsedTakstfil:
    return ParsedTakstfil("takster.xlsx", "ab" * 32, "Takster", ("Takster",), MAPPING, len(rows), rows, ())


def dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return [
            *conn.execute("SELECT * FROM takst ORDER BY id").fetchall(),
            *conn.execute("SELECT id, navn FROM tilbud ORDER BY id").fetchall(),
            *conn.execute("SELECT id, navn FROM afdeling ORDER BY id").fetchall(),
            *conn.execute("SELECT id, navn FROM ydelse ORDER BY id").fetchall(),
            *conn.execute("SELECT id, navn FROM driftsherre ORDER BY id").fetchall(),
        ]


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    build(
        s,
        [
            *CATALOGUE,
            Tilb(
                "Solsikken",
                101,
                [Afd("Solsikken", {"SEL_108": 4}, lines=[Line("Ophold", {2026: D("2000")})])],
            ),
            Tilb(
                "Solsikken",
                751,
                [Afd("Solsikken", {"SEL_108": 4}, lines=[Line("Ophold", {2026: D("2100")})])],
            ),
        ],
    )
    yield s
    s.close()


FILE = parsed(
    row(4, "Bostedet Århus", D("3250.00"), ydelse="Døgnophold"),  # changed 3187 → 3250
    row(5, "Køge Bo- og Aktivitetscenter", D("4155.00"), ydelse="Døgnophold"),  # unchanged
    row(6, "Køge Bo- og Aktivitetscenter", D("4300.00"), aar=2027, ydelse="Døgnophold"),  # new
    row(7, "Nyt Rehabiliteringshus", D("2999.50"), kommune="Køge"),  # new tilbud
    row(8, "Solsikken", D("2222.00")),  # two tilbud of that name: ambiguous
    row(9, "Ukendt Sted", D("1000.00")),  # new, but no kommune: refused
    row(10, "Zebra Huset", None, kommune="101", ydelse="Ophold"),  # individuel pris replaces monthly
)


def test_dry_run_reports_and_changes_nothing(store: Store, empty_db: Path) -> None:
    before = dump(empty_db)
    report = import_takstfil(store, FILE, source="Test", dry_run=True, as_of=date(2026, 11, 1))
    assert dump(empty_db) == before
    assert report.batch_id is None and report.dry_run
    assert (report.new_tilbud, report.unchanged, report.changed_takster, report.new_takster) == (1, 1, 2, 2)
    assert report.assumed_driftsherre == 1  # the file names no driftsherre
    assert report.imported == 4
    assert [(a.row, len(a.candidates)) for a in report.ambiguous] == [(8, 2)]
    assert [e.row for e in report.rejected] == [9]
    change = next(c for c in report.changes if c.tilbud == "Bostedet Århus")
    assert (change.old, change.new, change.pct) == (D("3187.00"), D("3250.00"), D("1.98"))


def test_apply_then_undo_restores_exactly(store: Store, empty_db: Path) -> None:
    before = dump(empty_db)
    report = import_takstfil(store, FILE, source="Test", dry_run=False, as_of=date(2026, 11, 1))
    assert report.batch_id is not None and report.backup is not None and report.backup.exists()
    after = dump(empty_db)
    assert after != before
    # The search sees what the import brought, at once.
    hits = search(store, SearchRequest(text="rehabiliteringshus"), today=date(2026, 11, 23)).hits
    assert [(h.tilbud, h.kommune) for h in hits] == [("Nyt Rehabiliteringshus", "Køge")]
    assert hits[0].takst is not None and hits[0].takst.amount == D("2999.50")

    undone = undo_last_import(store)
    assert (undone.batch_id, undone.restored, undone.removed_tilbud) == (report.batch_id, 2, 1)
    assert dump(empty_db) == before
    assert search(store, SearchRequest(text="rehabiliteringshus"), today=date(2026, 11, 23)).total == 0
    with pytest.raises(UserError):
        undo_last_import(store)  # nothing left to undo


def test_second_identical_import_changes_nothing(store: Store) -> None:
    import_takstfil(store, FILE, source="Test", dry_run=False)
    again = import_takstfil(store, FILE, source="Test", dry_run=False)
    assert (again.imported, again.new_tilbud) == (0, 0)
    assert again.unchanged == 5


def test_demo_database_is_refused_unless_allowed(demo_db: Path) -> None:
    s = open_test_store(demo_db)
    try:
        with pytest.raises(UserError) as info:
            import_takstfil(s, FILE, source="Test", dry_run=True)
        assert "demodata" in info.value.message
        report = import_takstfil(s, FILE, source="Test", dry_run=True, allow_demo=True)
        assert report.rows_read == 7
    finally:
        s.close()


def test_file_without_valid_rows_is_refused(store: Store, empty_db: Path) -> None:
    with pytest.raises(UserError):
        import_takstfil(store, parsed(), source="Test", dry_run=False)
    # The copy made before applying equalled the untouched database: it is not left behind.
    assert list(empty_db.parent.glob("*foer-import*")) == []


def test_an_import_that_is_rolled_back_leaves_no_backup(store: Store, empty_db: Path) -> None:
    before = dump(empty_db)
    only_ambiguous = parsed(row(8, "Solsikken", D("2222.00")))  # applies nothing: rolled back
    report = import_takstfil(store, only_ambiguous, source="Test", dry_run=False)
    assert report.batch_id is None and len(report.ambiguous) == 1 and report.backup is None
    assert dump(empty_db) == before
    assert list(empty_db.parent.glob("*foer-import*")) == []
    applied = import_takstfil(store, FILE, source="Test", dry_run=False)
    assert applied.backup is not None and list(empty_db.parent.glob("*foer-import*")) == [applied.backup]


def test_only_the_newest_backups_are_kept(store: Store, empty_db: Path) -> None:
    from rammedesk.storage.migrate import KEEP_BACKUPS

    made = [store.backup("foer-import") for _ in range(KEEP_BACKUPS + 3)]
    kept = sorted(empty_db.parent.glob("*foer-import*"))
    assert len(kept) == KEEP_BACKUPS
    assert made[-1] in kept and made[0] not in kept


def test_core_insert_path_stores_the_same(
    empty_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Backends other than SQLite get the new rows through SQLAlchemy Core; SQLite straight
    # through the driver. Both must store exactly the same rows.
    import shutil

    from rammedesk.storage.imports import ImportStore

    other = tmp_path / "core.sqlite3"
    shutil.copyfile(empty_db, other)
    rows = parsed(
        row(4, "Nyt Sted", D("1234.50"), kommune="751", ydelse="Døgn"),
        row(5, "Nyt Sted", None, kommune="751", ydelse="Aflastning"),
        row(6, "Andet Sted", D("99.99"), kommune="Aarhus", afdeling="Hus B"),
    )
    for db, driver in ((empty_db, True), (other, False)):
        monkeypatch.setattr(ImportStore, "_driver_executemany", lambda self, d=driver: d)
        s = open_test_store(db)
        try:
            import_takstfil(s, rows, source="x", dry_run=False, as_of=date(2026, 1, 1))
        finally:
            s.close()
    assert dump(empty_db) == dump(other)
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT beloeb, individuel_pris FROM takst ORDER BY id").fetchall() == [
            (123450, 0),
            (None, 1),
            (9999, 0),
        ]


def _solsikker(store: Store) -> dict[int, int]:
    """Solsikken's tilbud id by kommunekode."""
    from sqlalchemy import select

    from rammedesk.storage import tables as t

    with store.unit_of_work() as repos:
        rows = repos.session.execute(
            select(t.Tilbud.kommune_kode, t.Tilbud.id).where(t.Tilbud.navn == "Solsikken")
        )
        return {kode: tilbud_id for kode, tilbud_id in rows}


def test_ambiguous_rows_name_their_candidates_and_a_choice_applies_them(store: Store) -> None:
    ids = _solsikker(store)
    dry = import_takstfil(store, parsed(row(8, "Solsikken", D("2222.00"))), source="T", dry_run=True)
    (amb,) = dry.ambiguous
    assert sorted(amb.candidates) == sorted(ids.values())
    assert sorted(amb.labels) == sorted(
        [f"Solsikken, København (tilbud {ids[101]})", f"Solsikken, Aarhus (tilbud {ids[751]})"]
    )
    # The user picks Aarhus' Solsikken (the name as written in the file, any case/spelling fold).
    report = import_takstfil(
        store, parsed(row(8, "Solsikken", D("2222.00"))), source="T", dry_run=False,
        resolved={"SOLSIKKEN": ids[751]},
    )  # fmt: skip
    assert (report.ambiguous, report.changed_takster, report.new_tilbud) == ((), 1, 0)
    assert report.changes[0].old == D("2100.00")
    # An id that is not a candidate is not a choice: the row stays ambiguous, nothing guessed.
    again = import_takstfil(
        store,
        parsed(row(8, "Solsikken", D("2300.00"))),
        source="T",
        dry_run=True,
        resolved={"Solsikken": 999},
    )
    assert len(again.ambiguous) == 1 and again.imported == 0


def test_the_files_kommune_narrows_the_match_so_another_kommunes_tilbud_is_never_changed(
    store: Store,
) -> None:
    tie = import_takstfil(
        store, parsed(row(8, "Solsikken", D("2222.00"))), source="T", dry_run=True, default_kommune=751
    )
    assert tie.ambiguous == () and tie.changes[0].old == D("2100.00")  # Aarhus' Solsikken
    # Bostedet Århus lies in one kommune: a file for kommune 101 makes a new tilbud there (shown
    # as new in the dry run) rather than changing the other kommune's takst.
    other = import_takstfil(
        store, parsed(row(4, "Bostedet Århus", D("3250.00"), ydelse="Døgnophold")), source="T",
        dry_run=True, default_kommune=101,
    )  # fmt: skip
    assert (other.new_tilbud, other.changed_takster, other.new_takster) == (1, 0, 1)


def test_stored_takster_read_the_same_through_the_driver_and_core(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from rammedesk.storage import tables as t
    from rammedesk.storage.imports import ImportStore

    import_takstfil(store, FILE, source="Test", dry_run=False, as_of=date(2026, 11, 1))  # some changed
    seen = []
    for driver in (True, False):
        monkeypatch.setattr(ImportStore, "_driver_executemany", lambda self, d=driver: d)
        with store.unit_of_work() as repos:
            ids = set(repos.session.scalars(select(t.Ydelse.id)))
            seen.append(repos.imports.takster(ids))
    assert len(seen[0]) > 10 and seen[0] == seen[1]
    assert any(v.individuel_pris and v.beloeb is None for v in seen[0].values())
    assert all(type(v.enhed) is Enhed and type(k[2]) is TakstArt for k, v in seen[0].items())


def _egebo(n: int, aar: int, beloeb: Decimal | None, enhed: Enhed = Enhed.DOEGN) -> TakstRow:
    line = row(n, "Egebo", beloeb, kommune="Køge", aar=aar, ydelse="Døgnophold")
    return dataclasses.replace(line, column={2026: "C", 2027: "D"}.get(aar, "E"), enhed=enhed)


def test_a_new_years_takst_is_compared_with_the_year_before(store: Store) -> None:
    first = import_takstfil(store, parsed(_egebo(4, 2026, D("2000"))), source="T", dry_run=False)
    assert first.new_takster == 1 and first.new_vs_previous == ()  # nothing stored before
    report = import_takstfil(store, parsed(_egebo(4, 2027, D("2100"))), source="T", dry_run=True)
    assert (report.new_takster, report.changed_takster, report.changes) == (1, 0, ())
    (c,) = report.new_vs_previous
    assert (c.aar, c.old_aar, c.old, c.new, c.pct) == (2027, 2026, D("2000.00"), D("2100.00"), D("5.00"))
    assert report.diff == (c,) and c.compared_with == "Takst 2026 (ny takst)"


def test_the_year_before_is_compared_as_it_stands_after_the_import(store: Store) -> None:
    import_takstfil(store, parsed(_egebo(4, 2026, D("2000"))), source="T", dry_run=False)
    # The later year left of the earlier: the comparison still waits for the row's change.
    both = parsed(_egebo(4, 2027, D("2100")), _egebo(4, 2026, D("2050")))
    report = import_takstfil(store, both, source="T", dry_run=True)
    (changed,) = report.changes
    (new,) = report.new_vs_previous
    assert (changed.old, changed.new, changed.old_aar) == (D("2000.00"), D("2050.00"), None)
    assert (new.old_aar, new.old, new.new) == (2026, D("2050.00"), D("2100.00"))
    assert [c.aar for c in report.diff] == [2026, 2027]


def test_new_takster_are_not_compared_across_units_or_with_the_same_imports_values(store: Store) -> None:
    import_takstfil(store, parsed(_egebo(4, 2026, D("2000"))), source="T", dry_run=False)
    monthly = _egebo(4, 2027, D("61000"), enhed=Enhed.MAANED)
    assert import_takstfil(store, parsed(monthly), source="T", dry_run=True).new_vs_previous == ()
    # A first import of two years: the earlier is new too, so there is nothing stored to compare.
    fresh = parsed(
        dataclasses.replace(_egebo(4, 2026, D("900")), tilbud="Nyborg"),
        dataclasses.replace(_egebo(4, 2027, D("950")), tilbud="Nyborg"),
    )
    report = import_takstfil(store, fresh, source="T", dry_run=True)
    assert report.new_takster == 2 and report.new_vs_previous == ()


def test_only_tilbud_whose_rows_name_no_driftsherre_get_the_kommune_assumed(store: Store) -> None:
    named = dataclasses.replace(row(2, "Nyt Sted", D("1000"), kommune="101"), driftsherre="Fonden Nyt Sted")
    report = import_takstfil(
        store, parsed(named, row(3, "Andet Sted", D("1100"), kommune="101")), source="Test", dry_run=True
    )
    assert (report.new_tilbud, report.assumed_driftsherre) == (2, 1)


@pytest.mark.parametrize(
    ("kommune", "driftsherre", "kode"),
    [
        ("Aarhus Kommune", None, 751),
        ("Københavns Kommune", None, 101),
        ("Bornholms Regionskommune", None, 400),
        ("751 Aarhus", None, 751),
        ("0101", None, 101),
        ("0751", None, 751),
        ("Århus", None, 751),
        (None, "Københavns Kommune", 101),
        (None, "Bornholms Regionskommune", 400),
    ],
)
def test_every_common_kommune_spelling_places_a_new_tilbud(
    store: Store, empty_db: Path, kommune: str | None, driftsherre: str | None, kode: int
) -> None:
    line = dataclasses.replace(row(2, "Nyt Sted", D("1000"), kommune=kommune), driftsherre=driftsherre)
    report = import_takstfil(store, parsed(line), source="Test", dry_run=False)
    assert report.rejected == () and report.new_tilbud == 1
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT kommune_kode FROM tilbud WHERE navn = 'Nyt Sted'").fetchall() == [(kode,)]


def test_an_unknown_kommune_is_refused_naming_the_cell(store: Store) -> None:
    lines = parsed(
        row(2, "Nyt Sted", D("1000"), kommune="Atlantis"), row(3, "Andet Sted", D("900"), kommune="101")
    )
    (error,) = import_takstfil(store, lines, source="T", dry_run=True).rejected
    assert (error.row, error.column) == (2, "B")
    assert "Ukendt kommune »Atlantis«" in error.reason


@pytest.mark.parametrize(
    ("file", "sheet", "source"),
    [
        ("borger 150287-4411.xlsx", "Takster", "takster.xlsx"),
        ("takster.xlsx", "Sag 1502874411", "takster.xlsx"),
        ("takster.xlsx", "Takster", "Borger 150287-4411"),
    ],
)
def test_a_cpr_like_file_sheet_or_source_is_refused_and_nothing_stored(
    store: Store, empty_db: Path, file: str, sheet: str, source: str
) -> None:
    # The window hands the service what it read: the file name, sheet and source are all stored.
    before = dump(empty_db)
    p = dataclasses.replace(parsed(row(4, "Solsikken", D(2000), kommune="Aarhus")), file=file, sheet=sheet)
    for dry_run in (True, False):
        with pytest.raises(UserError) as info:
            import_takstfil(store, p, source=source, dry_run=dry_run)
        assert "CPR" in info.value.message and "150287" not in str(info.value)
    assert dump(empty_db) == before


@pytest.mark.parametrize(
    ("driftsherre", "navn", "art"),
    [
        ("Kommunal", None, "kommunal"),  # the beliggenhedskommune, as with no driftsherre
        ("kommunalt", None, "kommunal"),
        ("Kommunal driftsherre", None, "kommunal"),
        ("Regional", "Regional", "regional"),
        ("Privat", "Privat", "privat"),
        ("Selvejende", "Selvejende", "selvejende"),
        ("Fonden Nyt Sted", "Fonden Nyt Sted", "selvejende"),
        ("Nyt Sted ApS", "Nyt Sted ApS", "privat"),
    ],
)
def test_a_driftsherre_naming_only_its_kind_gets_that_kind(
    store: Store, empty_db: Path, driftsherre: str, navn: str | None, art: str
) -> None:
    line = dataclasses.replace(row(2, "Nyt Sted", D("1000"), kommune="751"), driftsherre=driftsherre)
    report = import_takstfil(store, parsed(line), source="Test", dry_run=False)
    assert report.rejected == () and report.new_tilbud == 1
    with sqlite3.connect(empty_db) as conn:
        found = conn.execute(
            "SELECT d.navn, d.art, d.kommune_kode, k.navn FROM tilbud t "
            "JOIN driftsherre d ON d.id = t.driftsherre_id JOIN kommune k ON k.kode = t.kommune_kode "
            "WHERE t.navn = 'Nyt Sted'"
        ).fetchall()
    ((got_navn, got_art, kode, kommune),) = found
    assert got_art.lower() == art
    if art == "kommunal":  # the kommune's own driftsherre, not one called "Kommunal"
        assert (got_navn, kode) == (f"{kommune} Kommune", 751)
    else:
        assert got_navn == navn


@pytest.mark.parametrize(
    ("kommune", "suggested"),
    [
        ("Ringkøbing", "Mente du Ringkøbing-Skjern (760)?"),  # a kommune before 2007
        ("Ringkøbing Kommune", "Mente du Ringkøbing-Skjern (760)?"),
        ("Brønderslev-Dronninglund", "Mente du Brønderslev (810)?"),
        ("København K", "Mente du København (101)?"),
        ("Silkebrog", "Mente du Silkeborg (740)?"),
        ("Atlantis", None),
    ],
)
def test_an_unknown_kommune_is_refused_suggesting_a_close_name(
    store: Store, kommune: str, suggested: str | None
) -> None:
    (error,) = import_takstfil(
        store, parsed(row(2, "Nyt Sted", D("1000"), kommune=kommune)), source="T", dry_run=True
    ).rejected
    assert f"Ukendt kommune »{kommune}«" in error.reason  # never accepted silently
    if suggested is None:
        assert "Mente du" not in error.reason
    else:
        assert error.reason.endswith(suggested)
