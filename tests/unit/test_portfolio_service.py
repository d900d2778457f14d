"""Portfolio service: undoable placement changes, atomic import, budgets and scenarios stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.fileio.portfolio_reader import read_portfolio
from rammedesk.services import portfolio as svc
from rammedesk.storage.store import Store
from tests.catalogue_builder import open_test_store

P = Placement(
    "2027-1", Decimal("2500.00"), Enhed.DOEGN, 2027, date(2027, 3, 15), date(2027, 12, 31), paragraf="SEL_108"
)


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    yield s
    s.close()


def test_add_edit_delete_with_undo_and_redo(store: Store) -> None:
    pid = svc.create_portfolio(store, "Budget 2027", "Aarhus")
    add = svc.add_placement(store, pid, P)
    edit = svc.edit_placement(store, add.placement_id, replace(P, takst=Decimal("2600.00")))
    assert edit.text == "Ret anbringelse 2027-1"
    delete = svc.delete_placement(store, add.placement_id)
    assert svc.load_portfolio(store, pid).portfolio.placements == ()
    svc.apply_change(store, delete.inverse())  # undo delete: back under its old id
    loaded = svc.load_portfolio(store, pid)
    assert loaded.placement_ids == (add.placement_id,)
    assert loaded.portfolio.placements[0].takst == Decimal("2600.00")
    svc.apply_change(store, edit.inverse())  # undo edit
    assert svc.load_portfolio(store, pid).portfolio.placements == (P,)
    svc.apply_change(store, edit)  # redo edit
    svc.apply_change(store, delete)  # redo delete
    assert svc.load_portfolio(store, pid).portfolio.placements == ()
    with pytest.raises(UserError, match="ændret"):
        svc.apply_change(store, edit)  # the row is gone: a stale change is refused


def test_budget_and_assumptions_return_the_previous_value(store: Store) -> None:
    pid = svc.create_portfolio(store, "B")
    line = BudgetLine(Dimension.PARAGRAF, "SEL_108", 2027, Decimal("1000000.00"))
    assert svc.set_budget(store, pid, [line]) == ()
    assert svc.set_budget(store, pid, []) == (line,)


def test_cpr_like_names_are_refused(store: Store) -> None:
    with pytest.raises(UserError, match="CPR"):
        svc.create_portfolio(store, "sag 010203-1234")


def _file(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Sagsnummer", "Takst", "Enhed", "Takstår", "Start"])
    ws.append(["A", 1000, "døgn", 2027, "2027-01-01"])
    ws.append(["B", 1000, "døgn", 2027, "not a date"])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    return path


def test_import_valid_rows_or_nothing(store: Store, tmp_path: Path) -> None:
    parsed = read_portfolio(_file(tmp_path))
    strict = svc.import_portfolio(store, parsed, "P", all_or_nothing=True)
    assert strict.portfolio_id is None and svc.list_portfolios(store) == []
    report = svc.import_portfolio(store, parsed, "P")
    assert report.placements == 1 and len(report.rejected) == 1
    assert report.portfolio_id is not None
    with pytest.raises(UserError, match="--replace"):
        svc.import_portfolio(store, parsed, "P")
    again = svc.import_portfolio(store, parsed, "P", replace_existing=True)
    assert again.replaced and again.portfolio_id == report.portfolio_id
    (info,) = svc.list_portfolios(store)
    assert info.placements == 1 and info.kilde == "p.xlsx"


def test_scenarios_are_stored_as_documents(store: Store) -> None:
    pid = svc.create_portfolio(store, "S")
    doc: dict[str, object] = {"navn": "Takst +3 %", "aendringer": [{"type": "takst", "pct": "3"}]}
    svc.save_scenario(store, pid, doc)
    svc.save_scenario(store, pid, doc)  # same name: replaced
    (stored,) = svc.list_scenarios(store, pid)
    assert stored.document == doc
    with pytest.raises(UserError):
        svc.save_scenario(store, pid, {"navn": "x", "aendringer": [{"type": "takst"}]})
