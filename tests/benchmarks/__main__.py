"""Run every benchmark: `python -m tests.benchmarks` (not part of CI)."""

from __future__ import annotations

from tests.benchmarks import bench_demo, bench_import, bench_import_read, bench_projection, bench_search


def main() -> None:
    bench_search.main()
    bench_demo.main([])
    bench_import_read.main([])
    bench_import.main([])
    bench_projection.main([])


if __name__ == "__main__":
    main()
