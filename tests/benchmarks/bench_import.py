"""Takstfil import end to end: read, map, validate and apply a 20,000-row workbook.

    python -m tests.benchmarks.bench_import [--rows N] [--repeat R]

Targets (issue 14): <= 3 s and <= 3x the bare python-calamine read of the same file.
Each run applies into a fresh copy of an empty database (reference data only), so every row
creates its tilbud; a second figure re-imports the same file into the filled copy (all rows
unchanged), the yearly case of a file that mostly repeats last year.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from rammedesk.config import resolve_location
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.services.database import init_database, open_store
from rammedesk.services.imports import import_takstfil
from tests.benchmarks.bench_import_read import _bare
from tests.benchmarks.common import median, timed
from tests.data.make_corpus import make_big


def _import(path: Path, db: Path) -> float:
    started = time.perf_counter()
    store = open_store(resolve_location(str(db)))
    try:
        parsed = read_takstfil(path)
        import_takstfil(store, parsed, source="bench", dry_run=False, default_kommune=751)
    finally:
        store.close()
    return (time.perf_counter() - started) * 1000


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
            again.append(_import(path, db))
    print(f"bare calamine read             median {bare:8.1f} ms")
    print(
        f"import into empty database     median {median(first):8.1f} ms   ratio {median(first) / bare:.1f}x"
    )
    print(
        f"re-import, all rows unchanged  median {median(again):8.1f} ms   ratio {median(again) / bare:.1f}x"
    )
    print("targets: <= 3000 ms and <= 3x the bare read")


if __name__ == "__main__":
    main()
