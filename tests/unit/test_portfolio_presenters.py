"""The Qt-free presenters of »Portefølje« and »Scenarier«: form parsing, budget months, the
comparison table and the report documents, with hand-computed answers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS
from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.report import ColumnKind
from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement, Portfolio
from rammedesk.domain.portfolio.projection import ProjectionSettings, project
from rammedesk.domain.portfolio.scenario_json import scenario_from_json
from rammedesk.domain.portfolio.scenarios import run_scenarios
from rammedesk.domain.vocab import Enhed
from rammedesk.presenters import scenarios as sc
from rammedesk.presenters.portfolio import (
    BudgetSubject,
    FormError,
    PlacementForm,
    budget_from_text,
    form_from_placement,
    month_label,
    month_rows,
    over_budget_summary,
    placement_from_form,
    placement_row,
    totals_table,
)
from rammedesk.presenters.portfolio_report import comparison_report, projection_report

PL = PLTable([PLRate(2027, Decimal("2.0")), PLRate(2028, Decimal("3.0")), PLRate(2029, Decimal("2.5"))])
A = Placement(
    "S-1",
    Decimal("1000.00"),
    Enhed.DOEGN,
    2027,
    date(2027, 1, 1),
    paragraf="§ 108",
    tilbud_navn="Koglen",
    tillaeg_timesats=Decimal("400"),
    tillaeg_timer_pr_uge=Decimal("7.5"),
)


def test_form_round_trip_and_row() -> None:
    form = form_from_placement(A)
    assert form.takst == "1.000,00" and form.start == "01.01.2027" and form.tillaeg_timer == "7,50"
    assert placement_from_form(form) == A
    assert placement_row(A) == (
        "S-1",
        "Koglen",
        "§ 108",
        "",
        "",
        "1.000,00",
        "døgn",
        "01.01.2027",
        "løbende",
        "7,5 t/uge à 400,00",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sagsnummer": "sag 0101901234"}, "sagsnummer", "CPR-nummer"),
        ({"tilbud": "borger 010190-1234"}, "tilbud", "CPR-nummer"),
        ({"sagsnummer": " "}, "sagsnummer", "Sagsnummeret mangler."),
        ({"takst": ""}, "takst", "Skriv et beløb"),
        ({"takst": "-5"}, "takst", "negativt"),
        ({"takst": "abc"}, "takst", "ikke et beløb"),
        ({"start": "2027-13-01"}, "start", "ikke en gyldig dato"),
        ({"slut": "01.01.2026"}, "slut", "Slutdatoen ligger før startdatoen."),
        ({"varsel_dage": "30"}, "opsigelse_givet", "Et varsel kræver en dato for opsigelsen."),
        ({"takst_aar": "27"}, "takst_aar", "mellem 1900 og 2200"),
        ({"enhed": "time"}, "enhed", "døgn, dag eller måned"),
    ],
)
def test_bad_form_input_names_the_field(changes: dict[str, str], field: str, message: str) -> None:
    values = {"sagsnummer": "S-1", "takst": "1000", "start": "01.01.2027", **changes}
    with pytest.raises(FormError, match=message) as caught:
        placement_from_form(PlacementForm(**values))
    assert caught.value.field == field


def test_takst_year_defaults_to_the_start_year_and_dates_take_several_forms() -> None:
    p = placement_from_form(
        PlacementForm(sagsnummer="X", takst="2.450,5", start="15/3-2028", slut="2028-12-31")
    )
    assert (p.takst, p.takst_aar, p.start, p.slut) == (
        Decimal("2450.50"),
        2028,
        date(2028, 3, 15),
        date(2028, 12, 31),
    )


def test_budget_line_from_text() -> None:
    line = budget_from_text("paragraf", " § 108 ", "2027", "12.500.000")
    assert line == BudgetLine(Dimension.PARAGRAF, "§ 108", 2027, Decimal("12500000.00"))
    with pytest.raises(FormError, match="CPR"):
        budget_from_text("gruppe", "010190-1234", "2027", "1")


def test_a_budget_met_exactly_is_never_over_and_one_oere_less_is_over_every_month() -> None:
    # 1.000 kr. a day in 2027 (365 days) costs exactly 365.000 kr.
    p = Placement("S-1", Decimal(1000), Enhed.DOEGN, 2027, date(2027, 1, 1), paragraf="§ 108")
    for budget, over in ((Decimal("365000"), 0), (Decimal("364999.99"), 12)):
        portfolio = Portfolio(
            "x", placements=(p,), budget=(BudgetLine(Dimension.PARAGRAF, "§ 108", 2027, budget),)
        )
        projection = project(portfolio, ProjectionSettings(date(2027, 1, 1), 12), PL, DEFAULT_CONVENTIONS)
        rows = month_rows(projection)
        assert rows[0].forecast == Decimal("31000.00") and rows[0].budget == Decimal("31000.00")
        assert sum(r.over for r in rows) == over
        assert month_rows(projection, BudgetSubject("", Dimension.PARAGRAF, "§ 108"))[1].budget == Decimal(
            "28000.00"
        )
    assert over_budget_summary(rows) == "12 af 12 måneder er over budget (første: jan. 2027)."
    assert month_label(date(2027, 5, 1)) == "maj 2027"


def test_totals_by_dimension_foot() -> None:
    b = Placement("S-2", Decimal(500), Enhed.DOEGN, 2027, date(2027, 1, 1), paragraf="§ 107")
    portfolio = Portfolio("x", placements=(A, b))
    projection = project(portfolio, ProjectionSettings(date(2028, 1, 1), 24), PL, DEFAULT_CONVENTIONS)
    table = totals_table(projection, Dimension.PARAGRAF)
    assert table.headers == ("Paragraf", "2028", "2029", "I alt")
    # § 107 (takst of 2027): 500 × 366 × 1,03 = 188.490 in 2028; 500 × 365 × 1,03 × 1,025 = 192.674,375
    assert table.rows[0] == ("§ 107", "188.490", "192.674", "381.164")
    assert table.rows[-1][0] == "I alt"


def test_change_from_fields_builds_documents_the_cli_reads() -> None:
    assert sc.change_from_fields("takst", {"pct": "2,5", "dimension": "paragraf", "vaerdi": "§ 108"}) == {
        "type": "takst",
        "pct": "2.5",
        "gruppe": {"dimension": "paragraf", "vaerdi": "§ 108"},
    }
    tilgang = sc.change_from_fields(
        "tilgang", {"antal": "2", "fra": "07.2027", "takst": "3.000", "enhed": "doegn", "paragraf": "§ 108"}
    )
    assert tilgang == {
        "type": "tilgang",
        "navn": "Tilgang",
        "antal": 2,
        "fra": "2027-07",
        "takst": "3000",
        "enhed": "doegn",
        "takst_aar": 2027,
        "varighed_mdr": 0,
        "paragraf": "§ 108",
    }
    assert (
        sc.change_from_fields("slutdato", {"sagsnummer": "S-1", "slut": "30.06.2028"})["slut"] == "2028-06-30"
    )
    assert sc.change_from_fields("tillaeg_timer", {"faktor": "1,5"})["faktor"] == "1.5"
    with pytest.raises(FormError, match="enten"):
        sc.change_from_fields("tillaeg_timer", {"faktor": "1,5", "timer_pr_uge": "3"})
    with pytest.raises(FormError, match="CPR"):
        sc.change_from_fields("slutdato", {"sagsnummer": "010190-1234"})
    with pytest.raises(FormError, match="værdi"):
        sc.change_from_fields("flyt_slut", {"maaneder": "3", "dimension": "paragraf"})
    assert sc.pl_from_text("2028: 3,0; 2029=2,5") == [
        {"aar": 2028, "sats": "3"},
        {"aar": 2029, "sats": "2.5"},
    ]
    assert sc.pl_text({"pl": [{"aar": 2028, "sats": "2.5"}]}) == "2028: 2,5"
    assert sc.copy_name("A", {"Kopi af A"}) == "Kopi af A (2)"
    doc = {
        "navn": "S",
        "aendringer": [tilgang, {"type": "afgang", "navn": "Ud", "antal": 1, "fra": "2028-01"}],
    }
    doc["pl"] = [{"aar": 2028, "sats": "3.5"}]
    assert sc.describe(doc) == [
        "Tilgang »Tilgang« (§ 108): 2 nye pr. måned fra juli 2027 og frem, takst 3.000,00 kr. pr. døgn "
        "(takstår 2027), løbende.",
        "Afgang »Ud«: 1 pr. måned fra januar 2028 og frem.",
        "Anden P/L-tabel (% over året før): 2028: 3,5.",
    ]


def test_comparison_table_and_reports() -> None:
    portfolio = Portfolio("Budget", "Favrskov", placements=(A,))
    scenario = scenario_from_json({"navn": "Takst +3 %", "aendringer": [{"type": "takst", "pct": "3"}]})
    comparison = run_scenarios(
        portfolio, [scenario], ProjectionSettings(date(2027, 1, 1), 12), PL, DEFAULT_CONVENTIONS
    )
    table = sc.comparison_table(comparison)
    # base: 1.000 × 365 + tillæg 400 × 7,5 × 365/7 = 365.000 + 156.428,57 = 521.428,57;
    # takst +3 %: 30 kr. × 365 = 10.950 kr. more (the tillæg is unchanged).
    assert table.headers == ("År", "Basis", "Takst +3 %", "Forskel, Takst +3 %")
    assert table.rows[0] == ("2027", "521.429", "532.379", "+10.950")
    assert sc.total_difference(comparison, comparison.scenarios[0]) == Decimal("10950.00")
    created = datetime(2026, 11, 23, 22, 0)
    report = comparison_report(
        portfolio, comparison, PL, [{"navn": "Takst +3 %"}], created=created, version="t"
    )
    whole, years = report.tables[0], report.tables[1]
    assert whole.rows[1] == (
        "Takst +3 %",
        Decimal("532378.57"),
        Decimal("10950.00"),
        Decimal("532378.57"),
        Decimal("10950.00"),
    )
    assert years.rows == (
        (2027, "Basis", Decimal("521428.57"), None),
        (2027, "Takst +3 %", Decimal("532378.57"), Decimal("10950.00")),
    )
    assert years.kinds[0] is ColumnKind.YEAR and report.municipality == "Favrskov"
    assert [s.label for s in report.charts[0].series] == ["Basis", "Takst +3 %"]
    projection = comparison.base
    shown = projection_report(portfolio, projection, PL, created=created, version="t")
    assert shown.tables[0].totals == ("I alt", Decimal("521428.57"), Decimal("521428.57"))
    assert shown.pl_rates == ()  # the takst year is the projection year: no uplift used
    assert any("Faste priser: 2027-priser." in a for a in shown.assumptions)


def test_reports_use_the_pages_municipality_only_when_the_portfolio_has_none() -> None:
    created = datetime(2026, 11, 23, 22, 0)
    projection = project(
        Portfolio("B", placements=(A,)), ProjectionSettings(date(2027, 1, 1), 12), PL, DEFAULT_CONVENTIONS
    )
    bare = projection_report(
        Portfolio("B"), projection, PL, created=created, version="t", municipality="Aarhus Kommune"
    )
    own = projection_report(
        Portfolio("B", "Favrskov"), projection, PL, created=created, version="t", municipality="X"
    )
    assert (bare.municipality, own.municipality) == ("Aarhus Kommune", "Favrskov")
