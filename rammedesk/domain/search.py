"""Search result values and the facet vocabulary (pure, shared by storage and services)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Facet ids in display order, with their Danish titles.
FACETS: dict[str, str] = {
    "region": "Region",
    "kommune": "Kommune",
    "driftsherre": "Driftsherre",
    "paragraf": "Paragraf",
    "maalgruppe": "Målgruppe",
    "alder": "Aldersgruppe",
    "takst": "Takst pr. døgn/dag",
    "pladser": "Pladser",
}

# Buckets for the takst facet (kr. per døgn or dag) and the places facet: (value, label, low, high).
TAKST_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("0-1000", "under 1.000 kr.", 0, 1000),
    ("1000-2000", "1.000–1.999 kr.", 1000, 2000),
    ("2000-3000", "2.000–2.999 kr.", 2000, 3000),
    ("3000-5000", "3.000–4.999 kr.", 3000, 5000),
    ("5000-", "5.000 kr. og derover", 5000, None),
)
PLADS_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("1-5", "1–5 pladser", 1, 6),
    ("6-10", "6–10 pladser", 6, 11),
    ("11-20", "11–20 pladser", 11, 21),
    ("21-50", "21–50 pladser", 21, 51),
    ("51-", "over 50 pladser", 51, None),
)


def bucket(buckets: tuple[tuple[str, str, int, int | None], ...], number: Decimal | int) -> str | None:
    for value, _label, low, high in buckets:
        if number >= low and (high is None or number < high):
            return value
    return None


@dataclass(frozen=True)
class Ref:
    """An id with its display label (paragraf, målgruppe)."""

    id: str
    label: str


@dataclass(frozen=True)
class CurrentTakst:
    amount: Decimal | None  # None: individuel pris
    unit: str  # Enhed value
    year: int


@dataclass(frozen=True)
class SearchHit:
    afdeling_id: int
    tilbud_id: int
    tilbud: str
    afdeling: str
    kommune: str
    kommune_kode: int
    region: str
    region_kode: int
    driftsherre_art: str
    paragraffer: tuple[Ref, ...]
    maalgrupper: tuple[Ref, ...]
    takst: CurrentTakst | None
    pladser: int | None
    match: str = "exact"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetGroup:
    facet: str
    title: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: tuple[FacetGroup, ...] = ()
    hints: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    did_you_mean: str | None = None
    selected: dict[str, str] = field(default_factory=dict)
