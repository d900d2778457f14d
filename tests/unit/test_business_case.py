"""C-07 business case: DOMAIN.md's worked table, the 75 % cap, sharing sets."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.config import resolve_location
from rammedesk.domain.costs.business_case import (
    BusinessCaseInput,
    ShareBasis,
    Sharing,
    compute_business_case,
)
from rammedesk.domain.costs.population import Befolkning
from rammedesk.errors import UserError
from rammedesk.services.business_case import resolve_sharing
from rammedesk.services.database import open_store

C07 = BusinessCaseInput(places=10, takst=D(3000), occupancy_pct=(D(60), D(80), D(90)))


def test_c07_worked_table() -> None:
    sharing = Sharing(
        ShareBasis.POPULATION, {1: D(100_000), 2: D(50_000), 3: D(50_000)}, {1: "A", 2: "B", 3: "C"}
    )
    case = compute_business_case(C07, sharing)
    rows = [(y.budget, y.takstindtaegt, y.underskud, y.cover_pct, y.daekning) for y in case.years]
    assert rows == [
        (D("10950000.00"), D("6570000.00"), D("4380000.00"), D(75), D("3285000.00")),
        (D("10950000.00"), D("8760000.00"), D("2190000.00"), D(50), D("1095000.00")),
        (D("10950000.00"), D("9855000.00"), D("1095000.00"), D(25), D("273750.00")),
    ]
    assert case.years[0].shares == {1: D("1642500.00"), 2: D("821250.00"), 3: D("821250.00")}
    assert case.total_daekning == D("4653750.00")


def test_cover_is_capped_at_75_and_surplus_gives_no_cover() -> None:
    inp = BusinessCaseInput(10, D(3000), (D(60), D(100)), cover_pct=(D(90), D(50)))
    case = compute_business_case(inp, None)
    assert case.years[0].cover_pct == 75 and case.years[0].daekning == D("3285000.00")
    assert any("over loftet" in a for a in case.assumptions)
    assert case.years[1].underskud == 0 and case.years[1].daekning == 0


def test_real_days_in_a_leap_year_and_entered_budget() -> None:
    inp = BusinessCaseInput(1, D(1000), (D(50),), first_year=2028, real_days=True, budget=(D(400_000),))
    year = compute_business_case(inp, None).years[0]
    assert year.days == 366 and year.takstindtaegt == D("183000.00")
    assert year.underskud == D("217000.00") and year.daekning == D("162750.00")


@pytest.mark.parametrize(
    "inp",
    [
        BusinessCaseInput(10, D(3000), (D(60), D(80), D(90), D(95))),
        BusinessCaseInput(10, D(3000), ()),
        BusinessCaseInput(0, D(3000), (D(60),)),
        BusinessCaseInput(10, D(3000), (D(120),)),
        BusinessCaseInput(10, D(3000), (D(60),), real_days=True),
    ],
)
def test_bad_inputs_are_refused(inp: BusinessCaseInput) -> None:
    with pytest.raises(UserError):
        compute_business_case(inp, None)


@given(st.lists(st.integers(1, 700_000), min_size=1, max_size=29), st.integers(0, 100))
def test_shares_always_sum_to_the_cover(populations: list[int], occupancy: int) -> None:
    sharing = Sharing(ShareBasis.POPULATION, {i: D(p) for i, p in enumerate(populations)}, {})
    case = compute_business_case(BusinessCaseInput(7, D("2345.67"), (D(occupancy),)), sharing)
    year = case.years[0]
    assert sum(year.shares.values()) == year.daekning
    exact = year.daekning / sum(populations)
    assert all(abs(year.shares[i] - exact * p) <= D("0.01") for i, p in enumerate(populations))


def test_sharing_all_29_hovedstaden_by_population(empty_db: Path) -> None:
    store = open_store(resolve_location(str(empty_db)))
    try:
        empty = resolve_sharing(ShareBasis.POPULATION, store=store)
        assert empty.weights == {} and "ingen befolkningstal" in empty.note
        assert len(empty.names) == 29
        case = compute_business_case(C07, empty)
        assert case.years[0].shares == {} and any("ingen befolkningstal" in a for a in case.assumptions)
        with store.unit_of_work() as repos:
            repos.costs.put_population(
                [Befolkning(k, 2025, 10_000 + k) for k in empty.names] + [Befolkning(101, 2020, 1)]
            )
        sharing = resolve_sharing(ShareBasis.POPULATION, store=store, first_year=2027)
        assert "2025" in sharing.note and len(sharing.weights) == 29
        year1 = compute_business_case(C07, sharing).years[0]
        assert sum(year1.shares.values()) == D("3285000.00")
        with pytest.raises(UserError, match="147 Frederiksberg"):
            resolve_sharing(ShareBasis.POPULATION, kommuner=[101, 147], store=store, population_year=2020)
    finally:
        store.close()


def test_sharing_equal_and_entered_need_no_database() -> None:
    equal = resolve_sharing(ShareBasis.EQUAL, kommuner=[101, 147, 151])
    case = compute_business_case(C07, equal)
    assert case.years[0].shares == {101: D("1095000.00"), 147: D("1095000.00"), 151: D("1095000.00")}
    entered = resolve_sharing(ShareBasis.ENTERED, entered={101: D(2), 147: D(1), 151: D(1)})
    assert compute_business_case(C07, entered).years[0].shares[101] == D("1642500.00")
    with pytest.raises(UserError, match="411"):
        resolve_sharing(ShareBasis.EQUAL, kommuner=[101, 411])
