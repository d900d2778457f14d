from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.collation import danish_sort_key
from rammedesk.domain.folding import fold, fold_words, folded_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Århus", "aarhus"),
        ("Aarhus", "aarhus"),
        ("Køge", "koege"),
        ("Ærø", "aeroe"),
        ("Café Ünder", "cafe under"),
        ("SØLUND", "soelund"),
        ("Straße", "strasse"),
        ("A\u030arhus", "aarhus"),  # decomposed å
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_folded_text_ignores_invisible_characters_and_decomposed_letters() -> None:
    # An old stored name with a combining ring, a soft hyphen or a zero-width space still meets
    # the clean one (the matching key of tilbud names is folded_text).
    clean = folded_text("Åbo Hus")
    assert clean == "aabo hus"
    for messy in ("A\u030abo Hus", "Å\u00adbo\u00a0Hus", "\ufeffÅ\u200bbo\u2060 Hus", "Åbo\u202fHus"):
        assert folded_text(messy) == clean
    assert fold_words("Bo\u00ad- og Aktivitets\u00adcenter") == ["bo", "og", "aktivitetscenter"]


def test_fold_words_splits_on_symbols() -> None:
    assert fold_words("Bo- og Aktivitetscenter (SEL §108), Høje-Taastrup") == [
        "bo",
        "og",
        "aktivitetscenter",
        "sel",
        "108",
        "hoeje",
        "taastrup",
    ]
    assert folded_text("Ærø", None, "", "Køge Kommune") == "aeroe koege kommune"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_folded_words_are_lower_ascii_alphanumerics(text: str) -> None:
    for word in fold_words(text):
        assert word.isascii() and word.isalnum() and word == word.lower()


@given(st.text(alphabet="abcæøåÆØÅéü -"))
def test_case_does_not_matter(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower())


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz "))
def test_plain_ascii_only_changes_case(text: str) -> None:
    assert fold(text) == text.lower()


def test_danish_collation_puts_aeoeaa_after_z_and_aa_as_aa() -> None:
    names = ["Aarhus", "Ålborg", "Zebra", "Ærø", "Østerbro", "Albertslund", "Avedøre", "Åbenrå"]
    ordered = sorted(names, key=danish_sort_key)
    assert ordered == ["Albertslund", "Avedøre", "Zebra", "Ærø", "Østerbro", "Åbenrå", "Ålborg", "Aarhus"]


@given(st.lists(st.text(alphabet="abzæøå", max_size=6), max_size=8))
def test_collation_is_a_total_order_consistent_with_equality(words: list[str]) -> None:
    ordered = sorted(words, key=danish_sort_key)
    assert sorted(ordered, key=danish_sort_key) == ordered
    assert sorted(words) == sorted(ordered)


@given(st.lists(st.text(alphabet="abzæøåAÆ", max_size=6), max_size=10))
def test_sort_string_orders_like_the_sort_key(words: list[str]) -> None:
    from rammedesk.domain.collation import danish_sort_string

    by_key = [danish_sort_key(w)[0] for w in sorted(words, key=danish_sort_key)]
    by_string = [danish_sort_key(w)[0] for w in sorted(words, key=danish_sort_string)]
    assert by_key == by_string
