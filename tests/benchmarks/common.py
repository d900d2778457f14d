"""Shared benchmark helpers: the cached 50k-afdeling demo database and timing statistics."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rammedesk.config import resolve_location
from rammedesk.storage.migrate import head_revision

BENCH_SIZE = 50_000
BENCH_SEED = 2027


def bench_database(size: int = BENCH_SIZE, seed: int = BENCH_SEED) -> Path:
    """A demo database of ``size`` afdelinger, built once and reused while the schema holds."""
    from rammedesk.services.demo import install_demo

    cache = Path(os.environ.get("RAMMEDESK_BENCH_DIR", Path.home() / ".cache" / "rammedesk-bench"))
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"demo-{size}-{seed}-{head_revision()}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        tmp = path.with_suffix(".building")
        for leftover in cache.glob(tmp.name + "*"):
            leftover.unlink()
        install_demo(resolve_location(str(tmp)), size=size, seed=seed)
        tmp.rename(path)
        print(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls (after one warm-up call)."""
    fn()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)
