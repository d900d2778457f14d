"""Export rows, provenance and the formula neutraliser (pure domain)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.export import (
    SAFE_PREFIX,
    ExportRow,
    neutralise,
    rows_from_hits,
    selected_facets,
    suggest_filename,
)
from tests.unit import export_samples as s

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+45 1234", "'+45 1234"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("Bostedet Åbrinken", "Bostedet Åbrinken"),
        ("SEL § 107", "SEL § 107"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),  # a leading space is not a formula
        ("'=1+1", "'=1+1"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    out = neutralise(text)
    assert not out.startswith(DANGEROUS)
    assert out.endswith(text)  # nothing is lost, at most a prefix is added
    assert len(out) - len(text) in (0, len(SAFE_PREFIX))
    assert neutralise(out) == out  # idempotent


@given(st.text().filter(lambda t: not t.startswith((*DANGEROUS, "＝", "＋", "－", "＠"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


def test_rows_from_hits_flatten_labels_takst_and_notes() -> None:
    rows = rows_from_hits(s.hits(6), {104: "Ring først", 999: "not in the result"})
    first = rows[0]
    assert first == ExportRow(
        tilbud="Bostedet Åbrinken 0",
        afdeling="Afdeling Søhøj 0",
        kommune="Aabenraa",
        region="Region Syddanmark",
        driftsherre="Selvejende",
        paragraffer="SEL § 107, SEL § 108",
        maalgrupper="Sindslidende; Udviklingshæmmede",
        takst=Decimal("4155.5"),
        enhed="døgn",
        aar=2026,
        individuel_pris=False,
        pladser=12,
        note="",
        tilbud_id=10,
        afdeling_id=100,
    )
    individuel, without, negative = rows[1], rows[2], rows[3]
    assert (individuel.takst, individuel.individuel_pris, individuel.enhed) == (None, True, "døgn")
    assert individuel.takst_text == "individuel pris"
    assert (without.takst, without.individuel_pris, without.enhed, without.aar) == (None, False, "", None)
    assert without.takst_text == ""
    assert (without.paragraffer, without.maalgrupper, without.driftsherre) == ("", "", "Kommunal")
    assert (negative.takst, negative.enhed) == (Decimal("-5"), "time")
    assert [r.note for r in rows] == ["", "", "", "", "Ring først", ""]
    assert [r.afdeling_id for r in rows] == [100, 101, 102, 103, 104, 105]


def test_unknown_vocabulary_values_pass_through() -> None:
    odd = replace(s.hit(0), driftsherre_art="ny-art")
    assert rows_from_hits([odd])[0].driftsherre == "ny-art"


def test_selected_facets_in_display_order_with_labels() -> None:
    assert selected_facets(s.result()) == (("Region", "Region Syddanmark"), ("Paragraf", "SEL § 107"))


def test_meta_from_result_records_provenance() -> None:
    meta = s.meta()
    assert (meta.query, meta.total, meta.version, meta.is_demo) == (s.QUERY, 1234, "0.1.0", True)
    assert (meta.created, meta.data_as_of) == (s.CREATED, s.AS_OF)


def test_suggest_filename_carries_title_date_and_demo() -> None:
    assert suggest_filename(s.meta(is_demo=False), "csv") == "soegeresultat-2026-11-23.csv"
    assert suggest_filename(s.meta(), "xlsx") == "soegeresultat-2026-11-23-demodata.xlsx"
    shortlist = s.meta(is_demo=False, title="Kortliste: kandidater til sag 2026-0412")
    assert suggest_filename(shortlist, "pdf") == "kortliste-kandidater-til-sag-2026-0412-2026-11-23.pdf"
    assert suggest_filename(s.meta(is_demo=False, title="«»"), "pdf") == "udtraek-2026-11-23.pdf"
