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


# A row without an amount is a heading only when a row below it takes a value from it; a heading
# no row uses is a data row whose amount was forgotten.

UNUSED = "Beløbet mangler i kolonne E"


def _refusals(parsed: ParsedTakstfil) -> list[tuple[int, str | None]]:
    return sorted((e.row, e.column) for e in parsed.errors)


def test_a_heading_no_row_uses_at_the_end_of_the_sheet_is_a_missing_amount(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", "Hus 1", "Aarhus", None, 2000],
            ["Skovbrynet", "Hus 2", "Aarhus", None, None],  # the amount forgotten, the last row
        ],
    )
    assert _refusals(parsed) == [(3, "E")]
    (error,) = parsed.errors
    assert error.reason.startswith(UNUSED)
    assert "»Individuel pris«" in error.reason and "slet rækken" in error.reason
    assert parsed.rows_read == 2
    assert [t.row for t in parsed.takster] == [2]


def test_a_heading_followed_by_a_row_naming_its_own_values_is_a_missing_amount(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Skovbrynet", "Hus A", "SEL § 107", None, None],  # looks like a heading: amount forgotten
            ["Skovbrynet", "Hus B", "SEL § 107", "Ophold", 2100],
            ["Skovbrynet", "Hus C", "SEL § 107", "Ophold", 2200],
        ],
    )
    assert _refusals(parsed) == [(2, "E")]
    assert parsed.errors[0].reason.startswith(UNUSED)
    assert parsed.rows_read == 3
    assert [t.row for t in parsed.takster] == [3, 4]


def test_a_heading_replaced_by_another_before_any_row_used_it_is_a_missing_amount(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", None, "Aarhus", None, None],  # replaced at once by the next heading
            ["Engen", None, "Odense", None, None],
            [None, "Hus 1", None, None, 2000],
        ],
    )
    assert _refusals(parsed) == [(2, "E")]
    assert [(t.row, t.tilbud, t.kommune) for t in parsed.takster] == [(4, "Engen", "Odense")]
    assert parsed.rows_read == 2


def test_a_used_heading_is_no_refusal_and_no_row_read(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Skovbrynet", "Hus A", "SEL § 107", None, None],
            [None, None, None, "Ophold", 2100],  # takes tilbud, afdeling and paragraf
            [None, None, None, "Aflastning", 2200],
        ],
    )
    assert parsed.errors == ()
    assert parsed.rows_read == 2
    assert [(t.tilbud, t.afdeling, t.paragraf_id) for t in parsed.takster] == [
        ("Skovbrynet", "Hus A", "SEL_107"),
        ("Skovbrynet", "Hus A", "SEL_107"),
    ]


def test_a_heading_used_only_for_its_paragraf_is_a_heading(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            PARAGRAF_HEADER,
            ["Skovbrynet", None, "SEL § 107", None, None],
            ["Skovbrynet", "Hus A", None, "Ophold", 2100],  # names the tilbud, takes the paragraf
        ],
    )
    assert parsed.errors == ()
    assert [t.paragraf_id for t in parsed.takster] == ["SEL_107"]


@pytest.mark.parametrize(
    "inheritor",
    [
        [None, "Hus A", None, "Ophold", "ca. 2000"],  # refused for its amount
        [None, "Hus A", None, "Ophold 010190-1234", 2000],  # refused before it is read (CPR-like)
    ],
)
def test_a_heading_whose_only_row_is_refused_for_another_reason_is_still_a_heading(
    tmp_path: Path, inheritor: list[Any]
) -> None:
    parsed = _read(tmp_path, [PARAGRAF_HEADER, ["Skovbrynet", None, "SEL § 107", None, None], inheritor])
    assert _refusals(parsed) == [(3, "E" if inheritor[4] != 2000 else "D")]
    assert "Beløbet mangler" not in parsed.errors[0].reason
    assert parsed.rows_read == 1


def test_headings_on_several_levels_each_need_a_row_using_them(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            [None, None, "Aarhus", None, None],  # 2: a kommune heading, used by rows 4, 5 and 7
            ["Skovbrynet", None, None, "Fonden", None],  # 3: a tilbud heading, used by rows 4 and 5
            [None, "Hus A", None, None, 2000],
            [None, "Hus B", None, None, 2100],
            ["Engen", None, None, None, None],  # 6: the next row names its own tilbud: forgotten
            ["Bakken", None, None, None, 2200],
            [None, None, "Odense", None, None],  # 8: a kommune heading, replaced unused
            [None, None, "Vejle", None, None],  # 9: used by row 11 (row 10 names its own)
            ["Dalen", None, "Horsens", None, 2300],
            ["Toften", None, None, None, 2400],
        ],
    )
    assert _refusals(parsed) == [(6, "E"), (8, "E")]
    assert all(e.reason.startswith(UNUSED) for e in parsed.errors)
    assert [(t.row, t.tilbud, t.afdeling, t.kommune, t.driftsherre) for t in parsed.takster] == [
        (4, "Skovbrynet", "Hus A", "Aarhus", "Fonden"),
        (5, "Skovbrynet", "Hus B", "Aarhus", "Fonden"),
        (7, "Bakken", None, "Aarhus", None),
        (10, "Dalen", None, "Horsens", None),
        (11, "Toften", None, "Vejle", None),
    ]
    assert parsed.rows_read == 7  # 4–7, 8, 10, 11: the two refused headings are rows read


def test_a_heading_refused_late_names_every_amount_column(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            ["Tilbud", "Afdeling", "Takst 1", "Takst 2", "Takst 3", "Enhed", "År"],
            ["Skovbrynet", "Hus A", None, None, None, None, None],
            ["Skovbrynet", "Hus B", 1000, 2000, 3000, "døgn", 2025],
        ],
    )
    assert _refusals(parsed) == [(2, "C")]
    assert parsed.errors[0].reason.startswith("Beløbet mangler i kolonnerne C, D og E")


def test_a_row_without_amount_naming_nothing_carried_is_not_refused(tmp_path: Path) -> None:
    # A note in a column nobody reads carries nothing: it is neither a heading nor a takst.
    parsed = _read(
        tmp_path,
        [
            ["Tilbud", "Takst 2025 kr. pr. døgn", None, "Noter"],
            ["Skovbrynet", 2000, None, None],
            [None, None, None, "Priserne gælder fra 1. januar"],
        ],
    )
    assert parsed.errors == () and parsed.rows_read == 1


def test_a_heading_refused_late_is_counted_once_when_streamed_in_small_chunks(tmp_path: Path) -> None:
    from rammedesk.fileio.takstfil_reader import stream_takstfil

    rows: list[list[Any]] = [
        HEADER,
        ["Skovbrynet", "Hus 1", None, None, 2000],
        ["Skovbrynet", "Hus 2", None, None, None],  # 3: refused when row 5 names another tilbud
        ["Skovbrynet", "Hus 3", None, None, 2100],
        ["Engen", None, None, None, 2200],
        ["Bakken", "Hus 1", None, None, None],  # 6: refused at the end of the sheet
    ]
    stream = stream_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows), chunk_rows=2)
    chunks = list(stream.chunks())
    assert sum(c.rows_read for c in chunks) == 5
    assert sorted(e.row for c in chunks for e in c.errors) == [3, 6]
    assert [t.row for c in chunks for t in c.takster] == [2, 4, 5]


@pytest.mark.parametrize(
    "note",
    [
        "* Taksterne er inkl. moms",
        "*) Godkendt 1. marts",
        "¹ Ny takst fra 1/7",
        "(1) Foreløbig takst",
        "1) Foreløbig takst",
        "Note: priserne gælder fra 1. januar",
        "Bemærk: ekskl. kørsel",
        "Kilde: Tilbudsportalen",
        "NB! Foreløbige takster",
        "Fodnote 2: se bilag",
    ],
)
def test_a_note_below_or_between_the_rows_is_neither_a_heading_nor_a_missing_amount(
    tmp_path: Path, note: str
) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", None, None, None, "2.000,00*"],
            [note, None, None, None, None],
            [None, "Hus A", None, None, 2100],  # still Skovbrynet's: the note carries nothing
            [note, None, None, None, None],  # the last row
        ],
    )
    assert [(e.row, "fodnotemærke" in e.reason) for e in parsed.errors] == [(2, True)]
    assert [(t.row, t.tilbud, t.afdeling) for t in parsed.takster] == [(4, "Skovbrynet", "Hus A")]
    assert parsed.rows_read == 2


def test_a_row_with_a_marked_name_and_more_names_is_not_a_note(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [HEADER, ["Skovbrynet", "Hus 1", None, None, 2000], ["* Skovbrynet", "Hus 2", "Aarhus", None, None]],
    )
    assert _refusals(parsed) == [(3, "E")]


def _rows_placed(parsed: ParsedTakstfil) -> list[tuple[object, ...]]:
    return [(t.row, t.tilbud, t.afdeling) for t in parsed.takster]


def test_a_refused_heading_still_heads_its_rows_which_are_refused_naming_it(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import ErrorValue

    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Bakken", None, "Odense", None, None],
            [None, "Hus A", None, None, 2300],
            ["Grenen", None, ErrorValue("#REF!", "Ark2!A1"), None, None],  # a heading, refused
            [None, "Hus 1", None, None, 2400],  # Grenen's: never Bakken's
            [None, "Hus 2", None, None, 2500],
            ["Dalen", "Hus X", "Aarhus", None, 2600],  # another tilbud: read as usual
        ],
    )
    assert _rows_placed(parsed) == [(3, "Bakken", "Hus A"), (7, "Dalen", "Hus X")]
    refused = {e.row: e for e in parsed.errors}
    assert sorted(refused) == [4, 5, 6]
    assert "D4" in refused[4].reason or refused[4].column == "C"
    assert "række 4" in refused[5].reason and "række 4" in refused[6].reason


def test_rows_below_a_refused_data_row_take_its_names_not_older_ones(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import ErrorValue

    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Bakken", "Hus A", "Odense", None, 2300],
            ["Grenen", "Hus 1", "Aarhus", None, ErrorValue("#DIV/0!", "1/0")],  # refused: its amount
            [None, "Hus 2", None, None, 2500],  # Grenen's afdeling, in Aarhus
            ["Dalen", ErrorValue("#N/A", "VLOOKUP(1,A:A,2,0)"), "Aarhus", None, 2600],  # unreadable name
            ["Dalen", None, None, None, 2700],  # Dalen's own (no afdeling): read
        ],
    )
    assert [(t.row, t.tilbud, t.afdeling, t.kommune) for t in parsed.takster] == [
        (2, "Bakken", "Hus A", "Odense"),
        (4, "Grenen", "Hus 2", "Aarhus"),
        (6, "Dalen", None, "Aarhus"),
    ]
    assert sorted(e.row for e in parsed.errors) == [3, 5]


def test_a_cpr_like_name_in_a_refused_heading_is_never_carried(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Bo 010203-1234", None, "Odense", None, None],  # refused: CPR-like
            [None, "Hus 1", None, None, 2400],
        ],
    )
    assert parsed.takster == ()
    assert sorted(e.row for e in parsed.errors) == [2, 3]
    assert all("1234" not in e.reason for e in parsed.errors)


def test_a_kommune_heading_in_the_tilbud_column_sets_the_kommune_of_the_rows_below(tmp_path: Path) -> None:
    # Syddanmark/Nordjylland style: "Vejle Kommune" alone in the first column heads its tilbud.
    parsed = read_takstfil(
        simple_xlsx(
            tmp_path / "t.xlsx",
            [
                ["Tilbud", "Afdeling", "Paragraf", "Takst 2025 kr./døgn"],
                ["Vejle Kommune", None, None, None],
                ["Bryggen", "Hus 1", "§ 108", 2100],
                ["Bryggen", "Hus 2", "§ 108", 2150],
                ["Kommune: Kolding", None, None, None],
                ["Bryggen", "Hus 1", "§ 108", 2200],
                ["Bakken", None, None, None],  # a tilbud heading under the kommune
                [None, "Hus A", "§ 107", 2250],
                ["0630 Vejle Kommune", None, None, None],
                ["Engen", None, "§ 108", 2300],
                ["Region Syddanmark", None, None, None],  # names no kommune: ends the section
                ["Kernehuset", None, "§ 108", 2400],
            ],
        )
    )
    assert parsed.errors == ()
    assert [(t.row, t.tilbud, t.afdeling, t.kommune) for t in parsed.takster] == [
        (3, "Bryggen", "Hus 1", "Vejle Kommune"),
        (4, "Bryggen", "Hus 2", "Vejle Kommune"),
        (6, "Bryggen", "Hus 1", "Kolding"),
        (8, "Bakken", "Hus A", "Kolding"),
        (10, "Engen", None, "0630 Vejle Kommune"),
        (12, "Kernehuset", None, None),
    ]


def test_a_tilbud_named_like_a_kommune_is_no_kommune_heading(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Vejle", None, "Odense", None, None],  # a tilbud heading: a bare name is no kommune
            [None, "Hus 1", None, None, 2000],
            ["Atlantis Kommune", None, None, None, None],  # no such kommune: refused, and its rows
            [None, "Hus 1", None, None, 2100],
        ],
    )
    assert _placed(parsed) == [(3, "Vejle", "Hus 1", "Odense", None)]
    assert [(e.row, "ligner en kommuneoverskrift" in e.reason) for e in parsed.errors] == [
        (4, True),
        (5, False),
    ]


def test_names_are_cleaned_of_invisible_characters_and_odd_spaces(tmp_path: Path) -> None:
    # Soft hyphen, NBSP, a decomposed å, tab and line break: one name, written as it reads.
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Å\u00adbo\u00a0Hus", "Hus\u200b 1", "Aabenraa", None, 2100],
            ["A\u030abo  Hus", "Hus\t2", "Aabenraa", None, 2200],
            ["Linje\nskift", "Hus\u2009\u00a03", "Aabenraa", None, 2300],
            ["\ufeffBOM\r\nhuset\u202f", "Hus\u3000 4", "Aabenraa", None, 2400],
        ],
    )
    assert parsed.errors == ()
    assert [(t.tilbud, t.afdeling) for t in parsed.takster] == [
        ("Åbo Hus", "Hus 1"),
        ("Åbo Hus", "Hus 2"),
        ("Linje skift", "Hus 3"),
        ("BOM huset", "Hus 4"),
    ]


KOMMUNE_HEADER = ["Tilbud", "Afdeling", "Takst 2025 kr./døgn"]


def _kommuner(parsed: ParsedTakstfil) -> list[tuple[int, str, str | None]]:
    return [(t.row, t.tilbud, t.kommune) for t in parsed.takster]


def test_kommune_headings_with_more_text_or_a_code_start_a_section(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            KOMMUNE_HEADER,
            ["Vejle Kommune", None, None],
            ["Bryggen", None, 2100],
            ["Kolding Kommune, Socialpsykiatri", None, None],
            ["Åbrinken", "Bo", 2400],
            ["630 - Vejle", None, None],
            ["Engen", None, 2200],
            ["Kolding Kommune – børn og unge", None, None],
            ["Bakken", None, 2300],
            ["630 Vejle", None, None],
            ["Dalen", None, 2350],
            ["Kolding (621)", None, None],
            ["Højen", None, 2450],
        ],
    )
    assert parsed.errors == ()
    assert _kommuner(parsed) == [
        (3, "Bryggen", "Vejle Kommune"),
        (5, "Åbrinken", "Kolding Kommune"),
        (7, "Engen", "630 - Vejle"),
        (9, "Bakken", "Kolding Kommune"),
        (11, "Dalen", "630 Vejle"),
        (13, "Højen", "Kolding (621)"),
    ]


def test_an_unknown_kommune_heading_is_refused_and_so_are_its_rows(tmp_path: Path) -> None:
    # Never filed under the kommune above it.
    parsed = _read(
        tmp_path,
        [
            KOMMUNE_HEADER,
            ["Vejle Kommune", None, None],
            ["Bryggen", None, 2100],
            ["Atlantis Kommune, Socialpsykiatri", None, None],
            ["Åbrinken", "Bo", 2400],
        ],
    )
    assert _kommuner(parsed) == [(3, "Bryggen", "Vejle Kommune")]
    assert [(e.row, "ligner en kommuneoverskrift" in e.reason) for e in parsed.errors] == [
        (4, True),
        (5, False),
    ]
    assert "række 4" in parsed.errors[1].reason


def test_a_kommune_heading_with_a_subtotal_is_a_heading(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            KOMMUNE_HEADER,
            ["Vejle Kommune", None, 4300],
            ["Bryggen", "Hus 1", 2100],
            ["Bryggen", "Hus 2", 2200],
            ["I alt", None, 4300],
        ],
    )
    assert parsed.errors == () and parsed.rows_read == 2
    assert _kommuner(parsed) == [(3, "Bryggen", "Vejle Kommune"), (4, "Bryggen", "Vejle Kommune")]


@pytest.mark.parametrize("total", ["I alt Vejle Kommune", "Total Vejle", "I alt Bryggen", "Total: Vejle"])
def test_a_total_naming_the_kommune_or_tilbud_above_is_a_totals_row(tmp_path: Path, total: str) -> None:
    parsed = _read(
        tmp_path,
        [KOMMUNE_HEADER, ["Vejle Kommune", None, None], ["Bryggen", "Hus 1", 2100], [total, None, 2100]],
    )
    assert parsed.errors == () and parsed.rows_read == 1
    assert _kommuner(parsed) == [(3, "Bryggen", "Vejle Kommune")]


def test_notes_under_the_table_are_skipped(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", "Hus 1", "Aarhus", None, 2000],
            ["Engen", "Hus 1", "Aarhus", None, 2100],
            [None, None, None, None, None],
            ["Takster er godkendt af KKR Syddanmark", None, None, None, None],
            [None, "Alle beløb er i kr. pr. døgn", None, None, None],
            [None, "Spørgsmål rettes til Hanne Jensen, tlf. 7020 3040", None, None, None],
            [None, None, None, None, None],
            [None, "Opdateret 15-11-2024", None, None, None],
        ],
    )
    assert parsed.errors == () and parsed.rows_read == 2
    assert [t.row for t in parsed.takster] == [2, 3]


def test_a_one_cell_unused_heading_between_data_rows_is_still_refused(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Skovbrynet", "Hus 1", "Aarhus", None, 2000],
            ["Bakken", None, None, None, None],  # amount forgotten
            ["Engen", "Hus 1", "Aarhus", None, 2100],
            ["Tekst under tabellen", None, None, None, None],
        ],
    )
    assert _refusals(parsed) == [(3, "E")]
    assert parsed.errors[0].reason.startswith(UNUSED)
    assert parsed.rows_read == 3


def test_a_kommune_name_in_the_afdeling_column_with_an_amount_is_data(tmp_path: Path) -> None:
    parsed = _read(tmp_path, [KOMMUNE_HEADER, ["Bryggen", "Hus 1", 2100], [None, "Vejle Kommune", 2200]])
    assert parsed.errors == () and parsed.rows_read == 2
    assert [(t.row, t.tilbud, t.afdeling) for t in parsed.takster] == [
        (2, "Bryggen", "Hus 1"),
        (3, "Bryggen", "Vejle Kommune"),
    ]


@pytest.mark.parametrize("heading", ["ODENSE", "Odense", "Odense:", "Kommune: Odense"])
def test_a_bare_kommune_name_heading_no_row_uses_as_a_tilbud_is_the_kommune_below(
    tmp_path: Path, heading: str
) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Kolding Kommune", None, None, None, None],
            ["Cc-huset", "Hus 1", None, None, 2000],
            [heading, None, None, None, None],
            ["Dd-huset", "Hus 1", None, None, 2100],  # names its own tilbud: the heading is Odense
            ["Ee-huset", "Hus 1", None, None, 2200],
        ],
    )
    assert parsed.errors == ()
    kommuner = [(t.tilbud, (t.kommune or "").lower().removesuffix(" kommune")) for t in parsed.takster]
    assert kommuner == [("Cc-huset", "kolding"), ("Dd-huset", "odense"), ("Ee-huset", "odense")]


def test_a_tilbud_heading_named_like_a_kommune_heads_the_rows_that_use_it(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        [
            HEADER,
            ["Odense", None, "Vejle", None, None],  # a tilbud called Odense, in Vejle
            [None, "Hus A", None, None, 2300],
        ],
    )
    assert parsed.errors == ()
    assert [(t.tilbud, t.afdeling, t.kommune) for t in parsed.takster] == [("Odense", "Hus A", "Vejle")]
