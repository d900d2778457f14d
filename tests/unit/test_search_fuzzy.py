"""The forgiving search: typos, unfinished words, compounds, »Mente du …?«, and the
vocabulary following imports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.search_fuzzy import Vocabulary, allowed_typos
from rammedesk.services.catalogue import SearchRequest, search
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from rammedesk.services.search_forgiving import did_you_mean, spelling_in
from rammedesk.storage import search_sql
from rammedesk.storage.search import SearchStore
from rammedesk.storage.store import Store
from tests.catalogue_builder import Afd, Line, Tilb, build, open_test_store
from tests.unit.test_import_service import FILE
from tests.unit.test_search_service import CATALOGUE, TODAY, D

WORDS = [
    ("socialpsykiatrien", 3),
    ("psykiatri", 5),
    ("psykiatrisk", 2),
    ("ungdomskollegiet", 1),
    ("kollegiet", 4),
    ("rehabiliteringsboligerne", 2),
    ("rehabilitering", 6),
    ("aarhus", 9),
    ("aars", 1),
    ("108", 7),
]
VOCABULARY = Vocabulary("g1", WORDS)

FUZZY_CATALOGUE = [
    *CATALOGUE,
    Tilb(
        "Socialpsykiatrien Rudkøbing",
        751,
        [Afd("Vandmøllen", {"SEL_108": 8}, lines=[Line("Ophold", {2026: D("2400.00")})])],
    ),
    Tilb(
        "Psykiatrisk Bosted Vejle",
        751,
        [Afd("Psykiatrisk Bosted Vejle", {"SEL_108": 5}, lines=[Line("Ophold", {2026: D("2600.00")})])],
    ),
    Tilb(
        "Rehabiliteringsboligerne Ahornhuset",
        259,
        [Afd("Hus A", {"SEL_107": 9}, lines=[Line("Ophold", {2026: D("2800.00")})])],
    ),
]


def test_typos_allowed_by_word_length() -> None:
    assert [allowed_typos("x" * n) for n in (3, 4, 5, 8, 9, 14)] == [0, 0, 1, 1, 2, 2]
    assert allowed_typos("zbra", short_words=True) == 1
    assert allowed_typos("zba", short_words=True) == 0


@pytest.mark.parametrize(
    ("typed", "typos", "best"),
    [
        ("psyikatri", 2, "psykiatri"),  # a swapped pair is one typo
        ("kollgie", 1, "kollegie"),  # a dropped letter, word unfinished
        ("rehabilitre", 2, "rehabiliter"),  # unfinished and swapped: a prefix of the typed length
        ("aarhs", 1, "aarhu"),  # the typed length first; completed to "aarhus"
        ("psykaitri", 2, "psykiatri"),
    ],
)
def test_best_typo_alternative(typed: str, typos: int, best: str) -> None:
    alternatives = VOCABULARY.typo_alternatives(typed, typos)
    assert alternatives[0].prefix == best and alternatives[0].distance == 1


def test_very_long_words_are_compared_by_their_beginning() -> None:
    long_word = "rehabiliteringsboligernesfaellesrum"  # 35 letters, longer than any prefix kept
    vocabulary = Vocabulary("g", [(long_word, 1)])
    typed = long_word.replace("boliger", "bolgier")
    assert long_word.startswith(vocabulary.typo_alternatives(typed, 2)[0].prefix)


def test_two_typos_only_when_allowed() -> None:
    assert VOCABULARY.typo_alternatives("kxllegiyt", 1) == []
    assert VOCABULARY.typo_alternatives("kxllegiyt", 2)[0].prefix == "kollegiet"
    assert VOCABULARY.typo_alternatives("psykiatri", 0) == []


def test_prefix_completion_and_compounds() -> None:
    assert VOCABULARY.is_prefix("aarhu") and VOCABULARY.is_prefix("108") and not VOCABULARY.is_prefix("aarhs")
    assert VOCABULARY.completion("aarhu") == "aarhus"
    assert VOCABULARY.completion("rehabilite") == "rehabilitering"  # the frequent one (6 > 2)
    assert VOCABULARY.completion("psykiatri") == "psykiatri"  # a word itself stays
    assert VOCABULARY.compound_prefixes("psykiatri") == ["socialpsykiatri"]
    assert VOCABULARY.compound_prefixes("kollegie") == ["ungdomskollegie"]
    assert VOCABULARY.compound_prefixes("aarhus") == []
    assert VOCABULARY.compound_prefixes("kol") == []  # under 4 letters: not inside compounds


EDIT = st.sampled_from(["substitute", "delete", "insert", "transpose"])


@given(
    word=st.text(alphabet="abdefgiklmnoprstuv", min_size=5, max_size=12),
    edit=EDIT,
    where=st.integers(min_value=1, max_value=11),
    letter=st.sampled_from("ehjy"),
)
def test_one_typo_after_the_first_letter_is_found(word: str, edit: str, where: int, letter: str) -> None:
    vocabulary = Vocabulary("g", [(word, 1), ("zzzzzz", 3), ("hjemmet", 2)])
    i = min(where, len(word) - 2)
    typed = {
        "substitute": word[:i] + letter + word[i + 1 :],
        "delete": word[:i] + word[i + 1 :],
        "insert": word[:i] + letter + word[i:],
        "transpose": word[:i] + word[i + 1] + word[i] + word[i + 2 :],
    }[edit]
    if vocabulary.is_prefix(typed):
        return  # the edit made another prefix of the word: the exact search finds it
    alternatives = vocabulary.typo_alternatives(typed, max(1, allowed_typos(typed)))
    assert any(word.startswith(a.prefix) for a in alternatives)


def test_did_you_mean_replaces_only_corrected_words_and_completes_them() -> None:
    typo = {"aarhs": ("aarhus",), "rehabilitre": ("rehabilite", "rehabili")}
    corrected = did_you_mean("Rehabilitre kommune:AARHS -misbrug", typo, VOCABULARY, str.upper)
    assert corrected == "REHABILITERING kommune:AARHUS -misbrug"
    assert did_you_mean("aarhus", {}, VOCABULARY, str) is None
    assert spelling_in(["Bostedet Århus", "Hus A"], "aarhus") == "århus"
    assert spelling_in(["Hus A"], "aarhus") == "aarhus"


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    build(s, FUZZY_CATALOGUE)
    try:
        yield s
    finally:
        s.close()


def found(store: Store, text: str, **kw: object) -> list[tuple[str, str]]:
    result = search(store, SearchRequest(text=text, **kw), today=TODAY)  # type: ignore[arg-type]
    return [(h.tilbud, h.match) for h in result.hits]


def test_a_typo_finds_the_tilbud_and_says_what_was_meant(store: Store) -> None:
    result = search(store, SearchRequest(text="kollgie"), today=TODAY)
    assert [(h.tilbud, h.afdeling, h.match) for h in result.hits] == [
        ("Ærø Ungdomskollegiet", "Kollegiet", "typo")
    ]
    assert result.total == 1
    assert result.did_you_mean == "kollegiet"


def test_an_unfinished_word_with_a_typo(store: Store) -> None:
    result = search(store, SearchRequest(text="rehabiliteirngsbo"), today=TODAY)
    assert [(h.tilbud, h.match) for h in result.hits] == [("Rehabiliteringsboligerne Ahornhuset", "typo")]
    assert result.did_you_mean == "rehabiliteringsboligerne"


def test_did_you_mean_keeps_the_rest_of_the_query_and_spells_as_the_names(store: Store) -> None:
    result = search(store, SearchRequest(text="psyikatrisk  kommune:Aarhus -xyz"), today=TODAY)
    assert [(h.tilbud, h.match) for h in result.hits] == [("Psykiatrisk Bosted Vejle", "typo")]
    assert result.did_you_mean == "psykiatrisk  kommune:Aarhus -xyz"
    result = search(store, SearchRequest(text="Hjerneskade aarhsu"), today=TODAY)
    assert [(h.tilbud, h.match) for h in result.hits] == [("Bostedet Århus", "typo")]
    assert result.did_you_mean == "Hjerneskade århus"  # as the first name with the word has it
    assert search(store, SearchRequest(text="kollgiet"), today=TODAY).did_you_mean == "kollegiet"


def test_compounds_rank_below_word_starts_and_do_not_set_did_you_mean(store: Store) -> None:
    result = search(store, SearchRequest(text="psykiatri"), today=TODAY)
    assert [(h.tilbud, h.match) for h in result.hits] == [
        ("Psykiatrisk Bosted Vejle", "exact"),  # in the name
        ("Ærø Ungdomskollegiet", "exact"),  # elsewhere (its målgruppe)
        ("Socialpsykiatrien Rudkøbing", "compound"),
    ]
    assert result.total == 3 and result.did_you_mean is None
    # A compound part no word starts with: compound hits only, and no 4-letter typo search.
    assert found(store, "jern") == [("Bostedet Århus", "compound")]
    assert search(store, SearchRequest(text="jern"), today=TODAY).did_you_mean is None


def test_four_letter_words_get_a_typo_only_when_nothing_matched(store: Store) -> None:
    assert found(store, "zbra") == [("Zebra Huset", "typo")]
    assert found(store, "zebra") == [("Zebra Huset", "exact")]


def test_known_prefixes_are_not_fuzzed(store: Store) -> None:
    # "aars" is no word here, but "aar" of "aarhus" is a prefix: nothing is widened.
    result = search(store, SearchRequest(text="aarhu"), today=TODAY)
    assert {h.tilbud for h in result.hits[:2]} == {"Aarhus Misbrugscenter", "Bostedet Århus"}  # name tier
    assert {h.match for h in result.hits} == {"exact"} and result.did_you_mean is None


@pytest.mark.parametrize(
    "text",
    ["psykiatri", "aarhus", "bo", "kollegie", "psykiatri -vejle", "autisme", "hus", "", "takst:<3000"],
)
@pytest.mark.parametrize(("sort", "descending"), [("relevans", False), ("navn", True), ("takst", False)])
def test_exact_hits_keep_their_place_and_order(store: Store, text: str, sort: str, descending: bool) -> None:
    request = SearchRequest(text=text, sort=sort, descending=descending)
    exact = search(store, replace(request, forgiving=False), today=TODAY)
    forgiving = search(store, request, today=TODAY)
    assert all(h.match == "exact" for h in exact.hits)
    assert forgiving.hits[: len(exact.hits)] == exact.hits
    assert all(h.match != "exact" for h in forgiving.hits[len(exact.hits) :])


def test_paging_runs_through_the_levels(store: Store) -> None:
    whole = found(store, "psykiatri")
    pages = [found(store, "psykiatri", limit=1, offset=i) for i in range(3)]
    assert [row for page in pages for row in page] == whole


def test_the_vocabulary_follows_imports_and_undo(store: Store) -> None:
    typo = "rehabiliteirngshus"  # "Nyt Rehabiliteringshus" comes only with the import
    assert found(store, "kollgie") == [("Ærø Ungdomskollegiet", "typo")]  # vocabulary built and cached
    assert found(store, typo) == []  # two typos from "rehabiliteringshus", more from the rest
    import_takstfil(store, FILE, source="Test", dry_run=False, as_of=date(2026, 11, 1))
    result = search(store, SearchRequest(text=typo), today=TODAY)
    assert [(h.tilbud, h.match) for h in result.hits][0] == ("Nyt Rehabiliteringshus", "typo")
    assert result.did_you_mean == "rehabiliteringshus"
    undo_last_import(store)
    assert found(store, typo) == []


def test_without_a_vocabulary_the_exact_search_still_works(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No FTS5 vocabulary (another database engine): nothing is widened, nothing is lost.
    monkeypatch.setattr(SearchStore, "vocabulary", lambda _self: Vocabulary("none", []))
    assert found(store, "aarhus hjerneskade") == [("Bostedet Århus", "exact")]
    assert found(store, "kollgie") == []


def test_an_empty_catalogue_forgives_nothing(empty_db: Path) -> None:
    s = open_test_store(empty_db)
    try:
        result = search(s, SearchRequest(text="kollgie psykiatri"), today=TODAY)
    finally:
        s.close()
    assert (result.total, result.hits, result.did_you_mean) == (0, (), None)


@pytest.mark.parametrize(
    "text",
    [
        "skade",
        "psykiatri",
        "aarhsu",
        "bosted aarhsu",
        "psyikatrisk aarhsu",
        '"bostedet aarhus" kollgie',
        "jern",
    ],
)
def test_levels_ranked_in_one_query_as_fts5_tiers_rank_them(
    store: Store, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    quick = found(store, text)
    pages = [found(store, text, limit=1, offset=i) for i in range(len(quick))]
    monkeypatch.setattr(search_sql, "LEVEL_ROWS", 0)  # every level too big: one FTS5 query per tier
    assert found(store, text) == quick == [row for page in pages for row in page]


def test_compound_and_corrected_words_are_highlighted(store: Store) -> None:
    assert "socialpsykiatri" in search(store, SearchRequest(text="psykiatri"), today=TODAY).highlight
    typo = search(store, SearchRequest(text="kollgie"), today=TODAY)
    assert typo.highlight[0] == "kollgie" and "kollegie" in typo.highlight
