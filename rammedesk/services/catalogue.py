"""Search the tilbudsvifte: free text, query language, facets with live counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from rammedesk.domain.collation import danish_sort_key
from rammedesk.domain.details import TilbudDetails
from rammedesk.domain.search import (
    FACETS,
    PLADS_BUCKETS,
    TAKST_BUCKETS,
    FacetGroup,
    FacetValue,
    SearchResult,
)
from rammedesk.domain.search_query import SearchQuery, parse_query
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt
from rammedesk.errors import UserError
from rammedesk.services.search_forgiving import (
    compound_alternatives,
    did_you_mean,
    searched_words,
    spelling_in,
    typo_alternatives,
)
from rammedesk.storage.repositories import Repositories
from rammedesk.storage.search import ReferenceLabels
from rammedesk.storage.search_sql import CompiledSearch, compile_search
from rammedesk.storage.store import Store

MAX_LIMIT = 10_000


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    facets: Mapping[str, str] = field(default_factory=dict)
    sort: str = "relevans"
    descending: bool = False
    limit: int = 50
    offset: int = 0
    with_facets: bool = True
    forgiving: bool = True  # False: the exact search only (no compounds, no typos)


def validate_request(request: SearchRequest) -> None:
    for facet in request.facets:
        if facet not in FACETS:
            raise UserError(f"Ukendt facet »{facet}«. Mulige: {', '.join(FACETS)}.", "facet")
    if not 1 <= request.limit <= MAX_LIMIT:
        raise UserError(f"Antal hits skal være mellem 1 og {MAX_LIMIT}.", "--limit")


def ensure_search_index(store: Store, today: date | None = None) -> None:
    """(Re)build the index when it is missing or was built for another year."""
    with store.unit_of_work() as repos:
        ensure_index_current(repos, today)


def ensure_index_current(repos: Repositories, today: date | None) -> None:
    year = (today or date.today()).year
    if repos.search_index_year() != year:
        repos.rebuild_search_index(year)


def search(store: Store, request: SearchRequest, today: date | None = None) -> SearchResult:
    validate_request(request)
    query = parse_query(request.text)
    facets = dict(request.facets)
    did_you_mean = None
    highlight = query.highlight_words()
    with store.unit_of_work() as repos:
        ensure_index_current(repos, today)
        compiled = compile_search(query, facets)
        if request.forgiving and searched_words(query):
            compiled, did_you_mean, widened = _forgiving(repos, request.text, query, facets)
            highlight = tuple(dict.fromkeys((*highlight, *widened)))
        found = repos.search.ids(
            compiled,
            sort=request.sort,
            descending=request.descending,
            limit=request.limit,
            offset=request.offset,
        )
        level = dict(found)
        hits = tuple(
            h if level[h.afdeling_id] == h.match else replace(h, match=level[h.afdeling_id])
            for h in repos.search.hits([i for i, _level in found])
        )
        if did_you_mean is not None and not any(h.match == "typo" for h in hits):
            did_you_mean = None  # the corrections found nothing the exact search did not
        if request.offset == 0 and len(found) < request.limit:
            total = len(found)  # every tier was read to its end
        else:
            total = repos.search.count(compiled)
        groups = _facet_groups(repos, compiled, facets) if request.with_facets else ()
    return SearchResult(
        query=request.text,
        total=total,
        hits=hits,
        facets=groups,
        hints=query.hints,
        highlight=highlight,
        did_you_mean=did_you_mean,
        selected=facets,
    )


def _forgiving(
    repos: Repositories, text: str, query: SearchQuery, facets: dict[str, str]
) -> tuple[CompiledSearch, str | None, tuple[str, ...]]:
    """The compound level always; the typo level for words no indexed word starts with.
    Returns the search, »Mente du …?« and the prefixes added (to highlight).

    Such a word leaves the exact search without a single hit (every word must match), so
    the typo level runs exactly when the exact search finds fewer than 10 hits for
    a reason a correction can help. 4-letter words get a typo only when nothing matched."""
    vocabulary = repos.search.vocabulary()
    if not len(vocabulary):
        return compile_search(query, facets), None, ()  # no FTS5 index to read words from
    compound = compound_alternatives(vocabulary, query)
    unknown = [w for t in query.positive for w in t.words if not vocabulary.is_prefix(w)]
    empty = frozenset(("exact",) if unknown else ()) | frozenset(
        ("compound",) if any(not compound.get(w) for w in unknown) else ()
    )
    compiled = compile_search(query, facets, compound=compound, empty=empty)
    added = tuple(p for alts in compound.values() for p in alts)
    if not unknown:
        return compiled, None, added
    typo = typo_alternatives(vocabulary, query)
    if any(len(w) == 4 for w in unknown):
        widened = (
            compile_search(query, facets, compound=compound, typo=typo, empty=empty) if typo else compiled
        )
        if not repos.search.count(widened):
            typo = typo_alternatives(vocabulary, query, short_words=True)
    if not typo:
        return compiled, None, added

    def spelled(word: str) -> str:
        return spelling_in(repos.search.name_words(word), word)

    return (
        compile_search(query, facets, compound=compound, typo=typo, empty=empty),
        did_you_mean(text, typo, vocabulary, spelled),
        added + tuple(p for alts in typo.values() for p in alts),
    )


def _facet_groups(
    repos: Repositories, compiled: CompiledSearch, facets: dict[str, str]
) -> tuple[FacetGroup, ...]:
    counts = repos.search.facet_counts(compiled)
    labels = repos.search.labels()
    groups = []
    for facet, title in FACETS.items():
        values = counts.get(facet, {})
        chosen = facets.get(facet)
        if chosen is not None and chosen not in values:
            values = values | {chosen: 0}
        items = [
            FacetValue(v, facet_label(labels, facet, v), n, selected=v == chosen) for v, n in values.items()
        ]
        groups.append(FacetGroup(facet, title, tuple(_order(facet, items))))
    return tuple(groups)


def _order(facet: str, items: list[FacetValue]) -> list[FacetValue]:
    if facet in ("takst", "pladser"):
        order = [b[0] for b in (TAKST_BUCKETS if facet == "takst" else PLADS_BUCKETS)]
        return sorted(items, key=lambda i: order.index(i.value) if i.value in order else 99)
    if facet in ("region", "kommune", "driftsherre", "alder"):
        return sorted(items, key=lambda i: danish_sort_key(i.label))
    return sorted(items, key=lambda i: (-i.count, danish_sort_key(i.label)))


def facet_label(labels: ReferenceLabels, facet: str, value: str) -> str:
    try:
        if facet == "region":
            return labels.region.get(value, value)
        if facet == "kommune":
            return labels.kommune.get(value, value)
        if facet == "driftsherre":
            return DriftsherreArt(value).label
        if facet == "paragraf":
            return labels.paragraf.get(value, value)
        if facet == "maalgruppe":
            return labels.maalgruppe.get(value, value)
        if facet == "alder":
            return Aldersgruppe(value).label
    except ValueError:
        return value
    buckets = TAKST_BUCKETS if facet == "takst" else PLADS_BUCKETS
    return next((label for v, label, _lo, _hi in buckets if v == value), value)


def tilbud_details(store: Store, tilbud_id: int) -> TilbudDetails:
    with store.unit_of_work() as repos:
        details = repos.load_tilbud(tilbud_id)
    if details is None:
        raise UserError(f"Der findes intet tilbud med id {tilbud_id}.", "TILBUD_ID")
    return details


def resolve_paragraf(store: Store, value: str) -> str:
    """`SEL_108`, `sel_108`, `§ 108` or a bare number `108` → the paragraf id."""
    with store.unit_of_work() as repos:
        ids = repos.paragraf_ids()
    key = value.strip().lstrip("§").strip().lower().replace(" ", "_")
    by_lower = {i.lower(): i for i in ids}
    if key in by_lower:
        return by_lower[key]
    matches = [i for i in ids if i.split("_")[1].lower() == key]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UserError(f"Ukendt paragraf »{value}«. Brug fx SEL_108 eller 108.", "--paragraf")
    raise UserError(
        f"»{value}« passer på flere paragraffer: {', '.join(matches)}. Angiv id'et.", "--paragraf"
    )


def check_maalgruppe(store: Store, value: str) -> str:
    with store.unit_of_work() as repos:
        if repos.has_maalgruppe(value):
            return value
    raise UserError(
        f"Ukendt målgruppe »{value}«. Brug et id fra database/reference/maalgrupper.csv, fx midt2027_v3.",
        "--maalgruppe",
    )
