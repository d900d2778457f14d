"""Search benchmark: the service call against the bare FTS5 query for the same words.

    python -m tests.benchmarks.bench_search      (50k-afdeling demo database, cached)

Targets (issue 13): search p95 <= 15 ms and <= 3x the bare FTS5 baseline; facet counts
p95 <= 30 ms.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from rammedesk.config import resolve_location
from rammedesk.domain.search_query import parse_query
from rammedesk.services.catalogue import SearchRequest, ensure_search_index, search
from rammedesk.services.database import open_store
from rammedesk.storage.search_sql import match_expression
from tests.benchmarks.common import bench_database, median, p, timed

# Typing as users do: prefixes growing into words, two words, facets, facet-only.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("a", {}),
    ("au", {}),
    ("aut", {}),
    ("autis", {}),
    ("autisme", {}),
    ("h", {}),
    ("hj", {}),
    ("hjer", {}),
    ("hjerneskade", {}),
    ("b", {}),
    ("bo", {}),
    ("bost", {}),
    ("bostedet", {}),
    ("aarhus", {}),
    ("koege", {}),
    ("aeroe", {}),
    ("autisme aarhus", {}),
    ("psykiatri unge", {}),
    ("bo akt", {}),
    ("autisme", {"region": "1082"}),
    ("bo", {"kommune": "751"}),
    ("hjerne", {"paragraf": "SEL_107"}),
    ("", {"region": "1084"}),
    ("", {"paragraf": "SEL_108"}),
    ("", {"driftsherre": "privat", "alder": "voksne"}),
    ("takst:<3000 bo", {}),
    ("pladser:>=10 autisme", {}),
]
REPEAT = 15


def main() -> None:
    path = bench_database()
    store = open_store(resolve_location(str(path)))
    ensure_search_index(store, date.today())
    raw = sqlite3.connect(path)

    search_ms: list[float] = []
    facet_ms: list[float] = []
    base_ms: list[float] = []
    print(f"{'query':34} {'search p50':>10} {'p95':>7} {'facets p95':>10} {'fts5 p50':>9}")
    for text, facets in QUERIES:
        plain = SearchRequest(text=text, facets=facets, with_facets=False)
        full = SearchRequest(text=text, facets=facets, with_facets=True)
        s = timed(lambda plain=plain: search(store, plain), REPEAT)  # type: ignore[misc]
        f = timed(lambda full=full: search(store, full), REPEAT // 3)  # type: ignore[misc]
        match = match_expression(parse_query(text).terms)
        if match:
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 50"
            b = timed(lambda sql=sql, match=match: raw.execute(sql, (match,)).fetchall(), REPEAT)  # type: ignore[misc]
        else:
            b = timed(lambda: raw.execute("SELECT afdeling_id FROM search_doc LIMIT 50").fetchall(), REPEAT)
        search_ms += s
        facet_ms += f
        base_ms += b
        label = (text or "∅") + (f" {facets}" if facets else "")
        print(f"{label[:34]:34} {median(s):10.2f} {p(s, 0.95):7.2f} {p(f, 0.95):10.2f} {median(b):9.2f}")
    ratio = median(search_ms) / median(base_ms)
    print()
    print(f"search   p50 {median(search_ms):6.2f} ms   p95 {p(search_ms, 0.95):6.2f} ms   (target p95 <= 15)")
    print(f"baseline p50 {median(base_ms):6.2f} ms   p95 {p(base_ms, 0.95):6.2f} ms   bare sqlite3 FTS5")
    print(f"ratio search/baseline (medians) {ratio:.2f}x   (target <= 3x)")
    print(f"facets   p50 {median(facet_ms):6.2f} ms   p95 {p(facet_ms, 0.95):6.2f} ms   (target p95 <= 30)")
    raw.close()
    store.close()


if __name__ == "__main__":
    main()
