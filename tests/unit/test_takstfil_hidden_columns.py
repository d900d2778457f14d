"""Amount columns hidden in Excel (last year's takster kept out of sight) are proposed as ignored."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from rammedesk.domain.takstfil import Field
from rammedesk.fileio.takstfil_reader import propose_mapping, read_takstfil


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tilbud", "Kommune", "Takst 2023", "Takst 2024", "Takst 2025 kr. pr. døgn"])
    ws.append(["Egebo", "Aarhus", 1, 2, 2300])  # junk in the hidden columns: never read
    ws.column_dimensions["C"].hidden = True
    ws.column_dimensions["D"].hidden = True
    wb.save(path)
    return path


def test_hidden_amount_columns_are_proposed_as_ignored_and_never_refuse_the_row(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx")
    mapping = propose_mapping(path)
    assert mapping.columns["C"] is Field.IGNORE and mapping.columns["D"] is Field.IGNORE
    assert mapping.columns["E"] is Field.BELOEB and mapping.columns["A"] is Field.TILBUD
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    assert [(t.tilbud, t.aar, t.beloeb) for t in parsed.takster] == [("Egebo", 2025, Decimal(2300))]


def test_a_visible_sheet_keeps_every_amount_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tilbud", "Kommune", "Takst 2024 kr. pr. døgn", "Takst 2025 kr. pr. døgn"])
    ws.append(["Egebo", "Aarhus", 2200, 2300])
    ws.column_dimensions["B"].width = 30  # a <col> element that hides nothing
    wb.save(tmp_path / "v.xlsx")
    assert [t.aar for t in read_takstfil(tmp_path / "v.xlsx").takster] == [2024, 2025]
