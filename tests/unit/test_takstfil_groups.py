"""Group headings, carried names and totals rows of a takstfil (rules 1 and 3 of takstfil_rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


PARAGRAF_HEADER = ["Tilbud", "Afdeling", "Paragraf", "Ydelse", "Takst 2025 kr. pr. døgn"]


def test_a_heading_giving_a_paragraf_carries_it_to_its_rows(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Engen", "Hus 1", "SEL § 108", "Ophold", 1800],
            ["Skovbrynet", None, "SEL § 107", None, None],  # a group heading, not a missing amount
            [None, "Hus 1", None, "Ophold", 2000],
            [None, "Hus 2", "SEL § 108", "Ophold", 2100],  # its own paragraf
            [None, "§ 85 Hus", None, "Ophold", 2150],  # a paragraf in its own name
            ["Dalen", None, None, "Ophold", 2200],  # another tilbud: nothing carried
            ["Bakken", None, None, None, None],
            [None, "Hus A", "SEL § 107", None, None],  # an afdeling heading
            [None, "Hus A", None, "Ophold", 2300],
            [None, "Hus B", None, "Ophold", 2400],  # another afdeling: not Hus A's paragraf
        ],
    )
    assert parsed.errors == ()
    assert [(t.row, t.tilbud, t.afdeling, t.paragraf_id) for t in parsed.takster] == [
        (2, "Engen", "Hus 1", "SEL_108"),
        (4, "Skovbrynet", "Hus 1", "SEL_107"),
        (5, "Skovbrynet", "Hus 2", "SEL_108"),
        (6, "Skovbrynet", "§ 85 Hus", "SEL_85"),
        (7, "Dalen", None, None),
        (10, "Bakken", "Hus A", "SEL_107"),
        (11, "Bakken", "Hus B", None),
    ]


def test_a_heading_naming_only_a_paragraf_holds_for_every_tilbud_below(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            [None, None, "SEL § 107", None, None],
            ["Engen", None, None, "Ophold", 1800],
            ["Skovbrynet", None, None, "Ophold", 1900],
            [None, None, "SEL § 108", None, None],
            ["Dalen", None, None, "Ophold", 2000],
        ],
    )
    assert parsed.errors == ()
    assert [t.paragraf_id for t in parsed.takster] == ["SEL_107", "SEL_107", "SEL_108"]


def test_a_headings_unknown_paragraf_refuses_it_and_its_rows_naming_the_heading(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Skovbrynet", None, "§ 999x", None, None],
            [None, "Hus 1", None, "Ophold", 2000],
            [None, "Hus 2", "SEL § 108", "Ophold", 2100],  # its own paragraf: fine
            ["Dalen", None, None, "Ophold", 2200],
        ],
    )
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "C"), (3, "C")]
    assert "»§ 999x« kendes ikke" in parsed.errors[0].reason
    assert "række 2" in parsed.errors[1].reason
    assert [(t.row, t.tilbud, t.paragraf_id) for t in parsed.takster] == [
        (4, "Skovbrynet", "SEL_108"),
        (5, "Dalen", None),
    ]


def test_a_row_without_amount_naming_a_ydelse_is_still_refused(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Skovbrynet", None, "SEL § 107", "Ophold", None],
            ["Skovbrynet", None, None, None, 2000],
        ],
    )
    assert [(e.row, e.column, "Beløbet mangler" in e.reason) for e in parsed.errors] == [(2, "E", True)]


TOTALS_HEADER = ["Tilbud", "Afdeling", "Ydelse", "Kommune", "Takst 2025 kr. pr. døgn"]


@pytest.mark.parametrize(
    "line",
    [
        ["I alt", None, None, None, 9999],
        ["Total", None, None, None, 9999],
        ["Sum", None, None, None, 9999],
        ["Gns.", None, None, None, 9999],
        ["Gennemsnit", None, None, None, 9999],
        ["I alt for Skovbrynet", None, None, None, 9999],
        ["I alt (Skovbrynet)", None, None, None, 9999],
        ["Total: Skovbrynet", None, None, None, 9999],
        ["Total 2025", None, None, None, 9999],
        ["I alt fratrukket moms", None, None, None, 9999],
        ["Skovbrynet i alt", None, None, None, 9999],
        ["Skovbrynet, total", None, None, None, 9999],
        ["Skovbrynet", "I alt for Skovbrynet", None, None, 9999],
        ["Skovbrynet", "Skovbrynet i alt", None, None, 9999],
        ["Skovbrynet", None, "Takst i alt", "Aarhus", 9999],  # exactly a totals phrase
        ["Skovbrynet", "Hus 1", "I alt", "Aarhus", 9999],
        ["Skovbrynet", "Total", None, None, 9999],
    ],
)
def test_totals_rows_are_skipped(tmp_path: Path, line: list[Any]) -> None:
    parsed = _read(tmp_path, [TOTALS_HEADER, ["Skovbrynet", "Hus 1", "Ophold", "Aarhus", 2000], line])
    assert parsed.errors == () and parsed.rows_read == 1
    assert [t.row for t in parsed.takster] == [2]


@pytest.mark.parametrize(
    ("line", "tilbud", "afdeling"),
    [
        (["Total Omsorg ApS", None, None, None, 2100], "Total Omsorg ApS", None),
        (["Sum-Huset", None, None, None, 2100], "Sum-Huset", None),
        (["Gns. Bosted", None, None, None, 2100], "Gns. Bosted", None),
        (["I alt-huset", None, None, None, 2100], "I alt-huset", None),
        (["Totalt Tryg", None, None, None, 2100], "Totalt Tryg", None),
        (["Summen", None, None, None, 2100], "Summen", None),
        (["Skovbrynet", "Sum-Huset", "Ophold", None, 2100], "Skovbrynet", "Sum-Huset"),
        # A subtotal-like name among key columns that are filled is data.
        (["Skovbrynet i alt", "Hus 2", "Ophold", None, 2100], "Skovbrynet i alt", "Hus 2"),
        (["I alt for unge", "Hus 2", None, None, 2100], "I alt for unge", "Hus 2"),
    ],
)
def test_names_beginning_with_a_totals_word_are_data(
    tmp_path: Path, line: list[Any], tilbud: str, afdeling: str | None
) -> None:
    parsed = _read(tmp_path, [TOTALS_HEADER, ["Skovbrynet", "Hus 1", "Ophold", "Aarhus", 2000], line])
    assert parsed.errors == () and parsed.rows_read == 2
    assert (parsed.takster[-1].row, parsed.takster[-1].tilbud, parsed.takster[-1].afdeling) == (
        3,
        tilbud,
        afdeling,
    )
