"""Cost core: worked cases with hand-computed answers (DOMAIN.md §5) and properties."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.money import allocate, format_number, round_oere
from rammedesk.domain.costs.periods import charged_days_by_month, days_in_month
from rammedesk.domain.costs.pl import MissingPLYear, PLRate, PLTable
from rammedesk.domain.costs.placement import (
    CostInputError,
    CostLineKind,
    PlacementSpec,
    compute_placement_cost,
)
from rammedesk.domain.vocab import Enhed

PL = PLTable([PLRate(2028, D("3.0"), "illustrativ"), PLRate(2029, D("2.5"), "illustrativ")])


def test_c01_days_and_cost_2027() -> None:
    r = compute_placement_cost(PlacementSpec(D(2500), Enhed.DOEGN, date(2027, 3, 15), date(2027, 12, 31)))
    assert r.days_charged == 292
    assert r.total == D("730000.00")
    assert r.per_year == {2027: D("730000.00")}
    assert r.per_month[(2027, 3)] == D("42500.00")  # 17 × 2 500
    assert r.per_month[(2027, 4)] == D("75000.00")  # 30 × 2 500
    assert len(r.per_month) == 10
    assert "Både indskrivnings- og udskrivningsdag betales." in r.assumptions


def test_c02_hour_tillaeg() -> None:
    spec = PlacementSpec(
        D(2500), Enhed.DOEGN, date(2027, 3, 15), date(2027, 12, 31),
        tillaeg_rate=D(417), tillaeg_hours_per_week=D(20),
    )  # fmt: skip
    r = compute_placement_cost(spec)
    # 20 × 292 / 7 = 834.2857… h × 417 = 347 897.142857… → 347 897.14
    assert r.total_of(CostLineKind.TIMETILLAEG) == D("347897.14")
    assert r.total == D("1077897.14")
    assert r.gross_total == r.total


def test_c03_pl_factor_and_uplifted_takst() -> None:
    assert PL.factor(2027, 2029) == D("1.05575")
    assert PL.factor(2027, 2027) == 1
    assert round_oere(D(2500) * PL.factor(2027, 2029)) == D("2639.38")
    assert PL.factor(2029, 2027) * PL.factor(2027, 2029) == pytest.approx(D(1), abs=D("1e-20"))
    r = compute_placement_cost(
        PlacementSpec(D(2500), Enhed.DOEGN, date(2027, 3, 15), date(2027, 3, 15), pl_to_year=2029),
        pl=PL,
    )
    assert r.total == D("2639.38")
    assert r.takst_used == D("2639.375")
    assert any("2028: 3 % (illustrativ)" in a for a in r.assumptions)


def test_missing_pl_year_names_the_year() -> None:
    with pytest.raises(MissingPLYear, match="2030") as caught:
        PL.factor(2027, 2030)
    assert caught.value.year == 2030
    with pytest.raises(MissingPLYear, match="2027"):
        PL.factor(2028, 2026)  # needs 2027 and 2028; 2027 missing
    spec = PlacementSpec(D(2500), Enhed.DOEGN, date(2027, 1, 1), date(2027, 1, 31), pl_to_year=2031)
    with pytest.raises(MissingPLYear, match="2030"):
        compute_placement_cost(spec, pl=PL)


def test_leap_year_february() -> None:
    assert days_in_month(2028, 2) == 29
    r = compute_placement_cost(PlacementSpec(D(1000), Enhed.DOEGN, date(2028, 2, 1), date(2028, 2, 29)))
    assert r.days_charged == 29 and r.total == D("29000.00")
    whole_year = compute_placement_cost(
        PlacementSpec(D(1000), Enhed.DOEGN, date(2028, 1, 1), date(2028, 12, 31))
    )
    assert whole_year.days_charged == 366
    # A monthly takst over a whole leap-year February is exactly one month.
    m = compute_placement_cost(PlacementSpec(D(30000), Enhed.MAANED, date(2028, 2, 1), date(2028, 2, 29)))
    assert m.total == D("30000.00")


def test_monthly_takst_prorated_across_month_boundary() -> None:
    # 20 Jan–10 Feb 2027: 12/31 of January + 10/28 of February at 31 000 a month.
    r = compute_placement_cost(PlacementSpec(D(31000), Enhed.MAANED, date(2027, 1, 20), date(2027, 2, 10)))
    assert r.per_month[(2027, 1)] == D("12000.00")
    assert r.per_month[(2027, 2)] == D("11071.43")  # 31 000 × 10/28 = 11 071.428…
    assert r.total == D("23071.43")
    assert r.days_charged == 22


def test_notice_period_extends_charging() -> None:
    # Ends 10 Mar 2027, notice given 1 Mar with 30 days → charged to 31 Mar.
    r = compute_placement_cost(
        PlacementSpec(
            D(2000),
            Enhed.DOEGN,
            date(2027, 3, 1),
            date(2027, 3, 10),
            notice_given=date(2027, 3, 1),
            notice_days=30,
        )  # fmt: skip
    )
    assert r.days_charged == 31 and r.total == D("62000.00")
    assert r.last_charged_day == date(2027, 3, 31)
    # A notice that ends before the end date changes nothing.
    r2 = compute_placement_cost(
        PlacementSpec(
            D(2000),
            Enhed.DOEGN,
            date(2027, 3, 1),
            date(2027, 3, 10),
            notice_given=date(2027, 3, 1),
            notice_days=5,
        )  # fmt: skip
    )
    assert r2.days_charged == 10
    assert any("forlænger ikke" in a for a in r2.assumptions)


def test_open_ended_runs_to_horizon() -> None:
    r = compute_placement_cost(PlacementSpec(D(100), Enhed.DOEGN, date(2027, 12, 1), None))
    assert r.days_charged == 31 + 366  # 2028 is a leap year
    assert r.per_year == {2027: D("3100.00"), 2028: D("36600.00")}
    assert r.last_charged_day == date(2028, 12, 31)
    assert any("31. december året efter start" in a for a in r.assumptions)


def test_egenbetaling_netto() -> None:
    # T-11: 3 000 × 30 days in June = 90 000 brutto; egenbetaling 6 000 a month → 84 000 netto.
    r = compute_placement_cost(
        PlacementSpec(
            D(3000), Enhed.DOEGN, date(2027, 6, 1), date(2027, 6, 30), egenbetaling_per_month=D(6000)
        )
    )
    assert r.gross_total == D("90000.00")
    assert r.total_of(CostLineKind.EGENBETALING) == D("-6000.00")
    assert r.total == D("84000.00")


def test_conventions_last_day_not_charged() -> None:
    conv = CostConventions(charge_last_day=False)
    assert charged_days_by_month(date(2027, 3, 15), date(2027, 12, 31), conv)[(2027, 12)] == 30
    r = compute_placement_cost(
        PlacementSpec(D(2500), Enhed.DOEGN, date(2027, 3, 15), date(2027, 12, 31)), conv
    )
    assert r.days_charged == 291 and r.total == D("727500.00")
    assert "Indskrivningsdagen betales, udskrivningsdagen betales ikke." in r.assumptions


def test_daily_tillaeg_with_scope_fraction() -> None:
    # C-02 research: "days in month × dagstakst × 2/5": 31 × 500 × 0.4 = 6 200.
    r = compute_placement_cost(
        PlacementSpec(
            D(0),
            Enhed.DOEGN,
            date(2027, 1, 1),
            date(2027, 1, 31),
            daily_tillaeg=D(500),
            daily_tillaeg_fraction=D("0.4"),
        )  # fmt: skip
    )
    assert r.total == D("6200.00")


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"end": date(2027, 1, 1)}, "slutdato"),
        ({"takst": D(-1)}, "takst"),
        ({"tillaeg_rate": D(417)}, "timetillæg"),
        ({"notice_days": 10}, "opsigelsesdato"),
        ({"unit": Enhed.TIME}, "enhed"),
    ],
)
def test_bad_specs_are_refused_in_danish(kwargs: dict[str, object], where: str) -> None:
    base: dict[str, object] = {
        "takst": D(100),
        "unit": Enhed.DOEGN,
        "start": date(2027, 2, 1),
        "end": date(2027, 3, 1),
    }
    base.update(kwargs)
    with pytest.raises(CostInputError) as caught:
        compute_placement_cost(PlacementSpec(**base))  # type: ignore[arg-type]
    assert caught.value.where == where


def test_allocation_foots_and_stays_within_one_oere() -> None:
    parts = [D("0.005"), D("0.005"), D("0.005")]
    shown = allocate(parts, round_oere(sum(parts, D(0))))
    assert sum(shown) == D("0.02") and shown == [D("0.01"), D("0.01"), D("0")]
    assert format_number(D("2639.375")) == "2.639,375"


def test_displayed_months_sum_to_year_and_total() -> None:
    spec = PlacementSpec(
        D("1234.567"), Enhed.DOEGN, date(2027, 1, 17), date(2029, 5, 3),
        tillaeg_rate=D("417.33"), tillaeg_hours_per_week=D("13.5"), egenbetaling_per_month=D("4321.11"),
    )  # fmt: skip
    r = compute_placement_cost(spec)
    assert sum(r.per_year.values()) == r.total
    for year, amount in r.per_year.items():
        assert sum(v for (y, _), v in r.per_month.items() if y == year) == amount
    for month, amount in r.per_month.items():
        assert sum(line.amount for line in r.lines if line.month == month) == amount
    assert all(abs(line.amount - line.exact) <= D("0.01") for line in r.lines)
    assert r.total == round_oere(r.exact_total)


dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
amounts = st.decimals(min_value=D(0), max_value=D(50000), places=2)
units = st.sampled_from([Enhed.DOEGN, Enhed.DAG, Enhed.MAANED])


@given(dates, st.integers(0, 900), st.integers(0, 900), amounts, units)
def test_splitting_a_period_never_changes_the_total(
    start: date, first_len: int, second_len: int, takst: D, unit: Enhed
) -> None:
    middle = start + timedelta(days=first_len)
    end = middle + timedelta(days=second_len + 1)
    extra = {"tillaeg_rate": takst / 7, "tillaeg_hours_per_week": D(7)}
    whole = compute_placement_cost(PlacementSpec(takst, unit, start, end, **extra))  # type: ignore[arg-type]
    a = compute_placement_cost(PlacementSpec(takst, unit, start, middle, **extra))  # type: ignore[arg-type]
    b = compute_placement_cost(
        PlacementSpec(takst, unit, middle + timedelta(days=1), end, **extra)  # type: ignore[arg-type]
    )
    # Exact up to Decimal's 28 significant digits (a monthly takst divides by the month's days).
    assert abs(a.exact_total + b.exact_total - whole.exact_total) < D("1e-18")
    assert abs(a.total + b.total - whole.total) <= D("0.01")
    assert a.days_charged + b.days_charged == whole.days_charged


@given(dates, st.integers(0, 800), st.integers(0, 400), amounts, units)
def test_a_longer_period_never_costs_less(start: date, length: int, more: int, takst: D, unit: Enhed) -> None:
    short = compute_placement_cost(PlacementSpec(takst, unit, start, start + timedelta(days=length)))
    long = compute_placement_cost(PlacementSpec(takst, unit, start, start + timedelta(days=length + more)))
    assert long.total >= short.total
    assert long.days_charged >= short.days_charged


@given(dates, st.integers(0, 1200), st.booleans(), st.booleans())
def test_days_charged_is_the_sum_of_month_days(start: date, length: int, first: bool, last: bool) -> None:
    conv = CostConventions(charge_first_day=first, charge_last_day=last)
    end = start + timedelta(days=length)
    r = compute_placement_cost(PlacementSpec(D(10), Enhed.DOEGN, start, end), conv)
    expected = length + 1 - (not first) - (not last)
    assert r.days_charged == sum(r.days_by_month.values()) == max(0, expected)
    assert r.total == D(10) * r.days_charged


def test_pl_each_year_loebende_priser() -> None:
    # 31 Dec 2027 at 1 000; all of 2028 (366 days) at 1 030; 1 Jan 2029 at 1 055.75.
    spec = PlacementSpec(D(1000), Enhed.DOEGN, date(2027, 12, 31), date(2029, 1, 1), pl_each_year=True)
    r = compute_placement_cost(spec, pl=PL)
    assert r.per_year == {2027: D("1000.00"), 2028: D("376980.00"), 2029: D("1055.75")}
    assert r.total == D("379035.75")
    assert any(a.startswith("Løbende priser") for a in r.assumptions)
    with pytest.raises(MissingPLYear, match="2030"):
        compute_placement_cost(dataclasses.replace(spec, end=date(2030, 1, 1)), pl=PL)
    with pytest.raises(CostInputError):
        compute_placement_cost(dataclasses.replace(spec, pl_to_year=2029), pl=PL)


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"start": date(2027, 1, 1), "end": date(2207, 1, 1)}, "slutdato"),
        ({"notice_given": date(2027, 1, 1), "notice_days": 100_000}, "opsigelsesvarsel"),
        ({"start": date(9999, 12, 1), "end": None}, "dato"),
        (
            {
                "start": date(9999, 12, 1),
                "end": date(9999, 12, 2),
                "notice_given": date(9999, 12, 30),
                "notice_days": 5,
            },
            "dato",
        ),
    ],
)
def test_typing_errors_in_dates_are_user_errors(kwargs: dict[str, object], where: str) -> None:
    base: dict[str, object] = {
        "takst": D(100),
        "unit": Enhed.DOEGN,
        "start": date(2027, 1, 1),
        "end": date(2027, 2, 1),
    }
    base.update(kwargs)
    with pytest.raises(CostInputError) as caught:
        compute_placement_cost(PlacementSpec(**base))  # type: ignore[arg-type]
    assert caught.value.where == where


def test_days_in_month_matches_the_calendar() -> None:
    import calendar

    assert all(
        days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1896, 2405) for m in range(1, 13)
    )
    assert days_in_month(2100, 2) == 28 and days_in_month(2000, 2) == 29
