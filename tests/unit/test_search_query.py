from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.search_query import MAX_QUERY_CHARS, NumericFilter, Term, parse_query


def test_words_are_folded_prefix_terms() -> None:
    q = parse_query("Hjerneskade ÅRHUS")
    assert q.terms == (Term(("hjerneskade",)), Term(("aarhus",)))
    assert q.hints == ()


def test_phrase_and_exclusion() -> None:
    q = parse_query('"Bo og aktivitet" -misbrug -"kort ophold"')
    assert q.positive == (Term(("bo", "og", "aktivitet"), phrase=True),)
    assert q.negative == (
        Term(("misbrug",), negated=True),
        Term(("kort", "ophold"), phrase=True, negated=True),
    )


def test_fields_and_numeric_comparisons() -> None:
    q = parse_query("kommune:Århus paragraf:108 målgruppe:autisme takst:<3000 pladser:>=10 takst:2500,50")
    assert Term(("aarhus",), field="kommune") in q.terms
    assert Term(("108",), field="paragraf") in q.terms
    assert Term(("autisme",), field="maalgruppe") in q.terms
    assert q.numeric == (
        NumericFilter("takst", "<", Decimal(3000)),
        NumericFilter("pladser", ">=", Decimal(10)),
        NumericFilter("takst", "=", Decimal("2500.50")),
    )


def test_unknown_field_is_searched_as_text() -> None:
    assert parse_query("foo:bar").terms == (Term(("foo", "bar")),)


def test_broken_comparison_gives_a_hint_and_is_dropped() -> None:
    q = parse_query("takst:<abc autisme")
    assert q.numeric == ()
    assert q.terms == (Term(("autisme",)),)
    assert any("takst" in h for h in q.hints)


def test_unbalanced_quote_reads_to_the_end() -> None:
    q = parse_query('"bo og aktiv')
    assert q.terms == (Term(("bo", "og", "aktiv"), phrase=True),)
    assert q.hints


def test_operator_words_and_sql_are_plain_text() -> None:
    q = parse_query("autisme NEAR ( OR * ) ; DROP TABLE tilbud; --")
    assert all(w.isalnum() for t in q.terms for w in t.words)
    assert Term(("near",)) in q.terms and Term(("drop",)) in q.terms


def test_very_long_query_is_cut_with_a_hint() -> None:
    q = parse_query("a" * 10_000)
    assert q.terms == (Term(("a" * MAX_QUERY_CHARS,)),)
    assert q.hints


def test_highlight_words_are_positive_only() -> None:
    assert parse_query("autisme -misbrug aarhus").highlight_words() == ("autisme", "aarhus")


@given(st.text(max_size=2000))
def test_any_text_parses(text: str) -> None:
    q = parse_query(text)
    for term in q.terms:
        assert term.words and all(w.isascii() and w.isalnum() for w in term.words)
    assert len(q.terms) <= 16


@given(st.lists(st.from_regex(r"[a-zæøå]{1,10}", fullmatch=True), min_size=1, max_size=5))
def test_plain_words_round_trip(words: list[str]) -> None:
    from rammedesk.domain.folding import fold

    q = parse_query(" ".join(words))
    assert [t.words for t in q.terms] == [(fold(w),) for w in words]
