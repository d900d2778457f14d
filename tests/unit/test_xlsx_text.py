"""No xlsx writer turns user or catalogue text into a formula, and none alters the text.

Every workbook the app writes is fed hostile names (as a takstfil can bring them) and read
back with openpyxl (a string cell, the value unchanged, no apostrophe added, no formula
anywhere) and through LibreOffice (the literal text, not a computed value). Negative numbers
stay numeric cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.placement import PlacementSpec, compute_placement_cost
from rammedesk.domain.costs.report import ColumnKind, CostReport, ReportTable
from rammedesk.domain.export import rows_from_hits
from rammedesk.domain.portfolio.model import Placement, Portfolio
from rammedesk.domain.portfolio.projection import ProjectionSettings
from rammedesk.domain.portfolio.scenario_json import scenarios_from_json
from rammedesk.domain.portfolio.scenarios import run_scenarios
from rammedesk.domain.search import CurrentTakst
from rammedesk.domain.takstfil import RowError
from rammedesk.domain.vocab import Enhed
from rammedesk.fileio.cost_report_xlsx import write_cost_report_xlsx
from rammedesk.fileio.error_report import write_error_report
from rammedesk.fileio.export_portfolio_xlsx import PortfolioExportMeta, write_projection_xlsx
from rammedesk.fileio.export_xlsx import write_xlsx
from rammedesk.fileio.placement_xlsx import write_cost_report
from rammedesk.fileio.takst_diff_report import write_diff_report
from rammedesk.fileio.xlsx_text import append_row, put_text, put_value
from rammedesk.services.import_report import TakstChange
from tests.unit import export_samples as s
from tests.unit.libreoffice import needs_soffice, sheets_as_csv

LINK = '=HYPERLINK("http://x","y")'
PLUS = "+1+1"
AT = "@SUM(A1)"
DDE = "=cmd|' /C calc'!A0"
HOSTILE = (LINK, PLUS, AT, DDE)
NEGATIVE = Decimal("-1234.5")


# --- the helpers ------------------------------------------------------------------------


def test_put_text_makes_a_string_cell_with_the_text_unchanged() -> None:
    ws = Workbook().active
    for row, text in enumerate((*HOSTILE, "-5", "\t=1+1", "før\x01efter"), start=1):
        put_text(ws.cell(row=row, column=1), text)
    cells = [ws.cell(row=r, column=1) for r in range(1, 8)]
    assert [c.data_type for c in cells] == ["s"] * 7
    assert [c.value for c in cells] == [*HOSTILE, "-5", "\t=1+1", "førefter"]


def test_put_value_keeps_numbers_numbers() -> None:
    ws = Workbook().active
    put_value(ws["A1"], NEGATIVE)
    put_value(ws["A2"], -5)
    put_value(ws["A3"], LINK)
    assert (ws["A1"].data_type, ws["A1"].value) == ("n", NEGATIVE)
    assert (ws["A2"].data_type, ws["A2"].value) == ("n", -5)
    assert (ws["A3"].data_type, ws["A3"].value) == ("s", LINK)


def test_append_row_types_text_as_strings_row_after_row() -> None:
    ws = Workbook().active
    append_row(ws, ("Navn", "Beløb"))
    append_row(ws, (LINK, NEGATIVE, None, "x\x02"))
    append_row(ws, (PLUS, -5))
    assert [(c.value, c.data_type) for c in ws[2]] == [(LINK, "s"), (NEGATIVE, "n"), (None, "n"), ("x", "s")]
    assert [(c.value, c.data_type) for c in ws[3][:2]] == [(PLUS, "s"), (-5, "n")]
    assert ws.max_row == 3


# --- every writer -------------------------------------------------------------------------


def _search_export(path: Path) -> None:
    rows = rows_from_hits(
        [
            s.hit(0, tilbud=LINK, afdeling=PLUS, takst=CurrentTakst(NEGATIVE, "doegn", 2026)),
            s.hit(1, tilbud=AT, afdeling=DDE),
        ],
        {100: LINK},
    )
    write_xlsx(path, rows, replace(s.meta(), query=DDE, title=PLUS))


def _cost_report(path: Path) -> None:
    table = ReportTable(
        "Pr. kommune",
        ("Kommune", "Beløb"),
        tuple((text, NEGATIVE) for text in HOSTILE),
        kinds=(ColumnKind.TEXT, ColumnKind.MONEY),
        totals=(AT, NEGATIVE * 4),
        note=LINK,
    )
    report = CostReport(
        title=LINK,
        municipality=PLUS,
        created=datetime(2026, 11, 23, 14, 5),
        version="0.1.0",
        facts=((AT, DDE),),
        assumptions=(LINK,),
        conventions=(PLUS,),
        pl_rates=(PLRate(2028, Decimal("-1.5"), DDE),),
        pl_note=AT,
        tables=(table,),
    )
    write_cost_report_xlsx(path, report)


def _placement(path: Path) -> None:
    spec = PlacementSpec(
        takst=Decimal(1000), unit=Enhed.DOEGN, start=date(2027, 1, 1), end=date(2027, 3, 31), pl_to_year=2028
    )
    rates = (PLRate(2028, Decimal("-1.5"), LINK), PLRate(2029, Decimal(2), AT))
    result = compute_placement_cost(spec, pl=PLTable(rates))
    write_cost_report(path, result, spec, rates, created=datetime(2026, 11, 23, 14, 5))


def _portfolio(path: Path) -> None:
    placement = Placement(
        "27.15-1",
        Decimal(1000),
        Enhed.DOEGN,
        2027,
        date(2027, 1, 1),
        date(2027, 6, 30),
        tilbud_navn=LINK,
        driftsherre=PLUS,
        paragraf=AT,
        maalgruppe=DDE,
        gruppe=LINK,
    )
    pl = PLTable([PLRate(2028, Decimal("-1.5"), AT)])
    scenarios = scenarios_from_json(
        {"navn": PLUS, "beskrivelse": DDE, "aendringer": [{"type": "takst", "pct": "-10"}]}
    )
    comparison = run_scenarios(
        Portfolio(LINK, placements=(placement,)),
        scenarios,
        ProjectionSettings(date(2027, 1, 1), 12),
        pl,
        CostConventions(),
    )
    meta = PortfolioExportMeta(
        title=LINK, kommune=PLUS, created="23.11.2026 kl. 14.05", version="0.1.0", conventions=(AT,), pl=pl
    )
    write_projection_xlsx(path, comparison, meta)


def _error_report(path: Path) -> None:
    errors = [RowError(LINK, PLUS, 3, "B", AT), RowError("takster.xlsx", DDE, 4, None, LINK)]
    write_error_report(path, errors)


def _diff_report(path: Path) -> None:
    change = TakstChange(PLUS, 2, LINK, AT, DDE, 2026, PLUS, Decimal(1000), NEGATIVE, False, False)
    write_diff_report(path, [change], LINK)


WRITERS: dict[str, Callable[[Path], None]] = {
    "soegning": _search_export,
    "udgiftsrapport": _cost_report,
    "forloeb": _placement,
    "portefoelje": _portfolio,
    "fejlrapport": _error_report,
    "aendringer": _diff_report,
}
# Where each writer puts user text: every one of these must come back exactly.
EXPECTED: dict[str, tuple[str, ...]] = {
    "soegning": HOSTILE,
    "udgiftsrapport": HOSTILE,
    "forloeb": (LINK, AT),
    "portefoelje": HOSTILE,
    "fejlrapport": HOSTILE,
    "aendringer": HOSTILE,
}
HAS_NEGATIVE = {"soegning", "udgiftsrapport", "forloeb", "portefoelje", "aendringer"}


def _write(name: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{name}.xlsx"
    WRITERS[name](path)
    return path


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_hostile_text_is_a_string_cell_exactly_as_given(name: str, tmp_path: Path) -> None:
    wb = load_workbook(_write(name, tmp_path))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [(c.parent.title, c.coordinate, c.value) for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    for text in EXPECTED[name]:
        assert text in texts, text
        assert "'" + text not in texts  # no apostrophe added: the xlsx cell is typed, not escaped
    if name in HAS_NEGATIVE:
        negatives = [c for c in cells if isinstance(c.value, (int, float)) and c.value < 0]
        assert negatives and {c.data_type for c in negatives} == {"n"}


def test_search_export_keeps_the_amount_and_the_provenance_exact(tmp_path: Path) -> None:
    wb = load_workbook(_write("soegning", tmp_path))
    ws = wb["Tilbud"]
    assert (ws["A2"].value, ws["A2"].data_type) == (LINK, "s")
    assert (ws["B2"].value, ws["B2"].data_type) == (PLUS, "s")
    assert (ws["H2"].value, ws["H2"].data_type, ws["H2"].number_format) == (-1234.5, "n", "#,##0.00")
    assert (ws["A3"].value, ws["B3"].value) == (AT, DDE)
    info = {r[0]: r[1] for r in wb["Om udtrækket"].iter_rows(values_only=True) if r[0]}
    assert (info["Søgning"], info["Udtræk"]) == (DDE, PLUS)


@pytest.mark.slow
@needs_soffice
def test_libreoffice_shows_the_literal_text_not_a_result(tmp_path: Path) -> None:
    paths = [_write(name, tmp_path) for name in sorted(WRITERS)]
    sheets = sheets_as_csv(paths, tmp_path)
    for name in WRITERS:
        fields = {f for (stem, _), rows in sheets.items() if stem == name for row in rows for f in row}
        for text in EXPECTED[name]:
            assert text in fields, (name, text)
            assert "'" + text not in fields, (name, text)
        # a formula would have shown its result: the link's label, 2 or an error
        assert not fields & {"y", "Err:508", "#NAME?", "#REF!", "#VALUE!"}, name
        if name in HAS_NEGATIVE:
            assert any(f.startswith("-") and f[1:].replace(".", "").isdigit() for f in fields), name
    tilbud = sheets[("soegning", "Tilbud")]
    assert tilbud[1][:2] == [LINK, PLUS]
    assert tilbud[1][7] == "-1234.5"  # the number, in LibreOffice's own notation
    assert tilbud[2][:2] == [AT, DDE]


def test_portfolio_export_reads_back_with_the_same_names(tmp_path: Path) -> None:
    """The "Anbringelser" sheet is an import file: an apostrophe added on export would stick."""
    from rammedesk.fileio.portfolio_reader import read_portfolio

    (row,) = read_portfolio(_write("portefoelje", tmp_path)).placements
    p = row.placement
    assert (p.tilbud_navn, p.driftsherre, p.paragraf, p.maalgruppe, p.gruppe) == (LINK, PLUS, AT, DDE, LINK)
