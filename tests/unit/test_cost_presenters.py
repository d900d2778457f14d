"""Business case and P/L table presenters, and saving the P/L table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.config import resolve_location
from rammedesk.domain.costs.business_case import ShareBasis, Sharing, compute_business_case
from rammedesk.domain.costs.pl import PLRate
from rammedesk.errors import UserError
from rammedesk.presenters.business_case import BusinessCaseForm, BusinessCasePresenter
from rammedesk.presenters.pl_table import PLTablePresenter
from rammedesk.services.costs import list_pl
from rammedesk.services.database import open_store
from rammedesk.services.pl_edit import save_pl_table

C07 = BusinessCaseForm(places="10", takst="3.000", occupancy=("60", "80", "90"))
SHARING = Sharing(
    ShareBasis.POPULATION,
    {101: Decimal(100_000), 147: Decimal(50_000), 151: Decimal(50_000)},
    {101: "København", 147: "Frederiksberg", 151: "Ballerup"},
    "Befolkningstal for 2025 (befolkningstabellen).",
)


def test_business_case_worked_example_c07() -> None:
    presenter = BusinessCasePresenter()
    inp = presenter.parse(C07)
    assert inp is not None
    state = presenter.show(compute_business_case(inp, SHARING), SHARING)
    assert state.years == (
        ("År 1", "10.950.000,00", "6.570.000,00", "4.380.000,00", "75 %", "3.285.000,00"),
        ("År 2", "10.950.000,00", "8.760.000,00", "2.190.000,00", "50 %", "1.095.000,00"),
        ("År 3", "10.950.000,00", "9.855.000,00", "1.095.000,00", "25 %", "273.750,00"),
    )
    assert state.shares[0] == ("København", "1.642.500,00", "547.500,00", "136.875,00", "2.326.875,00")
    assert state.shares[1][1] == "821.250,00"
    assert "2025" in state.sharing_note


def test_cover_above_cap_warns_and_uses_75() -> None:
    presenter = BusinessCasePresenter()
    inp = presenter.parse(BusinessCaseForm(places="10", takst="3000", occupancy=("60",), cover=("90",)))
    assert inp is not None
    state = presenter.show(compute_business_case(inp, None), None)
    assert "75 %" in state.warnings["cover0"]
    assert state.years[0][4:] == ("75 %", "3.285.000,00")


def test_business_case_field_errors() -> None:
    presenter = BusinessCasePresenter()
    form = BusinessCaseForm(places="0", takst="tre", occupancy=("", "80", ""), all_hovedstaden=False)
    assert presenter.parse(form) is None
    assert set(presenter.state.errors) == {"places", "takst", "occupancy0", "kommuner"}


def test_no_population_says_how_to_import() -> None:
    presenter = BusinessCasePresenter()
    inp = presenter.parse(C07)
    assert inp is not None
    empty = Sharing(ShareBasis.POPULATION, {}, {101: "København"}, "Der er ingen befolkningstal i databasen.")
    state = presenter.show(compute_business_case(inp, empty), empty)
    assert state.shares == ()
    assert "rammedesk population import" in state.sharing_note


def test_business_case_report_totals() -> None:
    presenter = BusinessCasePresenter()
    inp = presenter.parse(C07)
    assert inp is not None
    presenter.show(compute_business_case(inp, SHARING), SHARING)
    from datetime import datetime

    report = presenter.report(
        municipality="Ballerup", created=datetime(2026, 1, 1), version="x", is_demo=False
    )
    years, shares = report.tables
    assert years.totals is not None and years.totals[-1] == Decimal("4653750.00")
    assert shares.totals is not None and shares.totals[1] == Decimal("3285000.00")


def test_pl_rows_validate_per_cell() -> None:
    presenter = PLTablePresenter([PLRate(2028, Decimal("3.0"), "KL"), PLRate(2029, Decimal("2.5"))])
    assert presenter.rows == [["2028", "3", "KL"], ["2029", "2,5", ""]]
    presenter.insert(2, ["2028", "to", "010190-1234"])
    presenter.insert(3, ["1800", "60", ""])
    messages = [(e.row, e.column) for e in presenter.errors()]
    assert messages == [(2, 0), (2, 1), (2, 2), (3, 0), (3, 1)]
    presenter.remove(3)
    presenter.set_cell(2, 0, "2030")
    presenter.set_cell(2, 1, "2,25")
    presenter.set_cell(2, 2, "FL")
    assert presenter.errors() == []
    assert presenter.rates()[-1] == PLRate(2030, Decimal("2.25"), "FL")
    assert presenter.next_year() == "2031"


def test_save_pl_table_replaces_all_in_one_transaction(empty_db: Path) -> None:
    store = open_store(resolve_location(str(empty_db)))
    try:
        save_pl_table(
            store, [PLRate(2028, Decimal(3), "a"), PLRate(2029, Decimal("2.5"), "b")], date(2026, 1, 1)
        )
        report = save_pl_table(
            store, [PLRate(2029, Decimal("2.5"), "b"), PLRate(2030, Decimal(2))], date(2026, 2, 1)
        )
        assert (report.new, report.changed, report.removed) == (1, 0, 1)
        stored = list_pl(store)
        assert [(s.rate.year, s.registered) for s in stored] == [
            (2029, date(2026, 1, 1)),
            (2030, date(2026, 2, 1)),
        ]
        with pytest.raises(UserError, match="række 2"):
            save_pl_table(store, [PLRate(2031, Decimal(1)), PLRate(2031, Decimal(2))])
        assert [s.rate.year for s in list_pl(store)] == [2029, 2030]  # nothing changed
    finally:
        store.close()
