from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rammedesk.domain.search_query import parse_query
from rammedesk.domain.vocab import DriftsherreArt, Enhed, TakstArt
from rammedesk.services.catalogue import SearchRequest, ensure_search_index, search
from rammedesk.storage.search_sql import compile_search
from rammedesk.storage.store import Store
from tests.catalogue_builder import Afd, Line, Tilb, build, open_test_store

TODAY = date(2026, 11, 23)
D = Decimal

CATALOGUE = [
    Tilb(
        "Bostedet Århus",
        751,
        [
            Afd(
                "Hjerneskadecentret",
                {"SEL_107": 12},
                ["midt2027_v3"],
                [Line("Døgnophold", {2025: D("3100.00"), 2026: D("3187.00"), 2027: D("3300.00")})],
                beskrivelse="For voksne hjerneskadede borgere",
            )
        ],
    ),
    Tilb(
        "Køge Bo- og Aktivitetscenter",
        259,
        [
            Afd(
                "Autismeafsnittet",
                {"SEL_108": 20},
                ["voksen12_03"],
                [Line("Døgnophold", {2026: D("4155.00")})],
                beskrivelse="Voksne med autismespektrumforstyrrelse",
            )
        ],
        driftsherre="Køge Kommune",
    ),
    Tilb(
        "Ærø Ungdomskollegiet",
        492,
        [
            Afd(
                "Kollegiet",
                {"BL_43_3": 6},
                ["midt2027_bu2"],
                [Line("Ophold", {2025: D("2500.00"), 2026: None})],
            )
        ],
        driftsherre="Fonden Ærø",
        art=DriftsherreArt.SELVEJENDE,
    ),
    Tilb(
        "Aarhus Misbrugscenter",
        751,
        [
            Afd(
                "Dagbehandling",
                {"SEL_101": 30},
                ["voksen12_11"],
                [
                    Line("Dagbehandling", {2026: D("1539.00")}, Enhed.DAG, TakstArt.BASIS),
                    Line("Samtaler", {2026: D("402.00")}, Enhed.TIME, TakstArt.YDELSE),
                ],
            )
        ],
    ),
    Tilb(
        "Zebra Huset",
        101,
        [
            Afd(
                "Zebra afd",
                {"SEL_108": 4},
                ["voksen12_06"],
                [Line("Ophold", {2026: D("73964.00")}, Enhed.MAANED)],
            )
        ],
        driftsherre="Zebra ApS",
        art=DriftsherreArt.PRIVAT,
    ),
]


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    build(s, CATALOGUE)
    try:
        yield s
    finally:
        s.close()


def names(store: Store, text: str = "", **kw: object) -> list[str]:
    result = search(store, SearchRequest(text=text, **kw), today=TODAY)  # type: ignore[arg-type]
    return [h.tilbud for h in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aarhus", {"Bostedet Århus", "Aarhus Misbrugscenter"}),
        ("Århus", {"Bostedet Århus", "Aarhus Misbrugscenter"}),
        ("koege", {"Køge Bo- og Aktivitetscenter"}),
        ("aeroe", {"Ærø Ungdomskollegiet"}),
        ("hjerneskade", {"Bostedet Århus"}),
        ("autis", {"Køge Bo- og Aktivitetscenter"}),
        ("aarhus hjerne", {"Bostedet Århus"}),
        ('"bo og aktivitetscenter"', {"Køge Bo- og Aktivitetscenter"}),
        ('"aktivitetscenter bo"', set()),
        ("kommune:aarhus", {"Bostedet Århus", "Aarhus Misbrugscenter"}),
        ("paragraf:108", {"Køge Bo- og Aktivitetscenter", "Zebra Huset"}),
        ("maalgruppe:udvikling", {"Køge Bo- og Aktivitetscenter"}),
        ("målgruppe:hjerneskade", {"Bostedet Århus"}),
        ("takst:<3000", {"Aarhus Misbrugscenter"}),
        ("takst:>=3187", {"Bostedet Århus", "Køge Bo- og Aktivitetscenter"}),
        ("pladser:>=12", {"Bostedet Århus", "Køge Bo- og Aktivitetscenter", "Aarhus Misbrugscenter"}),
        ("aarhus -misbrug", {"Bostedet Århus"}),
        ("-aarhus -koege", {"Ærø Ungdomskollegiet", "Zebra Huset"}),
        ("driftsherre:privat", {"Zebra Huset"}),
        ("region:syddanmark", {"Ærø Ungdomskollegiet"}),
        ("xyzzy", set()),
    ],
)
def test_danish_matching_and_query_language(store: Store, query: str, expected: set[str]) -> None:
    assert set(names(store, query)) == expected


def test_empty_query_lists_all_in_danish_order(store: Store) -> None:
    assert names(store, sort="navn") == [
        "Bostedet Århus",
        "Køge Bo- og Aktivitetscenter",
        "Zebra Huset",
        "Ærø Ungdomskollegiet",
        "Aarhus Misbrugscenter",
    ]
    assert names(store, sort="navn", descending=True)[0] == "Aarhus Misbrugscenter"


def test_sort_by_takst_puts_missing_last(store: Store) -> None:
    ordered = names(store, sort="takst")
    assert ordered[:2] == ["Aarhus Misbrugscenter", "Bostedet Århus"]
    assert set(ordered[3:]) == {"Ærø Ungdomskollegiet", "Zebra Huset"}  # individual / monthly


def test_hit_fields(store: Store) -> None:
    result = search(store, SearchRequest(text="hjerneskade"), today=TODAY)
    hit = result.hits[0]
    assert (hit.kommune, hit.region, hit.afdeling) == ("Aarhus", "Region Midtjylland", "Hjerneskadecentret")
    assert [p.label for p in hit.paragraffer] == ["SEL § 107"]
    assert [m.id for m in hit.maalgrupper] == ["midt2027_v3"]
    assert hit.takst is not None and (hit.takst.amount, hit.takst.unit, hit.takst.year) == (
        D("3187.00"),
        "doegn",
        2026,
    )  # the latest year not after the current one
    assert hit.pladser == 12
    assert result.highlight == ("hjerneskade",)


def test_individual_price_is_not_zero(store: Store) -> None:
    hit = search(store, SearchRequest(text="aeroe"), today=TODAY).hits[0]
    assert hit.takst is not None and hit.takst.amount is None and hit.takst.year == 2026


def test_main_line_prefers_samlet_then_basis(store: Store) -> None:
    hit = search(store, SearchRequest(text="misbrug"), today=TODAY).hits[0]
    assert hit.takst is not None and (hit.takst.amount, hit.takst.unit) == (D("1539.00"), "dag")


def test_facets_count_follow_query_and_narrow(store: Store) -> None:
    result = search(store, SearchRequest(text="voksne"), today=TODAY)
    groups = {g.facet: {v.value: v.count for v in g.values} for g in result.facets}
    assert result.total == 2
    assert groups["kommune"] == {"751": 1, "259": 1}
    assert groups["paragraf"] == {"SEL_107": 1, "SEL_108": 1}

    narrowed = search(store, SearchRequest(text="voksne", facets={"kommune": "259"}), today=TODAY)
    assert [h.tilbud for h in narrowed.hits] == ["Køge Bo- og Aktivitetscenter"]
    kommune = next(g for g in narrowed.facets if g.facet == "kommune")
    # The selected facet still shows its alternatives (counted without its own selection).
    assert {(v.value, v.count, v.selected) for v in kommune.values} == {("751", 1, False), ("259", 1, True)}


def test_facets_alone_list_everything_that_fits(store: Store) -> None:
    result = search(store, SearchRequest(facets={"region": "1082"}), today=TODAY)
    assert {h.tilbud for h in result.hits} == {"Bostedet Århus", "Aarhus Misbrugscenter"}
    alder = search(store, SearchRequest(facets={"alder": "boern_unge"}), today=TODAY)
    assert [h.tilbud for h in alder.hits] == ["Ærø Ungdomskollegiet"]
    takst = search(store, SearchRequest(facets={"takst": "3000-5000"}), today=TODAY)
    assert {h.tilbud for h in takst.hits} == {"Bostedet Århus", "Køge Bo- og Aktivitetscenter"}


def test_fts_drives_the_query_plan(store: Store) -> None:
    ensure_search_index(store, TODAY)
    compiled = compile_search(parse_query("aarhus pladser:>=10"), {"region": "1082"})
    with store.unit_of_work() as repos:
        plan = repos.search.explain(compiled)
    assert "VIRTUAL TABLE INDEX" in plan[0] and "search_fts" in plan[0], plan
    assert plan[1].startswith("SEARCH d USING INTEGER PRIMARY KEY"), plan


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=300)
    | st.sampled_from(
        [
            '"unbalanced',
            "*",
            "NEAR(a b)",
            "(",
            ")",
            "a OR b",
            "'; DROP TABLE tilbud; --",
            "x" * 10_000,
            "takst:<<3",
            "kommune:",
            '-"',
            "paragraf:§§107/108",
            "AND",
            "NOT x",
            "^a",
            "a:b:c",
        ]
    )
)
def test_any_text_never_raises(store: Store, text: str) -> None:
    result = search(store, SearchRequest(text=text), today=TODAY)
    assert result.total >= len(result.hits)


def test_unknown_facet_is_a_user_error(store: Store) -> None:
    from rammedesk.errors import UserError

    with pytest.raises(UserError):
        search(store, SearchRequest(facets={"farve": "blaa"}), today=TODAY)


def test_index_is_rebuilt_for_a_new_year(store: Store) -> None:
    hit = search(store, SearchRequest(text="hjerneskade"), today=TODAY).hits[0]
    assert hit.takst is not None and hit.takst.year == 2026
    hit = search(store, SearchRequest(text="hjerneskade"), today=date(2027, 1, 2)).hits[0]
    assert hit.takst is not None and (hit.takst.year, hit.takst.amount) == (2027, D("3300.00"))


@pytest.mark.parametrize("query", ["", "a", "voksne", "aarhus -misbrug", "kommune:aarhus", "takst:>1"])
@pytest.mark.parametrize("sort", ["relevans", "navn", "takst"])
def test_pages_concatenate_to_the_whole_list(store: Store, query: str, sort: str) -> None:
    whole = [h.afdeling_id for h in search(store, SearchRequest(text=query, sort=sort), today=TODAY).hits]
    paged = [
        h.afdeling_id
        for offset in range(len(whole) + 1)
        for h in search(
            store,
            SearchRequest(text=query, sort=sort, limit=1, offset=offset, with_facets=False),
            today=TODAY,
        ).hits
    ]
    assert paged == whole


def test_name_matches_rank_above_other_matches(empty_db: Path) -> None:
    s = open_test_store(empty_db)
    try:
        build(
            s,
            [
                Tilb("Alfa Hus", 101, [Afd("Stuen", {"SEL_108": 5}, beskrivelse="Botilbud med psykiatri")]),
                Tilb("Zulu Psykiatrihus", 101, [Afd("Stuen", {"SEL_108": 5})]),
            ],
        )
        relevance = [h.tilbud for h in search(s, SearchRequest(text="psykiatri"), today=TODAY).hits]
        by_name = [
            h.tilbud for h in search(s, SearchRequest(text="psykiatri", sort="navn"), today=TODAY).hits
        ]
    finally:
        s.close()
    assert relevance == ["Zulu Psykiatrihus", "Alfa Hus"]
    assert by_name == ["Alfa Hus", "Zulu Psykiatrihus"]
