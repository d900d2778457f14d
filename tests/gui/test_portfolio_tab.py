"""»Portefølje«: add through the form with undo/redo, CPR refused, import, projection vs engine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS
from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement, Portfolio
from rammedesk.domain.portfolio.projection import ProjectionSettings, project
from rammedesk.domain.vocab import Enhed
from rammedesk.gui.qt import QKeySequence, Qt
from rammedesk.gui.tasks import SyncTaskRunner
from rammedesk.gui.views.portfolio_tab import PortfolioTab
from rammedesk.services import portfolio as svc
from rammedesk.storage.store import Store
from tests.catalogue_builder import open_test_store
from tests.portfolio_builder import PL_RATES, put_pl


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    put_pl(s)
    yield s
    s.close()


class Paths:
    def __init__(self) -> None:
        self.open: str | None = None
        self.save: str | None = None

    def choose_open(self, _parent: Any, _title: str, _suggested: str) -> str | None:
        return self.open

    def choose_save(self, _parent: Any, _title: str, _suggested: str) -> str | None:
        return self.save


@pytest.fixture
def paths() -> Paths:
    return Paths()


@pytest.fixture
def tab(qtbot: Any, store: Store, reporter: Any, paths: Paths) -> PortfolioTab:
    svc.create_portfolio(store, "Budget 2027", "Aarhus")
    widget = PortfolioTab(
        SyncTaskRunner(on_unhandled=reporter),
        lambda: store,
        choose_open=paths.choose_open,
        choose_save_xlsx=paths.choose_save,
        choose_save_report=paths.choose_save,
    )
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.database_changed()
    return widget


def text(table: Any, row: int, column: int) -> str:
    return str(table.model().index(row, column).data() or "")


def fill(dialog: Any, **values: str) -> None:
    for name, text in values.items():
        dialog.edits[name].setText(text)


def stored(store: Store) -> tuple[Placement, ...]:
    pid = svc.list_portfolios(store)[0].id
    return svc.load_portfolio(store, pid).portfolio.placements


def test_add_through_the_form_then_undo_and_redo_with_the_keys(
    qtbot: Any, tab: PortfolioTab, store: Store
) -> None:
    assert tab.chooser.currentText() == "Budget 2027 (Aarhus)"
    dialog = tab.add_placement()
    assert dialog is not None
    fill(
        dialog,
        sagsnummer="S-2027-14",
        paragraf="§ 108",
        takst="2.450,50",
        start="01.03.2027",
        slut="31.12.2027",
    )
    dialog.try_accept()
    assert stored(store) == (
        Placement(
            "S-2027-14",
            Decimal("2450.50"),
            Enhed.DOEGN,
            2027,
            date(2027, 3, 1),
            date(2027, 12, 31),
            paragraf="§ 108",
        ),
    )
    assert tab.table.model().rowCount() == 1
    assert text(tab.table, 0, 5) == "2.450,50"
    assert tab.count_label.text() == "1 anbringelse"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store) == ()
    assert tab.table.model().rowCount() == 0
    qtbot.keyClick(
        tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [p.sagsnummer for p in stored(store)] == ["S-2027-14"]
    assert text(tab.table, 0, 0) == "S-2027-14"
    assert tab.redo_action.shortcuts()[0] == QKeySequence("Ctrl+Shift+Z")


def test_edit_and_delete_are_undoable(tab: PortfolioTab, store: Store) -> None:
    pid = svc.list_portfolios(store)[0].id
    svc.add_placement(store, pid, Placement("A-1", Decimal(1000), Enhed.DOEGN, 2027, date(2027, 1, 1)))
    tab.reload()
    tab.table.selectRow(0)
    dialog = tab.edit_placement()
    assert dialog is not None and dialog.edits["takst"].text() == "1.000,00"
    fill(dialog, takst="1.100")
    dialog.try_accept()
    assert stored(store)[0].takst == Decimal("1100.00")
    tab.table.selectRow(0)
    tab.delete_placement()
    assert stored(store) == ()
    tab.stack.undo()
    tab.stack.undo()
    assert stored(store)[0].takst == Decimal("1000.00")
    assert tab.undo_button.isEnabled() is False


def test_a_cpr_like_case_number_is_refused_with_a_clear_message(tab: PortfolioTab, store: Store) -> None:
    dialog = tab.add_placement()
    assert dialog is not None
    fill(dialog, sagsnummer="010190-1234", takst="2000", start="01.01.2027")
    dialog.try_accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Sagsnummer: Teksten ligner et CPR-nummer")
    assert stored(store) == ()
    fill(dialog, sagsnummer="S-1", start="31.02.2027")
    dialog.try_accept()
    assert dialog.error.text() == "Start: »31.02.2027« er ikke en gyldig dato."


def test_import_a_small_file_shows_refused_rows_and_saves_the_report(
    tab: PortfolioTab, store: Store, paths: Paths, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Anbringelser"
    ws.append(["Sagsnummer", "Tilbud", "Paragraf", "Takst", "Enhed", "Takstår", "Start", "Slut"])
    ws.append(["K-1", "Koglen", "§ 108", 3000, "døgn", 2027, "2027-01-01", "2027-06-30"])
    ws.append(["K-2", "Grenen", "§ 107", 1500.5, "døgn", 2027, "2027-02-01", None])
    ws.append(["K-3", "Grenen", "§ 107", "mange", "døgn", 2027, "2027-02-01", None])
    budget = wb.create_sheet("Budget")
    budget.append(["Dimension", "Gruppe", "År", "Beløb"])
    budget.append(["paragraf", "§ 108", 2027, 500000])
    paths.open = str(tmp_path / "Favrskov 2027.xlsx")
    wb.save(paths.open)
    paths.save = str(tmp_path / "fejl.xlsx")
    tab.import_file()
    dialog = tab.dialog
    assert (
        "»Favrskov 2027« er oprettet fra Favrskov 2027.xlsx: 2 anbringelser, 1 budgetlinjer"
        in dialog.summary.text()
    )
    assert "1 rækker er afvist" in dialog.summary.text()
    assert "Favrskov 2027.xlsx, ark Anbringelser, række 4, kolonne D" in dialog.errors.toPlainText()
    dialog.save_report()
    assert dialog.saved_to == Path(paths.save) and Path(paths.save).exists()
    assert tab.chooser.currentText() == "Favrskov 2027"
    assert [text(tab.table, r, 0) for r in range(tab.table.model().rowCount())] == ["K-1", "K-2"]


def test_projection_month_total_matches_the_engine_and_marks_months_over_budget(
    tab: PortfolioTab, store: Store
) -> None:
    pid = svc.list_portfolios(store)[0].id
    a = Placement("A-1", Decimal("2000.00"), Enhed.DOEGN, 2027, date(2027, 1, 1), paragraf="§ 108")
    b = Placement("B-2", Decimal("31000.00"), Enhed.MAANED, 2026, date(2026, 6, 1), date(2028, 3, 31))
    svc.add_placement(store, pid, a)
    svc.add_placement(store, pid, b)
    # 2.000 kr. × 365 days: 730.000 a year; 700.000 makes every month of 2027 over budget.
    svc.set_budget(store, pid, [BudgetLine(Dimension.PARAGRAF, "§ 108", 2027, Decimal("700000"))])
    tab.reload()
    panel = tab.projection
    panel.first_year.setValue(2027)
    panel.years.setValue(2)
    panel.run()
    assert panel.projection is not None, panel.summary.text()
    from rammedesk.domain.costs.pl import PLTable

    expected = project(
        Portfolio("x", placements=(a, b)),
        ProjectionSettings(date(2027, 1, 1), 24),
        PLTable(PL_RATES),
        DEFAULT_CONVENTIONS,
    ).total.per_month()
    assert panel.months.rowCount() == 24
    # March 2027: A 2.000 × 31 + B 31.000 uplifted 2026 → 2027 by 2,4 % = 62.000 + 31.744 = 93.744
    assert expected["2027-03"] == Decimal("93744.00")
    assert text(panel.months, 2, 0) == "mar. 2027"
    assert text(panel.months, 2, 1) == "93.744"
    panel.subject.setCurrentIndex(1)  # Paragraf: § 108
    assert panel.subject.currentText() == "Paragraf: § 108"
    rows = panel.current_rows()
    assert sum(r.over for r in rows) == 12 and rows[0].budget == Decimal("59452.05")  # 700.000 × 31/365
    assert panel.chart.over_points is not None and panel.chart.over_points.count() == 12
    assert "12 af 12 måneder er over budget" in panel.over_label.text()
    panel.dimension.setCurrentIndex(0)
    headers = [
        panel.totals.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(panel.totals.columnCount())
    ]
    assert headers == ["Paragraf", "2027", "2028", "I alt"]


def test_a_missing_pl_year_is_named(tab: PortfolioTab, store: Store) -> None:
    pid = svc.list_portfolios(store)[0].id
    svc.add_placement(store, pid, Placement("A-1", Decimal(100), Enhed.DOEGN, 2027, date(2027, 1, 1)))
    tab.reload()
    tab.projection.first_year.setValue(2040)
    tab.projection.years.setValue(1)
    tab.projection.run()
    assert tab.projection.projection is None
    assert "2037" in tab.projection.summary.text()


def test_budget_dialog_saves_lines_and_undo_puts_the_old_ones_back(tab: PortfolioTab, store: Store) -> None:
    dialog = tab.edit_budget()
    assert dialog is not None
    dialog.key.setText("§ 108")
    dialog.year.setText("2027")
    dialog.amount.setText("1.250.000")
    dialog.add_line()
    dialog.key.setText("§ 107")
    dialog.amount.setText("-5")
    dialog.add_line()
    assert dialog.error.text() == "Beløb: Beløbet må ikke være negativt."
    assert dialog.table.rowCount() == 1
    dialog._save()
    pid = svc.list_portfolios(store)[0].id
    line = BudgetLine(Dimension.PARAGRAF, "§ 108", 2027, Decimal("1250000.00"))
    assert svc.load_portfolio(store, pid).portfolio.budget == (line,)
    tab.stack.undo()
    assert svc.load_portfolio(store, pid).portfolio.budget == ()
    tab.stack.redo()
    assert svc.load_portfolio(store, pid).portfolio.budget == (line,)


def test_projection_exports_xlsx_with_assumptions_and_a_pdf(
    tab: PortfolioTab, store: Store, paths: Paths, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from rammedesk.fileio.cost_report_xlsx import ASSUMPTIONS_SHEET

    pid = svc.list_portfolios(store)[0].id
    svc.add_placement(store, pid, Placement("A-1", Decimal(1000), Enhed.DOEGN, 2027, date(2027, 1, 1)))
    tab.reload()
    tab.projection.first_year.setValue(2027)
    tab.projection.years.setValue(1)
    tab.projection.run()
    paths.save = str(tmp_path / "fremskrivning.xlsx")
    tab.projection.xlsx_button.click()
    assert tab.last_export == Path(paths.save)
    wb = load_workbook(paths.save)
    assert ASSUMPTIONS_SHEET in wb.sheetnames
    years = wb[wb.sheetnames[0]]
    numbers = [c.value for row in years.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert 365000 in numbers  # 1.000 kr. × 365 days, a number, not text
    paths.save = str(tmp_path / "fremskrivning.pdf")
    tab.projection.pdf_button.click()
    assert Path(paths.save).read_bytes().startswith(b"%PDF")


def test_wired_into_the_costs_page_ctrl_z_reaches_the_tab(
    qtbot: Any, make_shell: Any, empty_db: Path, store: Store
) -> None:
    """Both tabs on »Udgifter« in the real window; the window's own Ctrl+Z (search page)
    must not make the key ambiguous while the portfolio tab has the focus."""
    from rammedesk.config import resolve_location

    store.close()  # the shell opens the database itself
    shell = make_shell()
    shell.start(resolve_location(str(empty_db)))
    page = shell.window.costs_page
    tab, scenarios = page.portfolio, page.scenarios
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["Enkelt forløb", "Portefølje", "Scenarier", "Nye pladser"]
    tab.create_portfolio("Budget 2027")
    scenarios.database_changed()
    assert scenarios.chooser.currentText() == "Budget 2027"
    shell.window.show_page("udgifter")
    page.tabs.setCurrentWidget(tab)
    dialog = tab.add_placement()
    assert dialog is not None
    fill(dialog, sagsnummer="S-1", takst="1000", start="01.01.2027")
    dialog.try_accept()
    assert tab.model.rowCount() == 1
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.rowCount() == 0
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, shift)
    assert tab.model.rowCount() == 1


def test_import_into_a_demo_database_asks_first(
    qtbot: Any, reporter: Any, paths: Paths, demo_db: Path, tmp_path: Path
) -> None:
    from rammedesk.gui.qt import QMessageBox, QPushButton, Qt

    wb = Workbook()
    ws = wb.active
    ws.title = "Anbringelser"
    ws.append(["Sagsnummer", "Tilbud", "Paragraf", "Takst", "Enhed", "Takstår", "Start", "Slut"])
    ws.append(["K-1", "Koglen", "§ 108", 3000, "døgn", 2027, "2027-01-01", "2027-06-30"])
    paths.open = str(tmp_path / "Egen.xlsx")
    wb.save(paths.open)
    demo = open_test_store(demo_db)
    try:
        widget = PortfolioTab(
            SyncTaskRunner(on_unhandled=reporter), lambda: demo, is_demo=lambda: True,
            choose_open=paths.choose_open, choose_save_xlsx=paths.choose_save,
            choose_save_report=paths.choose_save,
        )  # fmt: skip
        qtbot.addWidget(widget)
        widget.import_file()
        box = widget.findChild(QMessageBox, "demoImportWarning")
        assert box is not None and "anbringelser" in box.informativeText()
        assert svc.list_portfolios(demo) == []
        go = next(b for b in box.findChildren(QPushButton) if "alligevel" in b.text())
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
        assert [p.navn for p in svc.list_portfolios(demo)] == ["Egen"]
    finally:
        demo.close()
