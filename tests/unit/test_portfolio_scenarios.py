"""Scenarios: overrides applied, differences per year by hand, the JSON format's errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.portfolio.model import Placement, Portfolio
from rammedesk.domain.portfolio.projection import ProjectionSettings
from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenarios_from_json
from rammedesk.domain.portfolio.scenarios import move_months, run_scenarios
from rammedesk.domain.vocab import Enhed

D = Decimal
PL = PLTable([PLRate(2028, D(2))])
SETTINGS = ProjectionSettings(date(2027, 1, 1), 24)
BASE = Portfolio(
    "Test",
    placements=(
        Placement(
            "A",
            D(1000),
            Enhed.DOEGN,
            2027,
            date(2027, 1, 1),
            paragraf="SEL_108",
            tillaeg_timesats=D(350),
            tillaeg_timer_pr_uge=D(7),
        ),
        Placement("B", D(30000), Enhed.MAANED, 2027, date(2027, 1, 1), date(2027, 6, 30), paragraf="SEL_107"),
    ),
)


def _run(doc: object) -> list:  # type: ignore[type-arg]
    return list(run_scenarios(BASE, scenarios_from_json(doc), SETTINGS, PL, CostConventions()).scenarios)


def test_two_extra_places_from_july() -> None:
    doc = {
        "navn": "+2 pladser § 108 fra juli",
        "aendringer": [
            {
                "type": "tilgang",
                "antal": 2,
                "fra": "2027-07",
                "til": "2027-07",
                "takst": "1000",
                "enhed": "doegn",
                "takst_aar": 2027,
                "paragraf": "SEL_108",
            },
        ],
    }
    (result,) = _run(doc)
    years = {y.year: y for y in result.years}
    # 2027: 2 × 184 days (Jul–Dec) × 1 000; 2028: 2 × 366 × 1 000 × 1.02
    assert years[2027].difference == D("368000.00")
    assert years[2028].difference == D("746640.00")
    assert years[2028].difference_fixed == D("732000.00")
    assert result.total_difference == D("1114640.00")


def test_takst_plus_three_percent_only_for_a_paragraf() -> None:
    doc = {
        "navn": "Takst +3 %",
        "aendringer": [
            {"type": "takst", "pct": "3", "gruppe": {"dimension": "paragraf", "vaerdi": "SEL_107"}}
        ],
    }
    (result,) = _run(doc)
    # B: 6 months × 30 000 × 3 % = 5 400; A unchanged
    assert {y.year: y.difference for y in result.years} == {2027: D("5400.00"), 2028: D("0.00")}


def test_tillaeg_hours_other_pl_and_end_dates() -> None:
    doc = {
        "scenarier": [
            {"navn": "Halve timer", "aendringer": [{"type": "tillaeg_timer", "faktor": "0,5"}]},
            {"navn": "Anden P/L", "pl": [{"aar": 2028, "sats": "3"}]},
            {
                "navn": "B slutter senere",
                "aendringer": [{"type": "slutdato", "sagsnummer": "B", "slut": "2027-07-31"}],
            },
        ]
    }
    hours, pl, end = _run(doc)
    # A: 3.5 h/week less × 365/7 × 350 = 63 875 in 2027
    assert hours.years[0].difference == D("-63875.00")
    # 2028 løbende: A's 366 000 + 366/7 × 7 × 350 = 128 100 → (366 000 + 128 100) × 1 % = 4 941
    assert pl.years[1].difference == D("4941.00") and pl.years[0].difference == D("0.00")
    assert end.years[0].difference == D("30000.00")


def test_move_months_keeps_month_ends() -> None:
    assert move_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert move_months(date(2027, 2, 28), 12) == date(2028, 2, 29)
    assert move_months(date(2027, 1, 15), -2) == date(2026, 11, 15)


@pytest.mark.parametrize(
    ("doc", "where", "text"),
    [
        ({"aendringer": []}, "scenarie.navn", "mangler"),
        (
            {"navn": "x", "aendringer": [{"type": "takst", "pct": "tre"}]},
            "scenarie.aendringer[0].pct",
            "ikke et tal",
        ),
        ({"navn": "x", "aendringer": [{"type": "magi"}]}, "scenarie.aendringer[0].type", "Ukendt"),
        (
            {
                "navn": "x",
                "aendringer": [
                    {
                        "type": "tilgang",
                        "antal": 1,
                        "fra": "juli",
                        "takst": 1,
                        "enhed": "doegn",
                        "takst_aar": 2027,
                    }
                ],
            },
            "scenarie.aendringer[0].fra",
            "ÅÅÅÅ-MM",
        ),
        ({"scenarier": [{"navn": "x", "pl": [{"aar": 2028}]}]}, "scenarier[0].pl[0].sats", "mangler"),
    ],
)
def test_format_errors_name_the_place(doc: object, where: str, text: str) -> None:
    with pytest.raises(ScenarioFormatError, match=text) as info:
        scenarios_from_json(doc)
    assert info.value.where == where


def test_cpr_in_a_scenario_is_refused() -> None:
    doc = {
        "navn": "x",
        "aendringer": [
            {
                "type": "tilgang",
                "navn": "010203-1234",
                "antal": 1,
                "fra": "2027-01",
                "takst": 1,
                "enhed": "doegn",
                "takst_aar": 2027,
            }
        ],
    }
    with pytest.raises(ScenarioFormatError, match="CPR"):
        scenarios_from_json(doc)


def test_changes_are_described_in_danish() -> None:
    from rammedesk.domain.portfolio.model import Afgang, Dimension, Tilgang
    from rammedesk.domain.portfolio.scenarios import EndChange, ExtraAfgang, ExtraTilgang, TakstChange
    from rammedesk.domain.vocab import Enhed

    tilgang = Tilgang("Nye pladser § 108", 2, date(2027, 7, 1), Decimal("3150"), Enhed.DOEGN, 2026,
                      til=date(2027, 7, 1), paragraf="§ 108")  # fmt: skip
    afgang = Afgang("Udslusning", 1, date(2027, 9, 1), dimension=Dimension.PARAGRAF, key="SEL_107")
    assert [
        c.describe()
        for c in (
            ExtraTilgang(tilgang),
            ExtraAfgang(afgang),
            TakstChange(Decimal("-2.5")),
            EndChange(sagsnummer="S-1", slut=date(2028, 3, 31)),
        )
    ] == [  # fmt: skip
        "Tilgang »Nye pladser § 108« (§ 108): 2 nye pr. måned i juli 2027, "
        "takst 3.150,00 kr. pr. døgn (takstår 2026), løbende.",
        "Afgang »Udslusning«: 1 pr. måned fra september 2027 og frem for paragraf SEL_107.",
        "Takst -2,50 % (afrundet til øre pr. takst).",
        "Sag S-1: ny slutdato 31. marts 2028.",
    ]
