"""The calculator presenter: form text → Danish result rows or a message per field."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.takst_ref import StoredTakst
from rammedesk.domain.vocab import Enhed, TakstArt
from rammedesk.presenters.cost_calculator import CalculatorForm, CostCalculatorPresenter, Row

C01 = CalculatorForm(takst="2.500,00", start=date(2027, 3, 15), end=date(2027, 12, 31))


def test_domain_example_c01() -> None:
    state = CostCalculatorPresenter().compute(C01)
    assert state.ok
    assert state.total == "730.000,00 kr."
    assert state.days == "292 dage"
    assert state.months[0] == Row("Marts 2027", "17", "42.500,00")
    assert state.years == (Row("2027", "292", "730.000,00"),)
    assert "Både indskrivnings- og udskrivningsdag betales." in state.assumptions
    assert state.horizon_text == ""


def test_hour_tillaeg_c02() -> None:
    form = CalculatorForm(
        takst="0", start=date(2027, 3, 15), end=date(2027, 12, 31), tillaeg_rate="417", tillaeg_hours="20"
    )
    assert CostCalculatorPresenter().compute(form).total == "347.897,14 kr."


def test_open_end_shows_the_horizon() -> None:
    form = CalculatorForm(takst="100", start=date(2027, 3, 15))
    state = CostCalculatorPresenter().compute(form)
    assert state.horizon_text == "Uden slutdato regnes forløbet til 31.12.2028."
    assert state.days == "658 dage"  # 292 + 366 (2028 is a leap year)
    assert state.total == "65.800,00 kr."


def test_conventions_change_the_days() -> None:
    form = CalculatorForm(
        takst="2500", start=date(2027, 3, 15), end=date(2027, 12, 31), charge_last_day=False
    )
    state = CostCalculatorPresenter().compute(form)
    assert state.days == "291 dage"
    assert "Indskrivningsdagen betales, udskrivningsdagen betales ikke." in state.assumptions


def test_pl_uplift_and_missing_year_named() -> None:
    presenter = CostCalculatorPresenter()
    presenter.set_pl_table(PLTable([PLRate(2028, Decimal(3)), PLRate(2029, Decimal("2.5"))]))
    form = CalculatorForm(takst="2500", start=date(2027, 1, 1), end=date(2027, 1, 1), pl_to="2029")
    assert presenter.compute(form).total == "2.639,38 kr."  # C-03
    state = presenter.compute(CalculatorForm(takst="2500", start=date(2027, 1, 1), pl_to="2031"))
    assert not state.ok
    assert "2030" in state.errors["pl_to"]


def test_invalid_fields_get_danish_messages_and_no_result() -> None:
    form = CalculatorForm(
        takst="to tusind",
        start=None,
        tillaeg_rate="417",
        notice=True,
        notice_days="x",
        pl_to="3000",
        sagsnr="Borger 010190-1234",
    )
    state = CostCalculatorPresenter().compute(form)
    assert state.result is None
    assert set(state.errors) == {
        "takst",
        "start",
        "notice_days",
        "notice_given",
        "pl_to",
        "sagsnr",
        "tillaeg_hours",
    }
    assert "ikke et beløb" in state.errors["takst"]
    assert "CPR" in state.errors["sagsnr"]


def test_end_before_start_is_named_on_the_end_field() -> None:
    form = CalculatorForm(takst="100", start=date(2027, 3, 15), end=date(2027, 3, 1))
    state = CostCalculatorPresenter().compute(form)
    assert "før startdatoen" in state.errors["end"]


def test_notice_extends_charging() -> None:
    form = CalculatorForm(
        takst="1000",
        start=date(2027, 1, 1),
        end=date(2027, 1, 31),
        notice=True,
        notice_given=date(2027, 1, 20),
        notice_days="30",
    )
    state = CostCalculatorPresenter().compute(form)
    assert state.days == "50 dage"  # 31 in January + 1..19 February
    assert state.total == "50.000,00 kr."


def test_chosen_takst_fills_amount_unit_year() -> None:
    presenter = CostCalculatorPresenter()
    stored = StoredTakst(
        1, 2, 3, "Bo & Co", "Afd. A", "Døgnophold", 2026, TakstArt.SAMLET, Enhed.MAANED, Decimal("73964")
    )
    form = presenter.choose_takst(stored)
    assert (form.takst, form.unit, form.takst_year) == ("73.964,00", Enhed.MAANED, "2026")


def test_report_has_tables_and_conventions() -> None:
    presenter = CostCalculatorPresenter()
    presenter.compute(C01)
    report = presenter.report(
        municipality="Ærø", created=datetime(2026, 11, 23, 9, 0), version="0.1", is_demo=False
    )
    years, months = report.tables
    assert years.rows == ((2027, 292, Decimal("730000.00")),)
    assert months.totals == ("I alt", 292, Decimal("730000.00"))
    assert len(months.rows) == 10
    assert "Både indskrivnings- og udskrivningsdag betales." in report.conventions
    assert report.pl_note == "Ingen P/L-fremskrivning."


def test_report_charts_the_months() -> None:
    presenter = CostCalculatorPresenter()
    presenter.compute(C01)
    report = presenter.report(municipality="", created=datetime(2026, 11, 23), version="0.1", is_demo=False)
    (chart,) = report.charts
    assert chart.bars
    assert chart.series[0].points[0] == ("mar 2027", Decimal("42500.00"))
    assert len(chart.x_labels) == 10


def test_daily_tillaeg_per_charged_day() -> None:
    form = CalculatorForm(takst="1000", start=date(2027, 1, 1), end=date(2027, 1, 10), daily_tillaeg="223")
    state = CostCalculatorPresenter().compute(form)
    assert state.total == "12.230,00 kr."  # 10 × (1 000 + 223)
    bad = CostCalculatorPresenter().compute(
        CalculatorForm(takst="1000", start=date(2027, 1, 1), daily_tillaeg="-5")
    )
    assert "negativt" in bad.errors["daily_tillaeg"]
