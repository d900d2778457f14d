"""`rammedesk search` / `show`: the JSON contract on a hand-made catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.catalogue_builder import build, open_test_store
from tests.e2e.test_cli import cli
from tests.unit.test_search_service import CATALOGUE


@pytest.fixture
def db(empty_db: Path) -> Path:
    store = open_test_store(empty_db)
    try:
        build(store, CATALOGUE)
    finally:
        store.close()
    return empty_db


def search_json(db: Path, *args: str) -> dict[str, Any]:
    code, out, err = cli("search", *args, "--db", str(db), "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_search_document_shape(db: Path) -> None:
    doc = search_json(db, "hjerneskade")
    assert doc["query"] == "hjerneskade" and doc["total"] == 1 and doc["did_you_mean"] is None
    hit = doc["hits"][0]
    assert {
        "tilbud_id",
        "afdeling_id",
        "tilbud",
        "afdeling",
        "kommune",
        "region",
        "paragraffer",
        "maalgrupper",
        "takst",
        "match",
    } <= set(hit)
    assert hit["paragraffer"] == [{"id": "SEL_107", "label": "SEL § 107"}]
    assert hit["maalgrupper"][0]["id"] == "midt2027_v3"
    assert hit["takst"]["unit"] == "doegn" and isinstance(hit["takst"]["amount"], str)
    assert hit["match"] == "exact"


def test_search_options_narrow(db: Path) -> None:
    assert search_json(db, "--paragraf", "108")["total"] == 2
    assert search_json(db, "--paragraf", "SEL_108", "--kommune", "259")["total"] == 1
    assert search_json(db, "--region", "1082")["total"] == 2
    assert search_json(db, "--maalgruppe", "midt2027_bu2")["hits"][0]["tilbud"] == "Ærø Ungdomskollegiet"
    assert search_json(db, "takst:<3000")["total"] == 1
    assert len(search_json(db, "--limit", "2")["hits"]) == 2


def test_no_hits_is_exit_0(db: Path) -> None:
    doc = search_json(db, "findesikke")
    assert doc["total"] == 0 and doc["hits"] == []


def test_bad_paragraf_and_limit_exit_1(db: Path) -> None:
    code, out, _ = cli("search", "--paragraf", "999", "--db", str(db), "--json")
    assert code == 1 and json.loads(out)["error"]["where"] == "--paragraf"
    code, _, _ = cli("search", "--limit", "0", "--db", str(db))
    assert code == 1


def test_facets_in_json(db: Path) -> None:
    doc = search_json(db, "voksne", "--facets")
    kommuner = {v["value"]: v["count"] for v in doc["facets"]["kommune"]}
    assert kommuner == {"751": 1, "259": 1}


def test_show_json_and_text(db: Path) -> None:
    tilbud_id = search_json(db, "hjerneskade")["hits"][0]["tilbud_id"]
    code, out, _ = cli("show", str(tilbud_id), "--db", str(db), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["navn"] == "Bostedet Århus" and doc["kommune"] == "Aarhus"
    takster = doc["afdelinger"][0]["ydelser"][0]["takster"]
    assert [(t["aar"], t["beloeb"]) for t in takster] == [
        (2025, "3100.00"),
        (2026, "3187.00"),
        (2027, "3300.00"),
    ]
    assert takster[0]["source"]["kilde"] == "Test"
    code, text, _ = cli("show", str(tilbud_id), "--db", str(db))
    assert code == 0 and "3.187,00 kr. pr. døgn" in text


def test_show_unknown_id_exit_1(db: Path) -> None:
    code, _, err = cli("show", "999999", "--db", str(db))
    assert code == 1 and "999999" in err


def test_text_output_is_danish(db: Path) -> None:
    code, out, _ = cli("search", "koege", "--db", str(db))
    assert code == 0
    assert "1 resultat for" in out and "4.155,00 kr. pr. døgn (2026)" in out


def test_search_forgives_typos_and_says_what_was_meant(db: Path) -> None:
    doc = search_json(db, "kollgie")
    assert doc["did_you_mean"] == "kollegiet"
    assert [(h["tilbud"], h["match"]) for h in doc["hits"]] == [("Ærø Ungdomskollegiet", "typo")]
    code, out, _err = cli("search", "kollgie", "--db", str(db))
    assert code == 0
    assert "Mente du: kollegiet?" in out and "Ærø Ungdomskollegiet" in out


def test_compound_hits_come_after_exact_ones_and_set_no_did_you_mean(db: Path) -> None:
    doc = search_json(db, "skade")  # no word starts with it; inside "Hjerneskadecentret" and others
    assert [(h["tilbud"], h["match"]) for h in doc["hits"]] == [
        ("Bostedet Århus", "compound"),  # in the name first
        ("Ærø Ungdomskollegiet", "compound"),  # in its målgruppe
    ]
    assert doc["did_you_mean"] is None
