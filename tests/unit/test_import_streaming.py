"""A streamed import (rows read, matched and written chunk by chunk) equals the in-memory one."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.config import resolve_location
from rammedesk.domain.takstfil import TakstChunk
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_reader import TakstfilStream, read_takstfil, stream_takstfil
from rammedesk.services.database import open_store
from rammedesk.services.import_report import ImportReport
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from tests.data.make_corpus import make_big
from tests.data.xlsx_builder import simple_xlsx
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (fixture)

TABLES = ("tilbud", "afdeling", "ydelse", "takst", "driftsherre", "takst_before")


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def run(db: Path, source: object, *, dry_run: bool = False) -> ImportReport:
    store = open_store(resolve_location(str(db)))
    try:
        return import_takstfil(store, source, source="test", dry_run=dry_run, default_kommune=751)  # type: ignore[arg-type]
    finally:
        store.close()


def comparable(report: ImportReport) -> tuple[object, ...]:
    return (
        report.rows_read,
        report.imported,
        report.unchanged,
        report.new_tilbud,
        report.changed_takster,
        report.rejected,
        report.ambiguous,
        report.changes,
        report.new_vs_previous,
    )


def grouped(tmp_path: Path) -> Path:
    """Group headings carried down across chunk boundaries, refusals and a duplicate far apart."""
    data: list[list[object]] = [["Takster 2025 pr. døgn"], [], ["Tilbud", "Afdeling", "Ydelse", "Takst"]]
    for t in range(6):
        data.append([f"Bostedet {t}", None, None, None])  # heading: carried to the rows below
        for a in range(5):
            data.append([None, f"Hus {a}", "Ophold", f"{1000 + 10 * t + a},50"])
            data.append([None, f"Hus {a}", "Ekstra støtte 1:1", "kr. 417"])
        data.append([None, "Hus 9", "Ophold", "mange penge"])  # refused
    data.append(["Bostedet 0", "Hus 0", "Ophold", "1.234,00"])  # duplicate of a row 20 chunks back
    data.append(["I alt", None, None, "99.999"])
    return simple_xlsx(tmp_path / "grouped.xlsx", data)  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk_rows", [1, 3, 7, 5000])
def test_streamed_apply_equals_in_memory_apply(tmp_path: Path, empty_db: Path, chunk_rows: int) -> None:
    path = grouped(tmp_path)
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(empty_db, other)
    whole = run(empty_db, read_takstfil(path))
    streamed = run(other, stream_takstfil(path, chunk_rows=chunk_rows))
    assert comparable(streamed) == comparable(whole)
    assert whole.rows_read == 6 * 11 + 1 and whole.new_tilbud == 6
    assert [e.row for e in whole.rejected] == [*range(15, 76, 12), 76]
    assert dump(other) == dump(empty_db)


def test_streamed_dry_run_then_apply_then_undo(tmp_path: Path, empty_db: Path) -> None:
    path = grouped(tmp_path)
    before = dump(empty_db)
    stream = stream_takstfil(path, chunk_rows=4)
    dry = run(empty_db, stream, dry_run=True)
    assert dump(empty_db) == before and dry.imported == 60
    applied = run(empty_db, stream)  # the same stream reads the file again for the apply
    assert comparable(applied)[:5] == comparable(dry)[:5] and applied.batch_id is not None
    assert len(dump(empty_db)["takst"]) == len(before["takst"]) + 60
    store = open_store(resolve_location(str(empty_db)))
    try:
        undo_last_import(store)
    finally:
        store.close()
    assert dump(empty_db) == before


def test_changed_file_after_dry_run_is_refused(tmp_path: Path, empty_db: Path) -> None:
    path = grouped(tmp_path)
    stream = stream_takstfil(path)
    run(empty_db, stream, dry_run=True)
    before = dump(empty_db)
    simple_xlsx(path, [["Tilbud", "Kommune", "Takst 2025 kr. pr. døgn"], ["Andet", "Aarhus", 100]])
    with pytest.raises(UserError, match="ændret, siden den blev læst"):
        run(empty_db, stream)
    assert dump(empty_db) == before


def test_a_later_changed_year_in_the_same_file_updates_takster_written_by_an_earlier_chunk(
    tmp_path: Path, empty_db: Path
) -> None:
    """Re-import of last year's file, chunk by chunk: unchanged rows stay, changed rows diff."""
    first = make_big(tmp_path / "a.xlsx", rows=60)
    run(empty_db, stream_takstfil(first, chunk_rows=7))
    data: list[list[object]] = [["Tilbud", "Afdeling", "Ydelse", "Paragraf", "Niveau", "Takst 2023", "Enhed"]]
    for i in range(60):
        amount = 1000 + i * 0.37 + (5 if i % 10 == 0 else 0)
        data.append(
            [f"Tilbud {i // 20}", f"Afdeling {i // 4}", f"Ydelse {i % 4}", "SEL § 107", f"Niveau {i % 3 + 1}",
             round(amount, 2), ["døgn", "kr./døgn", "time", "dag", "md."][i % 5]]
        )  # fmt: skip
    again = simple_xlsx(tmp_path / "b.xlsx", data)  # type: ignore[arg-type]
    report = run(empty_db, stream_takstfil(again, chunk_rows=7))
    assert (report.changed_takster, report.unchanged, report.new_tilbud) == (6, 54, 0)
    assert sorted(c.row for c in report.changes) == [2, 12, 22, 32, 42, 52]


@pytest.mark.parametrize("chunk_rows", [1, 5000])
def test_a_year_per_row_compares_new_years_only_with_what_was_stored_before(
    tmp_path: Path, empty_db: Path, chunk_rows: int
) -> None:
    """The year before written by an earlier chunk of the same import is no comparison."""
    head: list[Any] = ["Tilbud", "Ydelse", "År", "Takst kr. pr. døgn"]
    first = simple_xlsx(tmp_path / "a.xlsx", [head, ["Egebo", "Ophold", 2025, 1000]])
    run(empty_db, stream_takstfil(first))
    rows: list[list[Any]] = [
        head,
        ["Egebo", "Ophold", 2026, 1100],
        ["Egebo", "Ophold", 2027, 1210],
        ["Lien", "Ophold", 2027, 500],
    ]
    report = run(empty_db, stream_takstfil(simple_xlsx(tmp_path / "b.xlsx", rows), chunk_rows=chunk_rows))
    assert report.new_takster == 3
    assert [(c.row, c.old_aar, c.old, c.pct) for c in report.new_vs_previous] == [
        (2, 2025, Decimal("1000.00"), Decimal("10.00"))
    ]


def test_sheet_without_data_rows_is_refused_when_opened(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "x.xlsx", [["Takster 2025"], ["Tilbud", "Takst kr. pr. døgn"], [], ["I alt", 0]]
    )
    with pytest.raises(UserError, match="ingen datarækker under overskriften i række 2"):
        stream_takstfil(path)


def test_chunks_hold_at_most_chunk_rows_data_rows(corpus: Path) -> None:  # noqa: F811
    stream = TakstfilStream(corpus / "years_side_by_side.xlsx", chunk_rows=2)
    chunks: Iterator[TakstChunk] = stream.chunks()
    sizes = [c.rows_read for c in chunks]
    whole = read_takstfil(corpus / "years_side_by_side.xlsx")
    assert max(sizes) == 2 and sum(sizes) == whole.rows_read


def test_two_names_matched_to_one_takst_by_tilbudsportalen_id_refuse_the_second(empty_db: Path) -> None:
    """The reader sees two different names; the match makes them one takst: the second is refused."""
    from decimal import Decimal

    from rammedesk.domain.takstfil import ColumnMapping, Field, ParsedTakstfil, TakstRow
    from rammedesk.domain.vocab import Enhed, TakstArt

    def line(n: int, navn: str, beloeb: str) -> TakstRow:
        return TakstRow(
            "Takster", n, "D", navn, None, None, None, None, "Aarhus", None, 555, None, 2026,
            Decimal(beloeb), Enhed.DOEGN, TakstArt.SAMLET,
        )  # fmt: skip

    mapping = ColumnMapping("Takster", 1, {"A": Field.TILBUD, "B": Field.KOMMUNE, "C": Field.TP_TILBUDSID})
    rows = (line(2, "Solsikken", "1000.00"), line(3, "Solsikken (ny)", "1100.00"))
    report = run(empty_db, ParsedTakstfil("t.xlsx", "ab" * 32, "Takster", ("Takster",), mapping, 2, rows, ()))
    assert (report.imported, report.new_tilbud) == (1, 1)
    assert [(e.row, e.column) for e in report.rejected] == [(3, "D")]
    assert "Samme takst som i række 2" in report.rejected[0].reason


def test_same_name_in_two_kommuner_is_two_tilbud_not_a_duplicate(tmp_path: Path, empty_db: Path) -> None:
    path = simple_xlsx(
        tmp_path / "region.xlsx",
        [
            ["Tilbud", "Beliggenhedskommune", "Takst 2026 kr. pr. døgn"],
            ["Bostedet", "Aarhus", "2.100,00"],
            ["Bostedet", "Odense", "2.300,00"],
            ["Bostedet", "751", "2.100,00"],  # Aarhus by its code: the same takst again
        ],
    )
    report = run(empty_db, stream_takstfil(path))
    assert (report.imported, report.new_tilbud) == (2, 2)
    assert [(e.row, "Samme takst som i række 2" in e.reason) for e in report.rejected] == [(4, True)]
