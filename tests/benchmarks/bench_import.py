"""Takstfil import end to end: read, map, validate and apply a 20,000-row workbook.

    python -m tests.benchmarks.bench_import [--rows N] [--repeat R]

Targets (issue 14): <= 3 s and <= 3x the bare python-calamine read of the same file.
Each run applies into a fresh copy of an empty database (reference data only), so every row
creates its tilbud; a second figure re-imports the same file into the filled copy (all rows
unchanged), the yearly case of a file that mostly repeats last year.

Two floors are printed beside them, so the ratio can be judged: read_takstfil alone (read, map
and validate, no database), and the bare SQLite write of exactly the rows the first import
stored (one executemany per table in one transaction, via the sqlite3 driver: no matching,
no SQLAlchemy, no Python per row beyond the driver's).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from rammedesk.config import resolve_location
from rammedesk.fileio.takstfil_reader import read_takstfil, stream_takstfil
from rammedesk.services.database import init_database, open_store
from rammedesk.services.imports import import_takstfil
from tests.benchmarks.bench_import_read import _bare
from tests.benchmarks.common import median, timed
from tests.data.make_corpus import make_big


def _import(path: Path, db: Path) -> float:
    started = time.perf_counter()
    store = open_store(resolve_location(str(db)))
    try:
        # As the CLI and the window do: rows are read, matched and written chunk by chunk.
        import_takstfil(store, stream_takstfil(path), source="bench", dry_run=False, default_kommune=751)
    finally:
        store.close()
    return (time.perf_counter() - started) * 1000


_WRITTEN = ("import_batch", "driftsherre", "tilbud", "afdeling", "ydelse", "takst")


def _written_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows the first import wrote (it is the only batch in a fresh database)."""
    with sqlite3.connect(db) as conn:
        out = {"import_batch": conn.execute("SELECT * FROM import_batch").fetchall()}
        for table in _WRITTEN[1:]:
            out[table] = conn.execute(f"SELECT * FROM {table} WHERE import_batch_id IS NOT NULL").fetchall()
    return out


def _sqlite_floor(template: Path, db: Path, rows: dict[str, list[tuple[object, ...]]]) -> float:
    shutil.copyfile(template, db)
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=ON")
    with conn:
        for table in _WRITTEN:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
    conn.close()
    return (time.perf_counter() - started) * 1000


def _peak(path: Path, template: Path, db: Path) -> float:
    shutil.copyfile(template, db)
    tracemalloc.start()
    try:
        _import(path, db)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = make_big(root / "big.xlsx", rows=args.rows)
        template = root / "template.sqlite3"
        init_database(resolve_location(str(template)), force=False)
        bare = median(timed(lambda: _bare(path), args.repeat))
        first, again = [], []
        for i in range(args.repeat):
            db = root / f"run{i}.sqlite3"
            shutil.copyfile(template, db)
            first.append(_import(path, db))
            if i == 0:
                written = _written_rows(db)
            again.append(_import(path, db))
        read = median(timed(lambda: read_takstfil(path), args.repeat))
        floor = median(
            [_sqlite_floor(template, root / f"floor{i}.sqlite3", written) for i in range(args.repeat)]
        )
        stored = sum(len(v) for v in written.values())
        # After the timed runs (tracing slows Python down): the peak of one import, and of one
        # of a file three times as long; streamed, the two should be about the same.
        peaks = [_peak(path, template, root / "memory.sqlite3")]
        peaks.append(_peak(make_big(root / "bigger.xlsx", rows=3 * args.rows), template, root / "m3.sqlite3"))
    print(f"bare calamine read             median {bare:8.1f} ms")
    print(
        f"import into empty database     median {median(first):8.1f} ms   ratio {median(first) / bare:.1f}x"
    )
    print(
        f"re-import, all rows unchanged  median {median(again):8.1f} ms   ratio {median(again) / bare:.1f}x"
    )
    print(f"floor: read_takstfil alone     median {read:8.1f} ms   ratio {read / bare:.1f}x")
    print(
        f"floor: sqlite3 insert alone    median {floor:8.1f} ms   ratio {floor / bare:.1f}x"
        f"   ({stored} rows: what the first import stored)"
    )
    print(
        f"peak Python memory of one import into an empty database: {peaks[0]:.0f} MB "
        f"({args.rows} rows), {peaks[1]:.0f} MB ({3 * args.rows} rows)"
    )
    print("targets: <= 3000 ms and <= 3x the bare read")


if __name__ == "__main__":
    main()
