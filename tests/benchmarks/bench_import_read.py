"""Takstfil reading benchmark: read_takstfil (read + map + validate) vs bare python-calamine.

    python -m tests.benchmarks.bench_import_read                 (20 000 rows, 5 runs)
    python -m tests.benchmarks.bench_import_read --rows 50000 --repeat 3

Target (issue: takstfil import): a 20 000-row workbook read, mapped and validated in well
under 3 s. Prints medians and the ratio to the bare calamine read of the same file.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import python_calamine as pc

from rammedesk.fileio.takstfil_reader import read_takstfil
from tests.benchmarks.common import median, timed
from tests.data.make_corpus import make_big

TARGET_SECONDS = 3.0


def _bare(path: Path) -> None:
    wb = pc.CalamineWorkbook.from_path(str(path))
    for _row in wb.get_sheet_by_name(wb.sheet_names[0]).iter_rows():
        pass
    wb.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = make_big(Path(tmp) / "big.xlsx", rows=args.rows)
        parsed = read_takstfil(path)
        bare = median(timed(lambda: _bare(path), args.repeat))
        full = median(timed(lambda: read_takstfil(path), args.repeat))
        size = path.stat().st_size
    print(
        f"file: {args.rows} rows, {size / 1e6:.1f} MB, "
        f"{len(parsed.takster)} takster, {len(parsed.errors)} errors"
    )
    print(f"bare calamine read      median {bare:8.1f} ms")
    print(f"read_takstfil           median {full:8.1f} ms   ratio {full / bare:.1f}x")
    verdict = "OK" if full / 1000 < TARGET_SECONDS else "TOO SLOW"
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
