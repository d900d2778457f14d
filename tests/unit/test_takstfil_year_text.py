"""A year column holding a date written as text ("01-01-2025"): its year, as a date cell gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_values import year_of_date_text
from tests.data.xlsx_builder import simple_xlsx


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("01-01-2025", 2025),
        ("1-1-2025", 2025),
        ("1.1.2025", 2025),
        ("01/07/2024", 2024),
        ("2025-01-01", 2025),
        ("31-12-2026", 2026),
        ("31-02-2025", None),  # no such day
        ("2025/26", None),  # a season, not a date
        ("010125-1234", None),
        ("2025", None),
        ("Skovbrynet", None),
    ],
)
def test_year_of_date_text(text: str, year: int | None) -> None:
    assert year_of_date_text(text) == year


def test_a_danish_date_text_in_the_year_column_gives_its_year(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Tilbud", "Kommune", "År", "Takst", "Enhed"],
        ["A", "Skive", 2025, 2100, "døgn"],
        ["B", "Skive", "01-01-2025", 2200, "døgn"],
        ["C", "Skive", "2024-07-01", 2300, "døgn"],
        ["D", "Skive", "2025/26", 2400, "døgn"],
    ]
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    assert [(t.tilbud, t.aar) for t in parsed.takster] == [("A", 2025), ("B", 2025), ("C", 2024)]
    (error,) = parsed.errors
    assert (error.row, error.column) == (5, "C") and "»2025/26«" in error.reason
