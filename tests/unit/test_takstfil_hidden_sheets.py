"""Sheets hidden in Excel (last year's takster, lookup tables) are listed but never the default."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.fileio.takstfil_reader import (
    fit_remembered,
    propose_mapping,
    read_takstfil,
    sheet_list,
    stream_takstfil,
)
from rammedesk.fileio.takstfil_xlsx import xlsx_sheet_list
from tests.data.hidden_sheets import hidden_first_sheet_xlsx
from tests.data.xlsx_builder import simple_xlsx


@pytest.fixture
def hidden_first(tmp_path: Path) -> Path:
    return hidden_first_sheet_xlsx(tmp_path / "takster.xlsx")


def test_hidden_and_very_hidden_sheets_are_listed_and_marked(hidden_first: Path) -> None:
    listed = sheet_list(hidden_first)
    assert listed.names == ("Takster 2024", "Takster 2025", "Opslag")  # workbook order
    assert listed.hidden == {"Takster 2024", "Opslag"}
    assert listed.visible == ("Takster 2025",)
    assert xlsx_sheet_list(hidden_first) == (listed.names, listed.hidden)


def test_the_default_sheet_is_the_first_visible_one(hidden_first: Path) -> None:
    parsed = read_takstfil(hidden_first)
    assert parsed.sheet == "Takster 2025" and parsed.sheets[0] == "Takster 2024"
    assert [(t.aar, t.beloeb) for t in parsed.takster] == [(2025, Decimal("2000.00"))]
    assert propose_mapping(hidden_first).sheet == "Takster 2025"
    assert stream_takstfil(hidden_first).sheet == "Takster 2025"


def test_a_hidden_sheet_is_read_when_chosen_by_name(hidden_first: Path) -> None:
    old = read_takstfil(hidden_first, sheet="Takster 2024")
    assert [(t.sheet, t.aar, t.beloeb) for t in old.takster] == [("Takster 2024", 2024, Decimal("1000.00"))]
    assert read_takstfil(hidden_first, sheet="Opslag").takster[0].tilbud == "Opslag"  # very hidden


def test_a_remembered_sheet_now_hidden_is_not_the_default(hidden_first: Path) -> None:
    """Last year the takster were on »Takster 2024«; this year's file hides that sheet."""
    remembered = propose_mapping(hidden_first, "Takster 2024")
    assert fit_remembered(hidden_first, remembered).sheet == "Takster 2025"
    assert fit_remembered(hidden_first, remembered, "Takster 2024").sheet == "Takster 2024"


def test_a_file_without_hidden_sheets_lists_none(tmp_path: Path) -> None:
    path = simple_xlsx(tmp_path / "t.xlsx", [["Tilbud", "Takst 2025 kr. pr. døgn"], ["Egebo", 2000]])
    listed = sheet_list(path)
    assert (listed.names, listed.hidden, listed.visible) == (("Takster",), frozenset(), ("Takster",))
    csv = tmp_path / "t.csv"
    csv.write_text("Tilbud;Takst 2025 kr. pr. døgn\nEgebo;2000\n", encoding="utf-8")
    assert sheet_list(csv).hidden == frozenset() and sheet_list(csv).visible == ("t",)
