"""Unit spellings in takstfiler (domain/units.py) and the refusal of a unit RammeDesk does not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from rammedesk.domain.units import parse_unit, unsupported_unit
from rammedesk.domain.vocab import Enhed
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.fileio.takstfil_values import unit_cell
from tests.data.xlsx_builder import simple_xlsx


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("dag(e)", Enhed.DAG),
        ("Dag(e)", Enhed.DAG),
        ("time(r)", Enhed.TIME),
        ("pr. påbegyndt time", Enhed.TIME),
        ("kr. pr. påbegyndt time", Enhed.TIME),
        ("pr. hele døgn", Enhed.DOEGN),
        ("døgn", Enhed.DOEGN),
        ("pr. uge", None),
        ("år", None),
    ],
)
def test_unit_cells(text: str, unit: Enhed | None) -> None:
    assert unit_cell(text) == unit


def test_parse_unit_still_wants_one_unit() -> None:
    assert parse_unit("dag og nat") is None
    assert parse_unit("dag(e)") is Enhed.DAG


@pytest.mark.parametrize(
    ("text", "cell", "named"),
    [
        ("år", True, "år"),
        ("pr. år", True, "år"),
        ("pr. uge", True, "uge"),
        ("pr. kvartal", True, "kvartal"),
        ("Årstakst 2025", False, "år"),
        ("Ugetakst", False, "uge"),
        ("Takst kr./år", False, "år"),
        ("Takst for år 2025", False, None),  # a header word "år" is no unit
        ("døgn", True, None),
        ("Bofællesskab", True, None),
    ],
)
def test_unsupported_unit(text: str, cell: bool, named: str | None) -> None:
    assert unsupported_unit(text, cell=cell) == named


def test_a_yearly_column_refuses_its_row_saying_the_unit_is_not_supported(tmp_path: Path) -> None:
    header = ["Tilbud", "Kommune", "Månedstakst 2025", "Årstakst 2025", "Timepris 2025"]
    parsed = read_takstfil(
        simple_xlsx(tmp_path / "t.xlsx", [header, ["Enhedsordhuset", "Ringsted", 73964, 1510239, 417]])
    )
    assert parsed.takster == ()
    (error,) = parsed.errors
    assert (error.row, error.column) == (2, "D")
    assert "enheden år, som ikke understøttes" in error.reason
    assert "bruges ikke" in error.reason  # how to import the row's other takster
    assert "skriv enheden i kolonneoverskriften" not in error.reason


def test_an_unsupported_unit_cell_is_named_as_such(tmp_path: Path) -> None:
    header = ["Tilbud", "Kommune", "Enhed", "Takst 2025"]
    parsed = read_takstfil(
        simple_xlsx(
            tmp_path / "t.xlsx",
            [
                header,
                ["A", "Ringsted", "pr. uge", 5000],
                ["B", "Ringsted", "dag(e)", 900],
                ["C", "Ringsted", "xyz", 9],
            ],
        )
    )
    assert [(t.tilbud, t.enhed) for t in parsed.takster] == [("B", Enhed.DAG)]
    first, second = parsed.errors
    assert (first.row, first.column) == (2, "C")
    assert "»pr. uge«" in first.reason and "understøttes ikke" in first.reason
    assert (second.row, second.column) == (4, "C") and "kendes ikke" in second.reason
