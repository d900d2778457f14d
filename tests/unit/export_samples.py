"""Sample search hits and export metadata for the export tests (hostile text included)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rammedesk.domain.export import ExportMeta, meta_from_result
from rammedesk.domain.search import (
    CurrentTakst,
    FacetGroup,
    FacetValue,
    Ref,
    SearchHit,
    SearchResult,
)

QUERY = 'bosted <&> "særlig"'
CREATED = datetime(2026, 11, 23, 14, 5)
AS_OF = date(2026, 1, 1)
NOTES = {104: "Ring til leder før visitation\n– spørg om venteliste & pris", 105: "=1+1"}


def hit(i: int, **changes: Any) -> SearchHit:
    values: dict[str, Any] = {
        "afdeling_id": 100 + i,
        "tilbud_id": 10 + i,
        "tilbud": f"Bostedet Åbrinken {i}",
        "afdeling": f"Afdeling Søhøj {i}",
        "kommune": "Aabenraa",
        "kommune_kode": 580,
        "region": "Region Syddanmark",
        "region_kode": 1083,
        "driftsherre_art": "selvejende",
        "paragraffer": (Ref("sel-107", "SEL § 107"), Ref("sel-108", "SEL § 108")),
        "maalgrupper": (Ref("m1", "Sindslidende"), Ref("m2", "Udviklingshæmmede")),
        "takst": CurrentTakst(Decimal("4155.5") + i, "doegn", 2026),
        "pladser": 12,
    }
    values.update(changes)
    return SearchHit(**values)


def hits(count: int = 8) -> list[SearchHit]:
    """Row 0 ordinary, 1-3 hostile or unusual, the rest ordinary (at least 4 rows)."""
    assert count >= 4, "the hostile rows are 1-3"
    made = [hit(i) for i in range(count)]
    made[1] = hit(
        1,
        tilbud='=HYPERLINK("http://evil.example","klik")',
        afdeling="+45 1234",
        takst=CurrentTakst(None, "doegn", 2026),
    )
    made[2] = hit(
        2,
        tilbud="Ret & Rimelig <Botilbud>",
        afdeling="@SUM(A1)",
        takst=None,
        pladser=None,
        paragraffer=(),
        maalgrupper=(),
        driftsherre_art="kommunal",
    )
    made[3] = hit(3, tilbud="-5", takst=CurrentTakst(Decimal("-5"), "time", 2025))
    return made


def result(count: int = 8, total: int = 1234) -> SearchResult:
    return SearchResult(
        query=QUERY,
        total=total,
        hits=tuple(hits(count)),
        facets=(
            FacetGroup("region", "Region", (FacetValue("1083", "Region Syddanmark", 40, True),)),
            FacetGroup("paragraf", "Paragraf", (FacetValue("sel-107", "SEL § 107", 12, True),)),
        ),
        selected={"paragraf": "sel-107", "region": "1083"},
    )


def meta(*, is_demo: bool = True, count: int = 8, title: str = "Søgeresultat") -> ExportMeta:
    return meta_from_result(
        result(count),
        created=CREATED,
        version="0.1.0",
        title=title,
        data_as_of=AS_OF,
        is_demo=is_demo,
    )
