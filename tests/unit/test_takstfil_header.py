"""Title-block years and two-row headers (fileio/takstfil_header.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.fileio.takstfil_header import title_info
from rammedesk.fileio.takstfil_reader import read_takstfil
from tests.data.xlsx_builder import simple_xlsx


@pytest.mark.parametrize(
    ("title", "year"),
    [
        # the takst year beside a period of the rammeaftale
        ([["Rammeaftale 2023-2026 / Takster 2025"]], 2025),
        ([["Rammeaftale 2023–2026"], ["Takster 2025"]], 2025),
        ([["Rammeaftale 2023/24"], ["Takstoversigt 2025"]], 2025),
        ([["Takster for 2025 (rammeaftale 2023-2026)"]], 2025),
        ([["Takster pr. 1. januar 2025"]], 2025),
        ([["Takster i kr. pr. døgn, pr. 1/1 2024"]], 2024),
        ([["Oversigt for år 2026"]], 2026),
        ([["Takstår:", 2025]], 2025),
        # a printed/updated date is not the takst year
        ([["Takstoversigt"], ["Udskrevet 03-11-2024"]], None),
        ([["Takster 2025"], ["Udskrevet 03-11-2024"]], 2025),
        ([["Takster 2025 (opdateret 3.11.2024)"]], 2025),
        ([["Takster 2025"], ["Printed", "2024"]], 2025),
        ([["Takster 2025"], ["Dato:", "1. november 2024"]], 2025),
        ([["Takstoversigt", datetime(2024, 11, 3)]], None),
        ([["Takster 2025", date(2024, 11, 3)]], 2025),
        ([["Oversigt"], ["3.11.2024"]], None),
        # a range alone says no year
        ([["Rammeaftale 2023-2026"]], None),
        # two takst years that disagree: no guess
        ([["Takster 2024"], ["Takster 2025"]], None),
        ([["Rammeaftale 2024", "Region 2025"]], None),
        # still read: one plain year
        ([["Takstoversigt – Region Midtjylland 2024"]], 2024),
        ([["Takster 2025 ekskl. moms"]], 2025),
    ],
)
def test_title_year(title: list[list[object]], year: int | None) -> None:
    assert title_info(title).year == year


def test_title_as_of_ignores_a_printed_date() -> None:
    info = title_info([["Takster pr. 1/1 2025"], ["Udskrevet 03-11-2024"]])
    assert info.as_of == date(2025, 1, 1)
    assert title_info([["Takster"], ["Udskrevet 03-11-2024"]]).as_of is None


def test_title_year_in_a_workbook(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Rammeaftale 2023-2026"],
            ["Takster 2025, kr. pr. døgn"],
            ["Udskrevet 03-11-2024"],
            ["Tilbud", "Takst"],
            ["Koglen", "2.500"],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    assert [(t.tilbud, t.aar, t.beloeb) for t in parsed.takster] == [("Koglen", 2025, Decimal(2500))]


def test_disagreeing_title_years_ask_for_the_year(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [["Takster 2024"], ["Takster 2025"], ["Tilbud", "Takst kr./døgn"], ["Koglen", "2.500"]],
    )
    parsed = read_takstfil(path)
    assert parsed.takster == ()
    assert parsed.errors and "Året for taksten mangler" in parsed.errors[0].reason
    assert [t.aar for t in read_takstfil(path, year=2025).takster] == [2025]
