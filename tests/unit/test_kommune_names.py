"""Kommune spellings in a takstfil: the kommune column and a kommunal driftsherre."""

from __future__ import annotations

import pytest

from rammedesk.domain.folding import folded_text
from rammedesk.domain.kommune_names import heading_kommune, kommune_of_driftsherre, kommune_of_text

KOMMUNER = {
    **{folded_text(n): k for n, k in [("København", 101), ("Aarhus", 751), ("Bornholm", 400)]},
    **{folded_text(n): k for n, k in [("Vesthimmerland", 820), ("Horsens", 615), ("Høje-Taastrup", 169)]},
    **{str(k): k for k in (101, 751, 400, 820, 615, 169)},
}


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Aarhus", 751),
        ("Århus", 751),
        ("AARHUS KOMMUNE", 751),
        ("Aarhus Kommune", 751),
        ("Århus kommune", 751),
        ("København", 101),
        ("Københavns Kommune", 101),
        ("Kobenhavn", None),  # a misspelling is not guessed
        ("Bornholms Regionskommune", 400),
        ("Bornholm", 400),
        ("Vesthimmerlands Kommune", 820),
        ("Horsens", 615),
        ("Horsens Kommune", 615),
        ("Høje Tåstrup", 169),
        ("751", 751),
        ("0751", 751),
        ("0101", 101),
        ("101", 101),
        ("751 Aarhus", 751),
        ("0751 Aarhus Kommune", 751),
        ("751 - Aarhus", 751),
        ("Aarhus (751)", 751),
        ("751 København", None),  # code and name disagree: not guessed
        ("999", None),
        ("Atlantis", None),
        ("Region Midtjylland", None),  # a region is no kommune
        ("Kommune", None),
        ("", None),
    ],
)
def test_kommune_spellings(text: str, kode: int | None) -> None:
    assert kommune_of_text(text, KOMMUNER) == kode


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Aarhus Kommune", 751),
        ("Københavns Kommune", 101),
        ("Bornholms Regionskommune", 400),
        ("Århus Kommune", 751),
        ("Aarhus", None),  # a driftsherre says "Kommune" when it is one
        ("Region Hovedstaden", None),
        ("Fonden Aarhus Kommune-skolen", None),
        ("Skovbrynet ApS", None),
    ],
)
def test_kommunal_driftsherre(text: str, kode: int | None) -> None:
    assert kommune_of_driftsherre(text, KOMMUNER) == kode


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Aarhus Kommune", "Aarhus Kommune"),
        ("  Københavns Kommune ", "Københavns Kommune"),
        ("Bornholms Regionskommune", "Bornholms Regionskommune"),
        ("0751 Aarhus Kommune", "0751 Aarhus Kommune"),
        ("Kommune: Aarhus", "Aarhus"),
        ("Horsens Kommune, Socialpsykiatri", "Horsens Kommune"),
        ("Horsens Kommune – børn og unge", "Horsens Kommune"),
        ("615 - Horsens", "615 - Horsens"),
        ("615 Horsens", "615 Horsens"),
        ("Horsens (615)", "Horsens (615)"),
        ("615 - Aarhus", None),  # code and name disagree
        ("kommune - Horsens", "Horsens"),
        ("Region Nordjylland", ""),  # a region: a heading naming no kommune
        ("Region: Midtjylland", ""),
        ("REGION SJÆLLAND", ""),
        ("Aarhus", None),  # a bare name may be a tilbud's
        ("Atlantis Kommune", None),  # no such kommune: not taken for a heading
        ("Socialpsykiatrien Aarhus Kommune", None),
        ("Region Atlantis", None),
        ("Kommune", None),
        ("Bofællesskabet Bryggen", None),
    ],
)
def test_heading_kommune(text: str, named: str | None) -> None:
    assert heading_kommune(text, KOMMUNER) == named
