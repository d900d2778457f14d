"""Group headings, carried names and totals rows of a takstfil (rules 1 and 3 of takstfil_rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rammedesk.domain.takstfil import ParsedTakstfil
from rammedesk.fileio.takstfil_reader import read_takstfil
from tests.data.xlsx_builder import simple_xlsx

HEADER = ["Tilbud", "Afdeling", "Kommune", "Driftsherre", "Takst 2025 kr. pr. døgn"]


def _read(tmp_path: Path, rows: list[list[Any]]) -> ParsedTakstfil:
    return read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))


def _placed(parsed: ParsedTakstfil) -> list[tuple[object, ...]]:
    return [(t.row, t.tilbud, t.afdeling, t.kommune, t.driftsherre) for t in parsed.takster]


def test_kommune_and_driftsherre_are_not_carried_to_another_tilbud(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", "Hus 1", "Aarhus", "Fonden Skovbrynet", 2000],
            ["Skovbrynet", "Hus 2", None, None, 2100],  # the same tilbud: carried
            ["Engen", "Hus 1", None, None, 2200],  # another tilbud: nothing carried
            ["Bakken", None, "Odense", "Bakken ApS", None],  # a group heading
            [None, "Hus A", None, None, 2300],  # its afdelinger: carried
            [None, "Hus B", None, None, 2400],
            ["Dalen", None, None, None, 2500],  # a new tilbud: not Bakken's kommune
        ],
    )
    assert parsed.errors == ()
    assert _placed(parsed) == [
        (2, "Skovbrynet", "Hus 1", "Aarhus", "Fonden Skovbrynet"),
        (3, "Skovbrynet", "Hus 2", "Aarhus", "Fonden Skovbrynet"),
        (4, "Engen", "Hus 1", None, None),
        (6, "Bakken", "Hus A", "Odense", "Bakken ApS"),
        (7, "Bakken", "Hus B", "Odense", "Bakken ApS"),
        (8, "Dalen", None, None, None),
    ]


def test_a_heading_naming_only_a_kommune_carries_it_to_every_tilbud_below(tmp_path: Path) -> None:
    # A region's file grouped by kommune: the kommune heading holds until the next one.
    parsed = _read(
        tmp_path,
        [
            HEADER,
            [None, None, "Aarhus Kommune", None, None],
            ["Skovbrynet", None, None, None, 2000],
            ["Engen", None, None, None, 2100],
            [None, None, "Odense", None, None],
            ["Bakken", None, None, None, 2200],
        ],
    )
    assert parsed.errors == ()
    assert [(t.tilbud, t.kommune) for t in parsed.takster] == [
        ("Skovbrynet", "Aarhus Kommune"),
        ("Engen", "Aarhus Kommune"),
        ("Bakken", "Odense"),
    ]
