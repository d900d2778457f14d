"""Forgiving-search benchmark: typo'd queries typed as users do, and their correct spelling.

    python -m tests.benchmarks.bench_fuzzy      (50k-afdeling demo database, cached)

Queries are the words of real afdeling names (tilbud + afdeling) with one typo —
substitution, deletion, insertion or transposition, after the first letter — in a word of
5+ letters; half of them end on that word unfinished. Reported: p50/p95 of the whole search
call, recall@10 (the intended afdeling among the first 10), the share of correctly spelled
queries whose exact hits lost their place, resident memory added, vocabulary build time.

Targets (issue 16): p95 <= 15 ms, recall@10 >= 95 %, 0 % displaced, <= 50 MB, build <= 1 s.
"""

from __future__ import annotations

import gc
import os
import random
import sqlite3
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rammedesk.config import resolve_location
from rammedesk.domain.folding import fold_words
from rammedesk.domain.search_fuzzy import Vocabulary, allowed_typos
from rammedesk.services.catalogue import SearchRequest, ensure_search_index, search
from rammedesk.services.database import open_store
from rammedesk.storage.search_vocab import load_vocabulary
from rammedesk.storage.store import Store
from tests.benchmarks.common import bench_database, median, p, timed

SAMPLES = 220
SEED = 16
REPEAT = 3
LETTERS = "abcdefghijklmnoprstuvy"
EDITS = ("substitution", "deletion", "insertion", "transposition")


@dataclass(frozen=True)
class Case:
    name: tuple[str, str]  # (tilbud, afdeling): the intended afdeling
    correct: str
    typo: str
    edit: str
    unfinished: bool


def _edit(rng: random.Random, word: str, kind: str) -> str:
    i = rng.randrange(1, len(word) - 1)  # users seldom miss the first letter
    if kind == "substitution":
        return word[:i] + rng.choice([c for c in LETTERS if c != word[i]]) + word[i + 1 :]
    if kind == "deletion":
        return word[:i] + word[i + 1 :]
    if kind == "insertion":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if word[i] == word[i + 1]:
        return _edit(rng, word, "substitution")  # swapping equal letters changes nothing
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_cases(
    conn: sqlite3.Connection,
    findable: Callable[[str, tuple[str, str]], bool],
    n: int = SAMPLES,
    seed: int = SEED,
) -> list[Case]:
    """Up to three words of an afdeling's name (tilbud + afdeling), the typo'd one last.

    Only queries that, spelled right, show the intended afdeling among the first 10 are kept:
    many afdelinger share a name ("Team Vest"), and a query no spelling could answer measures
    the catalogue, not the forgiving search."""
    rng = random.Random(seed)
    sql = "SELECT DISTINCT tilbud, afdeling FROM search_doc ORDER BY tilbud, afdeling"
    names = conn.execute(sql).fetchall()
    cases: list[Case] = []
    for tilbud, afdeling in rng.sample(names, len(names)):
        words = list(dict.fromkeys(fold_words(f"{tilbud} {afdeling}")))
        long_words = [w for w in words if len(w) >= 6 and w.isalpha()]
        if not long_words:
            continue
        target = rng.choice(long_words)
        others = [w for w in words if w != target]
        others = sorted(rng.sample(others, min(len(others), rng.randint(1, 2))), key=others.index)
        unfinished = len(cases) % 2 == 1
        if unfinished:
            target = target[: rng.randrange(5, len(target))]  # still typing this word
        edit = EDITS[len(cases) % len(EDITS)]
        typed = _edit(rng, target, edit)
        correct, typo = " ".join([*others, target]), " ".join([*others, typed])
        if not findable(correct, (tilbud, afdeling)):
            continue
        cases.append(Case((tilbud, afdeling), correct, typo, edit, unfinished))
        if len(cases) == n:
            break
    return cases


def scaled_vocabulary(words: list[tuple[str, int]], size: int = 25_763, seed: int = SEED) -> None:
    """The demo catalogue has few distinct words; real descriptions have tens of thousands.
    Grow the vocabulary with compounds of its words (the prototype's size) and time it."""
    rng = random.Random(seed)
    alpha = [w for w, _n in words if w.isalpha() and len(w) >= 3]
    grown = dict(words)
    while len(grown) < size:
        grown.setdefault(rng.choice(alpha) + rng.choice(alpha), rng.randint(1, 50))
    build_ms = timed(lambda: Vocabulary("scaled", grown.items()), 3)
    gc.collect()
    tracemalloc.start()  # slows allocation down: memory and time measured apart
    vocabulary = Vocabulary("scaled", grown.items())
    size_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    probes = [
        _edit(rng, w, EDITS[i % 4]) for i, w in enumerate(rng.sample(sorted(grown), 300)) if len(w) >= 5
    ]
    lookup_ms = []
    for probe in probes:
        started = time.perf_counter()
        vocabulary.typo_alternatives(probe, allowed_typos(probe))
        vocabulary.compound_prefixes(probe)
        lookup_ms.append((time.perf_counter() - started) * 1000)
    print(
        f"scaled vocabulary      {len(vocabulary):,} words: "
        f"build {median(build_ms):.0f} ms, {size_mb:.1f} MB, "
        f"typo + compound look-up p50 {median(lookup_ms):.2f} ms p95 {p(lookup_ms, 0.95):.2f} ms"
    )


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run(store: Store, text: str, forgiving: bool = True) -> object:
    return search(store, SearchRequest(text=text, with_facets=False, forgiving=forgiving))


def main() -> None:
    path = bench_database()
    store = open_store(resolve_location(str(path)))
    ensure_search_index(store, date.today())
    conn = sqlite3.connect(path)

    def findable(text: str, name: tuple[str, str]) -> bool:
        exact = search(store, SearchRequest(text=text, with_facets=False, forgiving=False, limit=10))
        return any((h.tilbud, h.afdeling) == name for h in exact.hits)

    cases = make_cases(conn, findable)
    conn.close()

    # Exact search over every query first, so the memory measured next is the forgiving part's.
    exact_ms: list[float] = []
    for case in cases:
        for text in (case.correct, case.typo):
            exact_ms += timed(lambda text=text: run(store, text, forgiving=False), REPEAT)  # type: ignore[misc]
    gc.collect()
    before = rss_mb()

    typo_ms: list[float] = []
    correct_ms: list[float] = []
    found = displaced = suggested = 0
    misses: list[Case] = []
    for case in cases:
        typo_ms += timed(lambda case=case: run(store, case.typo), REPEAT)  # type: ignore[misc]
        correct_ms += timed(lambda case=case: run(store, case.correct), REPEAT)  # type: ignore[misc]
        result = search(store, SearchRequest(text=case.typo, with_facets=False, limit=10))
        hit = any((h.tilbud, h.afdeling) == case.name for h in result.hits)
        found += hit
        suggested += result.did_you_mean is not None
        if not hit:
            misses.append(case)
        exact = search(store, SearchRequest(text=case.correct, with_facets=False, forgiving=False))
        forgiving = search(store, SearchRequest(text=case.correct, with_facets=False))
        if forgiving.hits[: len(exact.hits)] != exact.hits:
            displaced += 1
    gc.collect()
    extra = rss_mb() - before

    with store.unit_of_work() as repos:
        build_ms = timed(lambda: load_vocabulary(repos.session, "bench"), 5)
        vocabulary = load_vocabulary(repos.session, "bench")
    store.close()
    counts = dict(zip(vocabulary.words, vocabulary.counts, strict=True))
    everything = typo_ms + correct_ms
    n = len(cases)
    rows = [
        ("whole search, all", everything, "(target p95 <= 15)"),
        ("whole search, typo'd", typo_ms, ""),
        ("whole search, correct", correct_ms, ""),
        ("exact search only", exact_ms, "(baseline, same queries)"),
    ]
    print(f"{n} typo'd queries ({n // 2} on an unfinished last word) + {n} correctly spelled")
    print(f"vocabulary: {len(vocabulary):,} distinct folded words")
    for label, values, note in rows:
        print(f"{label:22} p50 {median(values):6.2f} ms   p95 {p(values, 0.95):6.2f} ms   {note}")
    ratio = p(everything, 0.95) / p(exact_ms, 0.95)
    print(f"ratio p95 whole/exact  {ratio:.2f}x")
    print(f"recall@10              {100 * found / n:6.1f} %   (target >= 95; all typo'd queries)")
    print(f"did_you_mean offered   {100 * suggested / n:6.1f} %   of typo'd queries")
    print(f"displaced exact hits   {100 * displaced / n:6.1f} %   (target 0)")
    print(f"extra resident memory  {extra:6.1f} MB   (target <= 50)")
    build = f"{median(build_ms):6.0f} ms   p50, max {max(build_ms):.0f} ms"
    print(f"vocabulary build       {build}   (target <= 1000)")
    scaled_vocabulary(list(counts.items()))
    for case in misses[:8]:
        kind = case.edit + (", unfinished" if case.unfinished else "")
        print(f"  missed ({kind}): {case.typo!r} for {case.name}")


if __name__ == "__main__":
    main()
