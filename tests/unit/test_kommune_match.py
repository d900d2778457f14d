"""A kommune or region as users write it, matched against the shipped reference data."""

from __future__ import annotations

import pytest

from rammedesk.domain.kommune_match import close_names, match_kommune, match_region
from rammedesk.fileio.reference_csv import load_reference_data

REFERENCE = load_reference_data()
KOMMUNER = {k.kode: k.navn for k in REFERENCE.kommuner}
REGIONER = {r.kode: r.navn for r in REFERENCE.regioner}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("751", 751),
        ("0751", 751),
        (" 751 ", 751),
        ("Aarhus", 751),
        ("Århus", 751),
        ("AARHUS KOMMUNE", 751),
        ("Kommune Aarhus", 751),
        ("101", 101),
        ("København", 101),
        ("Koebenhavn", 101),
        ("Københavns Kommune", 101),
        ("Bornholms Regionskommune", 400),
        ("Bornholm", 400),
        ("Høje Taastrup", 169),
        ("Høje-Taastrup Kommune", 169),
        ("lyngby-taarbæk", 173),
        ("Ærø", 492),
    ],
)
def test_a_kommune_as_written(text: str, code: int) -> None:
    assert match_kommune(text, KOMMUNER) == code


@pytest.mark.parametrize(
    "text",
    ["", "  ", "999", "0", "99999999999999999999", "1082", "Kommune", "Atlantis", "Region Midtjylland"]
    + ["٧٥١"],  # Arabic-Indic digits are not a kommunekode
)
def test_not_a_kommune(text: str) -> None:
    assert match_kommune(text, KOMMUNER) is None


def test_every_reference_kommune_matches_by_code_and_name() -> None:
    assert len(KOMMUNER) == 98
    for code, name in KOMMUNER.items():
        assert match_kommune(str(code), KOMMUNER) == code
        assert match_kommune(f"{code:04d}", KOMMUNER) == code
        assert match_kommune(name, KOMMUNER) == code
        assert match_kommune(f"{name} Kommune", KOMMUNER) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("1082", 1082), ("Midtjylland", 1082), ("Region Midtjylland", 1082), ("region sjaelland", 1085)],
)
def test_a_region_as_written(text: str, code: int) -> None:
    assert match_region(text, REGIONER) == code


@pytest.mark.parametrize("text", ["9", "99999999999999999999", "Jylland", "751", ""])
def test_not_a_region(text: str) -> None:
    assert match_region(text, REGIONER) is None


def test_close_names() -> None:
    assert close_names("Arhus", KOMMUNER) == [751]
    assert close_names("Frederiks", KOMMUNER) == [147, 813, 250]  # names starting so, by name
    assert close_names("999", KOMMUNER) == [] and close_names("", KOMMUNER) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ringkøbing", [760]),
        ("Ringkøbing Kommune", [760]),
        ("Brønderslev-Dronninglund", [810]),  # a kommune before 2007: its first word
        ("Silkebrog", [740]),
        ("Atlantis", []),
        ("Kommune", []),
    ],
)
def test_the_kommuner_suggested_for_an_unknown_one(text: str, expected: list[int]) -> None:
    from rammedesk.domain.kommune_match import suggested_kommuner

    assert suggested_kommuner(text, KOMMUNER) == expected
