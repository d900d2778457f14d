"""The generic cost report writers: xlsx read back (and through LibreOffice), pdf text."""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.costs.report import (
    ChartSeries,
    ColumnKind,
    CostReport,
    ReportChart,
    ReportTable,
)
from rammedesk.fileio.cost_report_pdf import format_cell, write_cost_report_pdf
from rammedesk.fileio.cost_report_xlsx import ASSUMPTIONS_SHEET, CHART_SHEET, write_cost_report_xlsx

PDFTOTEXT = shutil.which("pdftotext")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def report(*, charts: bool = True, rows: int = 3) -> CostReport:
    years = ReportTable(
        "Pr. år",
        ("År", "Dage", "Udgift (kr.)"),
        tuple((2027 + i, 100 + i, Decimal("250000.5") + i) for i in range(rows)),
        kinds=(ColumnKind.YEAR, ColumnKind.INT, ColumnKind.MONEY),
        totals=(
            "I alt",
            sum(100 + i for i in range(rows)),
            sum(Decimal("250000.5") + i for i in range(rows)),
        ),
        note="Beløb <i alt> & øre.",
    )
    shares = ReportTable(
        "Andele: København/Frederiksberg",  # '/' is not allowed in a sheet name
        ("Kommune", "Andel %", "Beløb"),
        (("Tårnby & Dragør <Ø>", Decimal("12.5"), Decimal("-1234.56")), ("=SUM(A1)", None, Decimal(0))),
        kinds=(ColumnKind.TEXT, ColumnKind.PERCENT, ColumnKind.MONEY),
    )
    chart = ReportChart(
        "Udgift pr. år",
        (ChartSeries("Prognose", (("2027", Decimal(250000)), ("2028", Decimal(300000)))),),
        budget=ChartSeries("Budget", (("2027", Decimal(280000)), ("2028", Decimal(280000)))),
    )
    return CostReport(
        title="Udgift for ét forløb <sag & co>",
        municipality="Ærø Kommune",
        created=datetime(2026, 11, 23, 14, 5),
        version="0.1.0",
        facts=(("Takst", "2.500,00 kr. pr. døgn"), ("Sagsnr.", "S-2026/Å&Ø")),
        assumptions=("Både indskrivnings- og udskrivningsdag betales.", "Takst <netto> & brutto."),
        conventions=("Dage tælles efter den faktiske kalender.",),
        pl_rates=(PLRate(2028, Decimal("3.0"), "KL <skøn> & FL"), PLRate(2029, Decimal("2.5"))),
        pl_note="Basisår 2027, fremskrevet til 2029.",
        tables=(years, shares),
        charts=(chart,) if charts else (),
    )


def test_format_cell_is_danish() -> None:
    assert format_cell(Decimal("1234567.125"), ColumnKind.MONEY) == "1.234.567,13"
    assert format_cell(2027, ColumnKind.YEAR) == "2027"
    assert format_cell(12345, ColumnKind.INT) == "12.345"
    assert format_cell(Decimal("75"), ColumnKind.PERCENT) == "75,0 %"
    assert format_cell(None, ColumnKind.MONEY) == "–"


def test_table_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        ReportTable("x", ("a", "b", "c"), ((1, 2),))


def test_xlsx_numbers_are_numbers_and_assumptions_have_their_sheet(tmp_path: Path) -> None:
    path = write_cost_report_xlsx(tmp_path / "udgift.xlsx", report())
    wb = load_workbook(path)
    assert wb.sheetnames == ["Pr. år", "Andele- København-Frederiksberg", CHART_SHEET, ASSUMPTIONS_SHEET]
    ws = wb["Pr. år"]
    cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row if c.value is not None}
    values = [c.value for c in cells.values()]
    header_row = next(r for (r, col), c in cells.items() if c.value == "Udgift (kr.)")
    first = ws.cell(row=header_row + 1, column=3)
    assert first.value == 250000.5 and first.number_format == "#,##0.00"
    assert ws.cell(row=header_row + 1, column=1).value == 2027
    assert ws.cell(row=header_row + 1, column=1).number_format == "0"
    total = ws.cell(row=header_row + 4, column=3)
    assert ws.cell(row=header_row + 4, column=1).value == "I alt"
    assert total.value == 750004.5 and total.font.b
    assert "Beløb <i alt> & øre." in values
    shares = wb["Andele- København-Frederiksberg"]
    texts = [c.value for row in shares.iter_rows() for c in row if c.value is not None]
    assert "Tårnby & Dragør <Ø>" in texts
    formula_like = next(c for row in shares.iter_rows() for c in row if c.value == "=SUM(A1)")
    assert formula_like.data_type == "s"  # the text as given, never a formula
    assert -1234.56 in texts
    info = [tuple(r) for r in wb[ASSUMPTIONS_SHEET].iter_rows(values_only=True)]
    flat = [v for r in info for v in r if v is not None]
    assert "Ærø Kommune" in flat
    assert "23.11.2026 kl. 14.05" in flat
    assert "Takst <netto> & brutto." in flat
    assert (2028, 3, "KL <skøn> & FL") in [r[:3] for r in info]
    assert "Basisår 2027, fremskrevet til 2029." in flat


def test_xlsx_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "findes-ikke" / "udgift.xlsx"
    from rammedesk.errors import UserError

    with pytest.raises(UserError, match="findes ikke"):
        write_cost_report_xlsx(target, report())
    assert not target.parent.exists()


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed")
def test_libreoffice_reads_the_table(tmp_path: Path) -> None:
    assert SOFFICE is not None
    path = write_cost_report_xlsx(tmp_path / "udgift.xlsx", report())
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with (tmp_path / "out" / "udgift.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";") if any(r)]
    assert ["År", "Dage", "Udgift (kr.)"] in rows
    assert ["2027", "100", "250000.5"] in rows
    assert ["I alt", "303", "750004.5"] in rows


def _pdf_text(path: Path) -> list[str]:
    assert PDFTOTEXT is not None
    done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return [" ".join(page.split()) for page in done.stdout.decode("utf-8").split("\f")[:-1]]


@pytest.mark.skipif(PDFTOTEXT is None and not os.environ.get("CI"), reason="pdftotext is not installed")
def test_pdf_text_header_tables_assumptions_and_pages(tmp_path: Path) -> None:
    path = write_cost_report_pdf(tmp_path / "udgift.pdf", report())
    assert path.read_bytes().startswith(b"%PDF-")
    pages = _pdf_text(path)
    flat = " ".join(pages)
    for text in (
        "Udgift for ét forløb <sag & co>",
        "Ærø Kommune",
        "23.11.2026 kl. 14.05",
        "2.500,00 kr. pr. døgn",
        "250.000,50",
        "750.004,50",
        "-1.234,56",
        "12,5 %",
        "Tårnby & Dragør <Ø>",
        "Takst <netto> & brutto.",
        "KL <skøn> & FL",
        "3,00 %",
        "Basisår 2027, fremskrevet til 2029.",
        "Dage tælles efter den faktiske kalender.",
        "Prognose",
        "Budget",
    ):
        assert text in flat, text
    assert all(page.count("Ærø Kommune") >= 1 for page in pages)
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]


@pytest.mark.skipif(PDFTOTEXT is None and not os.environ.get("CI"), reason="pdftotext is not installed")
def test_long_pdf_numbers_every_page(tmp_path: Path) -> None:
    path = write_cost_report_pdf(tmp_path / "lang.pdf", report(rows=160, charts=False))
    pages = _pdf_text(path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page
        assert "Ærø Kommune" in page


@pytest.mark.skipif(PDFTOTEXT is None and not os.environ.get("CI"), reason="pdftotext is not installed")
def test_pdf_chart_legend_names_every_series_inside_the_page(tmp_path: Path) -> None:
    names = [f"Scenarie {i}: +{i} pladser § 108 fra juli" for i in range(1, 6)]
    points = (("2027", Decimal(250000)), ("2028", Decimal(300000)))
    chart = ReportChart("Scenarier", tuple(ChartSeries(n, points) for n in names))
    path = write_cost_report_pdf(tmp_path / "s.pdf", dataclasses.replace(report(), charts=(chart,)))
    bbox = subprocess.run(
        [PDFTOTEXT or "pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    page_width = float(bbox.split('<page width="', 1)[1].split('"', 1)[0])
    words = [
        (line.split(">", 1)[1].split("<", 1)[0], float(line.split('xMax="', 1)[1].split('"', 1)[0]))
        for line in bbox.splitlines()
        if line.strip().startswith("<word")
    ]
    for i in range(1, 6):
        placed = [x_max for word, x_max in words if word == f"{i}:"]
        assert placed, f"Scenarie {i} is missing from the legend"
        assert all(x_max <= page_width for x_max in placed), f"Scenarie {i} is outside the page"
