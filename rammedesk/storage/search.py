"""Full-text search with facets. SQLite: FTS5 over folded text, driving the join.

The FTS table is always the outer loop (``search_fts CROSS JOIN search_doc``): left to
itself the planner may scan search_doc by a filter index and probe FTS per row, which is
two orders of magnitude slower. Never ``rowid IN (subquery)`` on the FTS side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from rammedesk.domain.search import CurrentTakst, Ref, SearchHit
from rammedesk.domain.search_query import SearchQuery, Term
from rammedesk.storage import tables as t

# bm25 weights, in FTS column order: navn, driftsherre, kommune, region, paragraf, maalgruppe,
# beskrivelse. A name hit outranks a description hit.
BM25 = "bm25(search_fts, 10.0, 2.0, 4.0, 1.0, 3.0, 3.0, 1.0)"
FTS_COLUMNS = ("navn", "driftsherre", "kommune", "region", "paragraf", "maalgruppe", "beskrivelse")

SORTS = {
    "relevans": None,  # rank, then name
    "navn": "d.navn_sort",
    "kommune": "d.kommune_sort",
    "paragraf": "d.paragraf_sort",
    "takst": "d.takst_sammenlignelig",
    "pladser": "d.pladser",
}


def _term_expr(term: Term) -> str:
    # Words are folded [a-z0-9]+, so quoting them is safe and defuses FTS5 operators.
    if term.phrase:
        body = '"' + " ".join(term.words) + '"*'
    elif len(term.words) == 1:
        body = f'"{term.words[0]}"*'
    else:
        body = "(" + " AND ".join(f'"{w}"*' for w in term.words) + ")"
    if term.field:
        column = term.field if term.field in FTS_COLUMNS else "navn"
        return f"{column} : {body}"
    return body


def match_expression(terms: Sequence[Term]) -> str | None:
    positive = [_term_expr(t) for t in terms if not t.negated]
    negative = [_term_expr(t) for t in terms if t.negated]
    if not positive:
        return None
    expr = " AND ".join(positive)
    for neg in negative:
        expr = f"({expr}) NOT {neg}"
    return expr


def exclusion_expression(terms: Sequence[Term]) -> str | None:
    """For a query of exclusions only: what to exclude."""
    if any(not t.negated for t in terms):
        return None
    negative = [_term_expr(t) for t in terms if t.negated]
    return " OR ".join(negative) if negative else None


@dataclass(frozen=True)
class CompiledSearch:
    sql_from: str
    sql_where: str
    params: dict[str, Any]
    ranked: bool


def compile_search(query: SearchQuery, facets: Mapping[str, str]) -> CompiledSearch:
    params: dict[str, Any] = {}
    where: list[str] = []
    match = match_expression(query.terms)
    if match:
        sql_from = "search_fts CROSS JOIN search_doc d ON d.afdeling_id = search_fts.rowid"
        where.append("search_fts MATCH :match")
        params["match"] = match
    else:
        sql_from = "search_doc d"
        exclusion = exclusion_expression(query.terms)
        if exclusion:
            where.append("d.afdeling_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :excl)")
            params["excl"] = exclusion
    for i, num in enumerate(query.numeric):
        if num.field == "takst":
            # Money is stored in øre (storage.types.ScaledDecimal).
            column = "d.takst_sammenlignelig"
            params[f"num{i}"] = int((num.value * 100).to_integral_value(ROUND_HALF_UP))
        else:
            column = "d.pladser"
            integral = num.value == num.value.to_integral_value()
            params[f"num{i}"] = int(num.value) if integral else float(num.value)
        where.append(f"{column} {num.op} :num{i}")
    for i, (facet, value) in enumerate(sorted(facets.items())):
        where.append(
            f"EXISTS (SELECT 1 FROM search_facet f{i} WHERE f{i}.afdeling_id = d.afdeling_id "
            f"AND f{i}.facet = :facet{i} AND f{i}.value = :value{i})"
        )
        params[f"facet{i}"] = facet
        params[f"value{i}"] = value
    return CompiledSearch(sql_from, " AND ".join(where) or "1", params, ranked=bool(match))


def search_ids(
    session: Session,
    compiled: CompiledSearch,
    *,
    sort: str = "relevans",
    descending: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[int]:
    column = SORTS.get(sort)
    direction = "DESC" if descending else "ASC"
    if column is None:
        order = f"{BM25}, d.navn_sort" if compiled.ranked else "d.navn_sort"
    else:
        # NULLs (no takst, individual price) last in both directions.
        order = f"{column} IS NULL, {column} {direction}, d.navn_sort"
    sql = (
        f"SELECT d.afdeling_id FROM {compiled.sql_from} WHERE {compiled.sql_where} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    params = compiled.params | {"limit": limit, "offset": offset}
    return [row[0] for row in session.execute(text(sql), params)]


def count(session: Session, compiled: CompiledSearch) -> int:
    sql = f"SELECT count(*) FROM {compiled.sql_from} WHERE {compiled.sql_where}"
    return int(session.execute(text(sql), compiled.params).scalar_one())


def facet_counts(session: Session, compiled: CompiledSearch) -> dict[str, dict[str, int]]:
    sql = (
        f"SELECT fc.facet, fc.value, count(*) FROM {compiled.sql_from} "
        f"JOIN search_facet fc ON fc.afdeling_id = d.afdeling_id "
        f"WHERE {compiled.sql_where} GROUP BY fc.facet, fc.value"
    )
    result: dict[str, dict[str, int]] = {}
    for facet, value, n in session.execute(text(sql), compiled.params):
        result.setdefault(facet, {})[value] = int(n)
    return result


def explain(session: Session, compiled: CompiledSearch) -> list[str]:
    sql = f"EXPLAIN QUERY PLAN SELECT d.afdeling_id FROM {compiled.sql_from} WHERE {compiled.sql_where}"
    return [str(row[-1]) for row in session.execute(text(sql), compiled.params)]


def load_hits(session: Session, ids: Sequence[int]) -> list[SearchHit]:
    """The hits for ``ids``, in that order."""
    if not ids:
        return []
    d = t.SearchDoc
    rows = session.execute(
        select(d, t.Kommune.navn, t.Region.navn)
        .join(t.Kommune, t.Kommune.kode == d.kommune_kode)
        .join(t.Region, t.Region.kode == d.region_kode)
        .where(d.afdeling_id.in_(ids))
    ).all()
    refs: dict[int, dict[str, list[str]]] = {}
    for afdeling_id, facet, value in session.execute(
        select(t.SearchFacet.afdeling_id, t.SearchFacet.facet, t.SearchFacet.value).where(
            t.SearchFacet.afdeling_id.in_(ids), t.SearchFacet.facet.in_(["paragraf", "maalgruppe"])
        )
    ):
        refs.setdefault(afdeling_id, {}).setdefault(facet, []).append(value)
    labels = reference_labels(session)
    by_id: dict[int, SearchHit] = {}
    for doc, kommune, region in rows:
        mine = refs.get(doc.afdeling_id, {})
        takst = None
        if doc.takst_aar is not None and doc.takst_enhed is not None:
            takst = CurrentTakst(doc.takst_beloeb, doc.takst_enhed, doc.takst_aar)
        by_id[doc.afdeling_id] = SearchHit(
            afdeling_id=doc.afdeling_id,
            tilbud_id=doc.tilbud_id,
            tilbud=doc.tilbud,
            afdeling=doc.afdeling,
            kommune=kommune,
            kommune_kode=doc.kommune_kode,
            region=region,
            region_kode=doc.region_kode,
            driftsherre_art=doc.driftsherre_art,
            paragraffer=tuple(
                Ref(p, labels.paragraf.get(p, p))
                for p in sorted(mine.get("paragraf", []), key=_paragraf_order)
            ),
            maalgrupper=tuple(
                Ref(m, labels.maalgruppe.get(m, m)) for m in sorted(mine.get("maalgruppe", []))
            ),
            takst=takst,
            pladser=doc.pladser,
        )
    return [by_id[i] for i in ids if i in by_id]


def _paragraf_order(paragraf_id: str) -> tuple[str, int, str]:
    law, _, rest = paragraf_id.partition("_")
    digits = "".join(ch for ch in rest.split("_")[0] if ch.isdigit())
    return law, int(digits or 0), rest


@dataclass(frozen=True)
class ReferenceLabels:
    paragraf: dict[str, str]
    maalgruppe: dict[str, str]
    kommune: dict[str, str]
    region: dict[str, str]


def reference_labels(session: Session) -> ReferenceLabels:
    return ReferenceLabels(
        paragraf={i: label for i, label in session.execute(select(t.Paragraf.id, t.Paragraf.label))},
        maalgruppe={i: label for i, label in session.execute(select(t.Maalgruppe.id, t.Maalgruppe.label))},
        kommune={str(k): n for k, n in session.execute(select(t.Kommune.kode, t.Kommune.navn))},
        region={str(k): n for k, n in session.execute(select(t.Region.kode, t.Region.navn))},
    )


class SearchStore:
    """The search operations of one unit of work (what services see)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def ids(
        self, compiled: CompiledSearch, *, sort: str, descending: bool, limit: int, offset: int
    ) -> list[int]:
        return search_ids(
            self._session, compiled, sort=sort, descending=descending, limit=limit, offset=offset
        )

    def count(self, compiled: CompiledSearch) -> int:
        return count(self._session, compiled)

    def facet_counts(self, compiled: CompiledSearch) -> dict[str, dict[str, int]]:
        return facet_counts(self._session, compiled)

    def hits(self, ids: Sequence[int]) -> list[SearchHit]:
        return load_hits(self._session, ids)

    def labels(self) -> ReferenceLabels:
        return reference_labels(self._session)

    def explain(self, compiled: CompiledSearch) -> list[str]:
        return explain(self._session, compiled)
