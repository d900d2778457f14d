"""Full-text search on SQLite: FTS5 over folded text, driving the join, streaming in order.

The FTS table is always the outer loop (``search_fts CROSS JOIN search_doc``): left to
itself the planner may scan search_doc by a filter index and probe FTS per row, which is
two orders of magnitude slower. Never ``rowid IN (subquery)`` on the FTS side.

The FTS rowid is ``search_doc.pos``, the afdeling's place in Danish name order, so
``ORDER BY rowid LIMIT n`` streams: a one-letter prefix matching 50,000 afdelinger returns
its first page in well under a millisecond. bm25 would have to score every match first
(100 ms for "a"), so relevance is tiered instead: afdelinger whose name matches a query
word come first, then those that match elsewhere, each tier in name order.

The forgiving search adds levels below the exact one (LEVELS): query words OR'ed with
prefixes of compounds containing them, then with typo corrections. Each level's hits come
after all hits of the levels above it, in every sort order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from rammedesk.domain.search_query import SearchQuery, Term

FTS_COLUMNS = ("navn", "driftsherre", "kommune", "region", "paragraf", "maalgruppe", "beskrivelse")
# The same statement as migration 0003; the index rebuild re-creates the table with it.
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE search_fts USING fts5({', '.join(FTS_COLUMNS)}, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)
# Facets with one value per afdeling live as columns of search_doc (cheap to test while
# streaming); the others are looked up in search_facet by primary key.
SINGLE_VALUE_COLUMNS = {
    "region": "d.region_kode",
    "kommune": "d.kommune_kode",
    "driftsherre": "d.driftsherre_art",
}
SORT_COLUMNS = {
    "kommune": "d.kommune_sort",
    "paragraf": "d.paragraf_sort",
    "takst": "d.takst_sammenlignelig",
    "pladser": "d.pladser",
}


Alternatives = Mapping[str, tuple[str, ...]]  # folded query word → prefixes OR'ed to it
NO_ALTERNATIVES: Alternatives = {}
LEVELS = ("exact", "compound", "typo")  # how a hit matched, best first


def _word(word: str, alternatives: Alternatives) -> str:
    # Words are folded [a-z0-9]+, so quoting them is safe and defuses FTS5 operators.
    others = alternatives.get(word, ())
    if not others:
        return f'"{word}"*'
    return "(" + " OR ".join(f'"{w}"*' for w in (word, *others)) + ")"


def _body(term: Term, alternatives: Alternatives = NO_ALTERNATIVES) -> str:
    if term.phrase:
        return '"' + " ".join(term.words) + '"*'
    if len(term.words) == 1:
        return _word(term.words[0], alternatives)
    return "(" + " AND ".join(_word(w, alternatives) for w in term.words) + ")"


def _term_expr(term: Term, alternatives: Alternatives = NO_ALTERNATIVES) -> str:
    body = _body(term, NO_ALTERNATIVES if term.negated else alternatives)
    if term.field:
        column = term.field if term.field in FTS_COLUMNS else "navn"
        return f"{column} : {body}"
    return body


def match_expression(terms: Sequence[Term], alternatives: Alternatives = NO_ALTERNATIVES) -> str | None:
    positive = [_term_expr(t, alternatives) for t in terms if not t.negated]
    if not positive:
        return None
    expr = " AND ".join(positive)
    for term in terms:
        if term.negated:
            expr = f"({expr}) NOT {_term_expr(term)}"
    return expr


def _name_expression(terms: Sequence[Term], alternatives: Alternatives = NO_ALTERNATIVES) -> str | None:
    """Any unfielded positive word in the name column (the first relevance tier)."""
    bodies = [_body(t, alternatives) for t in terms if not t.negated and t.field is None]
    return f"navn : ({' OR '.join(bodies)})" if bodies else None


def _name_expressions(terms: Sequence[Term], alternatives: Alternatives, level: str) -> tuple[str, ...]:
    """The name tiers of a level. Typo'd queries widen every word, so there the names with
    all unfielded words come before names with any (the intended afdeling, not its namesakes)."""
    any_word = _name_expression(terms, alternatives)
    if any_word is None:
        return ()
    bodies = [_body(t, alternatives) for t in terms if not t.negated and t.field is None]
    if level != "typo" or len(bodies) < 2:
        return (any_word,)
    return (f"navn : ({' AND '.join(bodies)})", any_word)


def exclusion_expression(terms: Sequence[Term]) -> str | None:
    """For a query of exclusions only: what to exclude."""
    if any(not t.negated for t in terms):
        return None
    negative = [_term_expr(t) for t in terms if t.negated]
    return " OR ".join(negative) if negative else None


@dataclass(frozen=True)
class CompiledSearch:
    match: str | None  # the FTS5 expression, None without positive words
    tiers: tuple[str, ...]  # FTS5 expressions in relevance order (each repeats the ones before)
    tier_levels: tuple[str, ...]  # the LEVELS entry of each tier
    exclusion: str | None  # exclusions-only queries: the rows to leave out
    filters: tuple[str, ...]  # SQL conditions on search_doc d
    params: dict[str, Any] = field(default_factory=dict)
    facets: tuple[tuple[str, str], ...] = ()
    numeric: tuple[tuple[str, str, Any], ...] = ()  # (field, op, value in stored units)
    driver: int | None = None  # without text: the search_facet filter that drives the scan
    levels: tuple[tuple[str, str], ...] = ()  # (expression, level): ``match`` split by LEVELS
    # Forgiving levels: the prefixes each unfielded word may start a name word with (None:
    # a phrase among them, ranked by FTS5 alone). See ``_ranked_level``.
    name_words: dict[str, NameWords | None] = field(default_factory=dict)


NameWords = tuple[tuple[tuple[str, ...], ...], ...]  # terms → words → accepted prefixes
LEVEL_ROWS = 1000  # a forgiving level up to this size is ranked in one query


def _name_words(terms: Sequence[Term], alternatives: Alternatives) -> NameWords | None:
    unfielded = [t for t in terms if not t.negated and t.field is None]
    if any(t.phrase for t in unfielded):
        return None
    return tuple(tuple((w, *alternatives.get(w, ())) for w in t.words) for t in unfielded)


def _levels(
    terms: Sequence[Term], compound: Alternatives, typo: Alternatives
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(match, level, name expression) of each level present; each match contains the last."""
    exact = match_expression(terms)
    if exact is None:
        return []
    levels = [(exact, "exact", _name_expressions(terms, NO_ALTERNATIVES, "exact"))]
    positive = {w for t in terms if not t.negated and not t.phrase for w in t.words}
    for level, alternatives, merged in (
        ("compound", compound, _merged(compound, NO_ALTERNATIVES)),
        ("typo", typo, _merged(compound, typo)),
    ):
        if not any(alternatives.get(w) for w in positive):
            continue
        match = match_expression(terms, merged)
        if match is not None:
            levels.append((match, level, _name_expressions(terms, merged, level)))
    return levels


def _merged(compound: Alternatives, typo: Alternatives) -> dict[str, tuple[str, ...]]:
    merged = {w: tuple(a) for w, a in compound.items()}
    for word, alts in typo.items():
        merged[word] = tuple(dict.fromkeys((*merged.get(word, ()), *alts)))
    return merged


def _tiers(
    levels: list[tuple[str, str, tuple[str, ...]]], empty: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Relevance tiers: per level, name matches first, then the rest. A tier repeats the
    rows of the tiers before it; ``search_ids`` skips those (cheaper than FTS5 NOT, which
    would evaluate the earlier expressions once more)."""
    tiers: list[str] = []
    tier_levels: list[str] = []
    parts: list[tuple[str, str]] = []
    for match, level, names in levels:
        if level in empty:
            continue  # known to match nothing: not worth a query
        parts.append((match, level))
        for name in names:
            tiers.append(f"({match}) AND {name}")
            tier_levels.append(level)
        tiers.append(match)
        tier_levels.append(level)
    return tuple(tiers), tuple(tier_levels), tuple(parts)


def compile_search(
    query: SearchQuery,
    facets: Mapping[str, str],
    *,
    compound: Alternatives = NO_ALTERNATIVES,
    typo: Alternatives = NO_ALTERNATIVES,
    empty: frozenset[str] = frozenset(),
) -> CompiledSearch:
    """``compound`` and ``typo`` alternatives add the forgiving levels (below exact hits);
    ``empty`` names levels the caller knows match nothing (a word no indexed word starts
    with leaves the exact level empty), so their FTS5 queries are never run."""
    params: dict[str, Any] = {}
    filters: list[str] = []
    numeric: list[tuple[str, str, Any]] = []
    for i, num in enumerate(query.numeric):
        if num.field == "takst":
            # Money is stored in øre (storage.types.ScaledDecimal).
            column = "d.takst_sammenlignelig"
            bound: int | float = int((num.value * 100).to_integral_value(ROUND_HALF_UP))
        else:
            integral = num.value == num.value.to_integral_value()
            column, bound = "d.pladser", int(num.value) if integral else float(num.value)
        filters.append(f"{column} {num.op} :num{i}")
        params[f"num{i}"] = bound
        numeric.append((num.field, num.op, bound))
    driver = None
    for i, (facet, value) in enumerate(sorted(facets.items())):
        if facet in SINGLE_VALUE_COLUMNS:
            filters.append(f"{SINGLE_VALUE_COLUMNS[facet]} = :fv{i}")
            params[f"fv{i}"] = int(value) if facet != "driftsherre" and value.isdigit() else value
        else:
            filters.append(
                f"EXISTS (SELECT 1 FROM search_facet f{i} WHERE f{i}.pos = d.pos "
                f"AND f{i}.facet = :facet{i} AND f{i}.value = :fv{i})"
            )
            params[f"facet{i}"] = facet
            params[f"fv{i}"] = value
            driver = i if driver is None else driver
    levels = _levels(query.terms, compound, typo)
    match = levels[-1][0] if levels else None
    tiers, tier_levels, parts = _tiers(levels, empty)
    return CompiledSearch(
        match,
        tiers,
        tier_levels,
        exclusion_expression(query.terms),
        tuple(filters),
        params,
        tuple(sorted(facets.items())),
        tuple(numeric),
        driver,
        parts,
        {
            "compound": _name_words(query.terms, compound),
            "typo": _name_words(query.terms, _merged(compound, typo)),
        },
    )


def _from_where(compiled: CompiledSearch, match: str | None) -> tuple[str, dict[str, Any]]:
    params = dict(compiled.params)
    where = list(compiled.filters)
    if match is not None:
        source = "search_fts CROSS JOIN search_doc d ON d.pos = search_fts.rowid"
        where.insert(0, "search_fts MATCH :match")
        params["match"] = match
    elif compiled.driver is not None:
        # A facet without text: scan that facet's (facet, value, pos) index in pos order.
        i = compiled.driver
        where = [w for w in where if not w.startswith(f"EXISTS (SELECT 1 FROM search_facet f{i} ")]
        source = f"search_facet f{i} CROSS JOIN search_doc d ON d.pos = f{i}.pos"
        where.insert(0, f"f{i}.facet = :facet{i} AND f{i}.value = :fv{i}")
    else:
        source = "search_doc d"
    if match is None and compiled.exclusion:
        where.insert(0, "d.pos NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :excl)")
        params["excl"] = compiled.exclusion
    return f"FROM {source} WHERE {' AND '.join(where) or '1'}", params


def _order_key(compiled: CompiledSearch, match: str | None) -> str:
    if match is not None:
        return "search_fts.rowid"
    return f"f{compiled.driver}.pos" if compiled.driver is not None else "d.pos"


def _page(
    session: Session, compiled: CompiledSearch, match: str | None, order: str, *, limit: int, offset: int
) -> list[int]:
    sql, params = _from_where(compiled, match)
    rows = session.execute(
        text(f"SELECT d.afdeling_id {sql} ORDER BY {order} LIMIT :limit OFFSET :offset"),
        params | {"limit": limit, "offset": offset},
    )
    return [row[0] for row in rows]


def _ranked_level(session: Session, compiled: CompiledSearch, level: str, *, order: str) -> list[int] | None:
    """A forgiving level in its tier order from one query (its tiers as FTS5 queries would
    each read the same, often broad, doclists again); None when it is too big or has phrases."""
    words = compiled.name_words.get(level)
    if words is None:
        return None
    tiers = compiled.tier_levels.count(level)
    match = next(m for m, lvl in compiled.levels if lvl == level)
    sql, params = _from_where(compiled, match)
    rows = session.execute(
        text(f"SELECT d.afdeling_id, search_fts.navn {sql} ORDER BY {order} LIMIT :limit"),
        params | {"limit": LEVEL_ROWS + 1},
    ).all()
    if len(rows) > LEVEL_ROWS:
        return None

    def rank(navn: str) -> int:
        tokens = navn.split()
        hits = [all(any(tok.startswith(alts) for tok in tokens) for alts in term) for term in words]
        if tiers == 3:  # all words in the name, any word in the name, the rest
            return 0 if all(hits) else 1 if any(hits) else 2
        return 0 if tiers == 2 and any(hits) else tiers - 1

    return [i for _rank, _n, i in sorted((rank(navn), n, i) for n, (i, navn) in enumerate(rows))]


def search_ids(
    session: Session,
    compiled: CompiledSearch,
    *,
    sort: str = "relevans",
    descending: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[int, str]]:
    """Afdeling ids of one page of hits with the level each matched at, in the asked order.

    Every sort keeps the levels apart: a forgiving hit never comes before an exact one."""
    direction = "DESC" if descending else "ASC"
    if sort in SORT_COLUMNS:
        column = SORT_COLUMNS[sort]
        # Missing values (no takst, individual price) last in both directions.
        order = f"{column} IS NULL, {column} {direction}, d.pos"
    else:
        order = f"{_order_key(compiled, compiled.match)} {direction}"
    if sort == "relevans" and compiled.tiers:
        tiers = list(zip(compiled.tiers, compiled.tier_levels, strict=True))
    elif compiled.levels:
        tiers = list(compiled.levels)
    else:
        ids = _page(session, compiled, compiled.match, order, limit=limit, offset=offset)
        return [(i, "exact") for i in ids]
    found: list[tuple[int, str]] = []
    # Rows of earlier tiers, all before the page: a tier is only left once it ran dry.
    seen: set[int] = set()

    def take(ids: list[int], level: str) -> None:
        new = [i for i in ids if i not in seen]
        found.extend((i, level) for i in new[max(0, offset - len(seen)) :])
        seen.update(new)

    tried: dict[str, bool] = {}  # forgiving level → ranked in one query
    for tier, level in tiers:
        wanted = limit - len(found)
        if wanted <= 0:
            break
        if sort == "relevans" and level != "exact" and level not in tried:
            ranked = _ranked_level(session, compiled, level, order=order)
            tried[level] = ranked is not None
            if ranked is not None:
                take(ranked, level)
        if tried.get(level):
            continue
        # Read this tier up to the end of the page; a tier that runs dry has told its size.
        start = max(0, offset - len(seen))
        take(_page(session, compiled, tier, order, limit=wanted + start + len(seen), offset=0), level)
    return found[:limit]


def count(session: Session, compiled: CompiledSearch) -> int:
    if compiled.match is not None and not compiled.filters:
        # Text only: FTS5 counts its own matches; the join to search_doc would triple the cost.
        sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH :m"
        return int(session.execute(text(sql), {"m": compiled.match}).scalar_one())
    sql, params = _from_where(compiled, compiled.match)
    return int(session.execute(text(f"SELECT count(*) {sql}"), params).scalar_one())


def matched_positions(session: Session, compiled: CompiledSearch) -> str | None:
    """All positions the text part matches, as comma-separated text (fast to hand to numpy);
    None when the query has no text part (everything matches)."""
    if compiled.match is None:
        if compiled.exclusion is None:
            return None
        sql = (
            "SELECT group_concat(pos) FROM search_doc WHERE pos NOT IN "
            "(SELECT rowid FROM search_fts WHERE search_fts MATCH :m)"
        )
        value = session.execute(text(sql), {"m": compiled.exclusion}).scalar()
    else:
        sql = "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH :m"
        value = session.execute(text(sql), {"m": compiled.match}).scalar()
    return str(value or "")


def name_words(session: Session, word: str, limit: int = 5) -> list[str]:
    """Names of afdelinger with the folded ``word`` in their name: the word as written there."""
    sql = (
        "SELECT d.tilbud, d.afdeling FROM search_fts CROSS JOIN search_doc d ON d.pos = search_fts.rowid "
        "WHERE search_fts MATCH :m LIMIT :n"
    )
    rows = session.execute(text(sql), {"m": f'navn : "{word}"', "n": limit})
    return [name for row in rows for name in row]


def explain(session: Session, compiled: CompiledSearch) -> list[str]:
    sql, params = _from_where(compiled, compiled.match)
    order = _order_key(compiled, compiled.match)
    rows = session.execute(
        text(f"EXPLAIN QUERY PLAN SELECT d.afdeling_id {sql} ORDER BY {order} LIMIT 50"),
        params,
    )
    return [str(row[-1]) for row in rows]
