"""Title-block years and two-row headers (fileio/takstfil_header.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.domain.takstfil import Field
from rammedesk.domain.vocab import Enhed, TakstArt
from rammedesk.fileio.takstfil_header import load_synonyms, match_field, title_info
from rammedesk.fileio.takstfil_reader import propose_mapping, read_takstfil
from tests.data.xlsx_builder import Cell, simple_xlsx


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
        ([["Takster 2024 og 2025"]], None),
        # a price level or an approval date beside the takst year is not another takst year
        ([["Takster 2025 (prisniveau 2024)"]], 2025),
        ([["Takster 2025 – godkendt i KKR 12. juni 2024"]], 2025),
        ([["Takster for rammeaftaleåret 2025"]], 2025),
        ([["Rammeaftale 2024", "Region 2025"]], None),
        # still read: one plain year
        ([["Takstoversigt – Region Midtjylland 2024"]], 2024),
        ([["Takster 2025 ekskl. moms"]], 2025),
    ],
)
def test_title_year(title: list[list[object]], year: int | None) -> None:
    assert title_info(title).year == year


def test_the_as_of_date_still_comes_from_an_updated_stamp() -> None:
    # --as-of defaults to a date the title block states, "Opdateret 01-11-2024" too (docs/cli.md)
    info = title_info([["Takster 2025"], ["Opdateret 01-11-2024"]])
    assert (info.year, info.as_of) == (2025, date(2024, 11, 1))


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


def _two_row(tmp_path: Path, top: list[Cell], sub: list[Cell], merged: tuple[str, ...]) -> Path:
    data: list[Cell] = ["Center Nord", "Døgnophold"]
    data += [str(1000 + 10 * i) for i in range(len(sub) - 2)]
    rows: Any = [["Takster, kr. pr. døgn"], top, sub, data]
    return simple_xlsx(tmp_path / "t.xlsx", rows, merged=merged)


@pytest.mark.parametrize(
    ("subs", "fields"),
    [
        (["Basis", "Ydelse"], [Field.BASISTAKST, Field.YDELSESTAKST]),
        (["Basistakst", "Ydelsestakst"], [Field.BASISTAKST, Field.YDELSESTAKST]),
        (["Basis kr./døgn", "Ydelse kr./time"], [Field.BASISTAKST, Field.YDELSESTAKST]),
        (["Grundtakst", "Ydelser"], [Field.BASISTAKST, Field.YDELSESTAKST]),
        # a tillæg amount has no column kind of its own: proposed ignored, never a samlet takst
        (["Grundtakst", "Tillæg"], [Field.BASISTAKST, Field.IGNORE]),
    ],
)
def test_sub_headers_under_an_amount_header_are_amount_kinds(
    tmp_path: Path, subs: list[str], fields: list[Field]
) -> None:
    for heading in ("Takst 2024", "2024", "Takster 2024 kr."):
        path = _two_row(tmp_path, ["Tilbud", "Ydelse", heading, None], [None, None, *subs], ("C2:D2",))
        m = propose_mapping(path)
        assert m.header_row == 3
        assert [m.columns[c] for c in "ABCD"] == [Field.TILBUD, Field.YDELSE, *fields]
        amounts = [c for c, f in zip("CD", fields, strict=True) if f is not Field.IGNORE]
        assert m.years == dict.fromkeys(amounts, 2024)


def test_three_years_each_over_basis_and_ydelse(tmp_path: Path) -> None:
    top: list[Cell] = ["Tilbud", "Ydelse", "Takst 2023", None, "Takst 2024", None, "Takst 2025", None]
    sub: list[Cell] = [None, None, *(["Basis", "Ydelse"] * 3)]
    path = _two_row(tmp_path, top, sub, ("C2:D2", "E2:F2", "G2:H2"))
    parsed = read_takstfil(path)
    m = parsed.mapping
    assert [m.columns[c] for c in "CDEFGH"] == [Field.BASISTAKST, Field.YDELSESTAKST] * 3
    assert m.years == {"C": 2023, "D": 2023, "E": 2024, "F": 2024, "G": 2025, "H": 2025}
    assert parsed.errors == ()
    got = [(t.column, t.ydelse, t.art, t.aar, t.beloeb) for t in parsed.takster]
    assert got[:2] == [
        ("C", "Døgnophold", TakstArt.BASIS, 2023, Decimal(1000)),
        ("D", "Døgnophold", TakstArt.YDELSE, 2023, Decimal(1010)),
    ]
    assert [t.art for t in parsed.takster] == [TakstArt.BASIS, TakstArt.YDELSE] * 3


def test_csv_year_heading_over_basis_and_ydelse(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Tilbud;Takst 2024;\r\n;Basis;Ydelse\r\nCenter Nord;3.187;402\r\n", encoding="utf-8")
    m = propose_mapping(path)
    assert [m.columns[c] for c in "ABC"] == [Field.TILBUD, Field.BASISTAKST, Field.YDELSESTAKST]
    assert m.years == {"B": 2024, "C": 2024}


@pytest.mark.parametrize(
    ("rows", "merged"),
    [
        # a title over the whole header is no amount heading: "Ydelse" stays the ydelse's name
        ([["Takster 2025", None, None], ["Tilbud", "Ydelse", "Takst"]], ("A1:C1",)),
        ([["Takster 2025"], ["Ydelse", "Tilbud", "Takst"]], ()),
    ],
)
def test_a_title_over_the_header_does_not_make_ydelse_an_amount(
    tmp_path: Path, rows: list[list[Cell]], merged: tuple[str, ...]
) -> None:
    table: Any = [*rows, ["Center Nord", "Døgnophold", "2.500"]]
    path = simple_xlsx(tmp_path / "t.xlsx", table, merged=merged)
    m = propose_mapping(path)
    assert sorted(f for f in m.columns.values()) == sorted([Field.TILBUD, Field.YDELSE, Field.BELOEB])


@pytest.mark.parametrize(
    "header",
    [
        "Forskel i kr.",
        "Forskel 2024/2025 i kr.",
        "Ændring i %",
        "Ændring i kr.",
        "Difference",
        "Difference kr.",
        "Difference i takst 2025",
        "Stigning i kr.",
        "Stigningen i takst",
    ],
)
def test_a_difference_is_no_amount(header: str) -> None:
    assert match_field(header, load_synonyms()) in (None, Field.IGNORE)


def test_a_difference_column_beside_the_takster_is_ignored(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster i kr. pr. døgn"],
            ["Tilbud", "Takst 2024", "Takst 2025", "Forskel i kr.", "Ændring i %"],
            ["Koglen", "2.400", "2.500", "100", "4,2"],
        ],
    )
    parsed = read_takstfil(path)
    assert [parsed.mapping.columns[c] for c in "DE"] == [Field.IGNORE, Field.IGNORE]
    assert parsed.errors == ()
    assert [(t.column, t.aar) for t in parsed.takster] == [("B", 2024), ("C", 2025)]


@pytest.mark.parametrize(
    ("subs", "fields"),
    [
        (["Basis", "Ydelse", "I alt"], [Field.BASISTAKST, Field.YDELSESTAKST, Field.BELOEB]),
        (["Basis", "Ydelse", "Ændring i %"], [Field.BASISTAKST, Field.YDELSESTAKST, Field.IGNORE]),
        (["Basis", "Ydelse", "Børn- og ungetillæg"], [Field.BASISTAKST, Field.YDELSESTAKST, Field.IGNORE]),
    ],
)
def test_amount_heading_over_three_sub_headers(tmp_path: Path, subs: list[str], fields: list[Field]) -> None:
    path = _two_row(tmp_path, ["Tilbud", "Ydelse", "Takst 2024", None, None], [None, None, *subs], ("C2:E2",))
    m = propose_mapping(path)
    assert [m.columns[c] for c in "ABCDE"] == [Field.TILBUD, Field.YDELSE, *fields]


# The first data row is never the second row of a two-row header: a row holding an amount (a
# number, or amount text under an amount header: "459,50", "kr. 417", "Individuel pris") is
# data. Layouts as outside testers sent them, amounts written as text.
_FIRST_ROW_LOOKS_LIKE_HEADER = [
    (
        ["Tilbud", "Kommune", "Ydelse", "Enhed", "Takst 2023"],
        [
            ["Bostøtten", "Vejle", "Grundtakst", "kr./dag", "459,50"],
            ["Bostøtten", "Vejle", "Bostøtte", "kr./time", "370,15"],
            ["Bostøtten", "Vejle", "Nattevagt", "kr./dag", "215,00"],
        ],
        [Field.TILBUD, Field.KOMMUNE, Field.YDELSE, Field.ENHED, Field.BELOEB],
    ),
    (
        ["Tilbud", "Kommune", "Ydelse", "Type", "Enhed", "Takst 2025"],
        [
            ["Førstehuset", "Horsens", "Døgnophold", "Basistakst", "kr./døgn", "2.950"],
            ["Førstehuset", "Horsens", "Støtte", "Ydelsestakst", "kr./time", "402"],
            ["Førstehuset", "Horsens", "Nattevagt", "Tillæg", "kr./døgn", "1.150"],
        ],
        [Field.TILBUD, Field.KOMMUNE, Field.YDELSE, Field.ART, Field.ENHED, Field.BELOEB],
    ),
    (
        ["Tilbud", "Kommune", "Takstniveau", "Art", "Takst 2025", "Enhed"],
        [
            ["Niveauhuset", "Norddjurs", "A", "Basis", "1.900", "døgn"],
            ["Niveauhuset", "Norddjurs", "B", "Basis", "2.400", "døgn"],
            ["Niveauhuset", "Norddjurs", "A", "ydelsestakst", "350", "time"],
        ],
        [Field.TILBUD, Field.KOMMUNE, Field.NIVEAU, Field.ART, Field.BELOEB, Field.ENHED],
    ),
    (
        ["Tilbud", "Kommune", "Ydelse", "Type", "Paragraf", "Enhed", "Takst 2025"],
        [
            ["Kildehuset", "Horsens", "Døgnophold", "Basistakst", "§ 108", "kr./døgn", "2.950"],
            ["Kildehuset", "Horsens", "Tillæg: 1:1 støtte", "Tillæg", "§ 108", "pr. time", "417"],
            ["Kildehuset", "Horsens", "Kørsel", "Tillæg", None, "km", "3,79"],
        ],
        [Field.TILBUD, Field.KOMMUNE, Field.YDELSE, Field.ART, Field.PARAGRAF, Field.ENHED, Field.BELOEB],
    ),
    # amount text a parser reads under the amount header, not only plain digits
    (
        ["Tilbud", "Ydelse", "Enhed", "Takst 2025"],
        [["Koglen", "Grundtakst", "døgn", "kr. 417"], ["Koglen", "Støtte", "time", "450"]],
        [Field.TILBUD, Field.YDELSE, Field.ENHED, Field.BELOEB],
    ),
    (
        ["Tilbud", "Ydelse", "Enhed", "Takst 2025"],
        [["Koglen", "Basistakst", "døgn", "Individuel pris"], ["Koglen", "Støtte", "time", "450"]],
        [Field.TILBUD, Field.YDELSE, Field.ENHED, Field.BELOEB],
    ),
]


@pytest.mark.parametrize(("header", "rows", "fields"), _FIRST_ROW_LOOKS_LIKE_HEADER)
def test_the_first_data_row_is_never_part_of_the_header(
    tmp_path: Path, header: list[Cell], rows: list[list[Cell]], fields: list[Field]
) -> None:
    path = simple_xlsx(tmp_path / "t.xlsx", [header, *rows])
    parsed = read_takstfil(path)
    assert parsed.mapping.header_row == 1
    assert [parsed.mapping.columns[col] for col in "ABCDEFG"[: len(fields)]] == fields
    assert parsed.errors == ()
    assert sorted({t.row for t in parsed.takster}) == [2, 3, 4][: len(rows)]


def test_the_first_data_row_of_a_csv_is_never_part_of_the_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Tilbud;Kommune;Ydelse;Enhed;Takst 2023\r\n"
        "Bostøtten;Vejle;Grundtakst;kr./dag;459,50\r\n"
        "Bostøtten;Vejle;Bostøtte;kr./time;370,15\r\n",
        encoding="utf-8",
    )
    parsed = read_takstfil(path)
    assert parsed.mapping.header_row == 1 and parsed.errors == ()
    got = [(t.ydelse, t.beloeb, t.enhed.value) for t in parsed.takster]
    assert got == [("Grundtakst", Decimal("459.50"), "dag"), ("Bostøtte", Decimal("370.15"), "time")]


@pytest.mark.parametrize("years", [["2023", "2024"], [2023, 2024]])
def test_years_under_a_takst_heading_still_make_a_two_row_header(tmp_path: Path, years: list[Cell]) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster i kr. pr. døgn"],
            ["Tilbud", "Ydelse", "Takst", None],
            [None, None, *years],
            ["Koglen", "Døgnophold", "2.400,50", "2.500"],
        ],
        merged=("C2:D2",),
    )
    parsed = read_takstfil(path)
    assert parsed.mapping.header_row == 3
    assert parsed.mapping.years == {"C": 2023, "D": 2024}
    assert parsed.errors == ()
    assert [(t.aar, t.beloeb) for t in parsed.takster] == [(2023, Decimal("2400.50")), (2024, Decimal(2500))]


def test_a_first_data_row_without_amount_does_not_turn_a_named_column_into_amounts(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Tilbud", "Kommune", "Ydelse", "Type", "Enhed", "Takst 2025"],
            ["Førstehuset", "Horsens", "Døgnophold", "Basistakst", "kr./døgn", None],
            ["Førstehuset", "Horsens", "Støtte", "Ydelsestakst", "kr./time", "402"],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.mapping.header_row == 1
    assert [parsed.mapping.columns[c] for c in "CDF"] == [Field.YDELSE, Field.ART, Field.BELOEB]
    assert [(t.row, t.ydelse, t.art) for t in parsed.takster] == [(3, "Støtte", TakstArt.YDELSE)]
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "F")]
    assert "Beløbet mangler" in parsed.errors[0].reason


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ([["Takster i kr. pr. døgn"]], "doegn"),
        ([["Takster pr. døgn"], ["Alle beløb i kr./døgn"]], "doegn"),
        # a title naming two units says none: the header or the row must
        ([["Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time"]], None),
        ([["Takster 2025"], ["Døgntilbud: kr./døgn", "Bostøtte: kr./time"]], None),
    ],
)
def test_a_title_naming_two_units_gives_no_unit(title: list[list[object]], unit: str | None) -> None:
    found = title_info(title).unit
    assert (found.value if found else None) == unit


def _ydelse_over_basis_and_ydelse(tmp_path: Path, subs: list[Cell], title: str) -> Path:
    rows: Any = [
        ["Prisstruktur 2025 – Region Syddanmark"],
        [title],
        ["Tilbud", "Kommune", "Paragraf", "Døgnophold", None, "Aflastning", None],
        [None, None, None, *subs, *subs],
        ["Ungehuset Fyn", "Svendborg", "§ 107", "2.500", "900", "2.100", "700"],
    ]
    return simple_xlsx(tmp_path / "t.xlsx", rows, merged=("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3"))


def test_a_ydelse_heading_over_basis_and_ydelse_names_one_ydelse(tmp_path: Path) -> None:
    path = _ydelse_over_basis_and_ydelse(
        tmp_path, ["Basistakst kr./døgn", "Ydelsestakst kr./time"], "Takster"
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = [(t.column, t.ydelse, t.art, t.enhed.value, t.beloeb) for t in parsed.takster]
    assert got == [
        ("D", "Døgnophold", TakstArt.BASIS, "doegn", Decimal(2500)),
        ("E", "Døgnophold", TakstArt.YDELSE, "time", Decimal(900)),
        ("F", "Aflastning", TakstArt.BASIS, "doegn", Decimal(2100)),
        ("G", "Aflastning", TakstArt.YDELSE, "time", Decimal(700)),
    ]


def test_one_ydelse_heading_over_basis_and_ydelse_names_the_ydelse(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster 2025"],
            ["Tilbud", "Døgnophold", None],
            [None, "Basis kr./døgn", "Ydelse kr./time"],
            ["Ungehuset Fyn", "2.500", "900"],
        ],
        merged=("B2:C2",),
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = [(t.ydelse, t.art, t.enhed.value) for t in parsed.takster]
    assert got == [("Døgnophold", TakstArt.BASIS, "doegn"), ("Døgnophold", TakstArt.YDELSE, "time")]


def test_a_title_naming_two_units_unpaired_leaves_the_unit_to_the_header(tmp_path: Path) -> None:
    # "Døgntilbud: kr./døgn, bostøtte: kr./time": no takst kind per unit, never every takst per døgn
    title = "Døgntilbud i kr. pr. døgn, bostøtte i kr. pr. time"
    path = _ydelse_over_basis_and_ydelse(tmp_path, ["Basistakst", "Ydelsestakst"], title)
    parsed = read_takstfil(path)
    assert parsed.takster == ()
    assert [e.column for e in parsed.errors] == ["D", "E", "F", "G"]
    assert all("Enheden mangler" in e.reason for e in parsed.errors)


_B, _Y, _T, _S = TakstArt.BASIS, TakstArt.YDELSE, TakstArt.TILLAEG, TakstArt.SAMLET


@pytest.mark.parametrize(
    ("title", "units"),
    [
        ("Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time", {_B: "doegn", _Y: "time"}),
        ("basistakst pr. døgn / ydelsestakst pr. time", {_B: "doegn", _Y: "time"}),
        ("Grundtakst kr./døgn og tillæg kr./time", {_B: "doegn", _T: "time"}),
        ("Samlet takst pr. døgn, tillægstakster pr. time", {_S: "doegn", _T: "time"}),
        (
            "Basis- og ydelsestakster pr. døgn, tillæg pr. påbegyndt time",
            {_B: "doegn", _Y: "doegn", _T: "time"},
        ),
        # two units not paired with takst kinds: none
        ("Døgntilbud: kr./døgn, Bostøtte: kr./time", {}),
        ("Basistakster pr. døgn og pr. time", {}),
        ("Basistakst pr. døgn, basistakst pr. time", {}),
    ],
)
def test_a_title_pairing_units_with_takst_kinds_gives_a_unit_per_art(
    title: str, units: dict[TakstArt, str]
) -> None:
    info = title_info([["Takster 2025"], [title]])
    assert info.unit is None
    got = {art: u.value for art in TakstArt if (u := info.unit_for(art)) is not None}
    assert got == units


def test_a_title_naming_one_unit_gives_it_to_every_art() -> None:
    info = title_info([["Takster 2025 i kr. pr. døgn"]])
    assert [info.unit_for(art) for art in TakstArt] == [Enhed.DOEGN] * 4


def test_a_title_pairing_units_with_takst_kinds_gives_each_takst_its_unit(tmp_path: Path) -> None:
    # Nordjylland/Syddanmark: "Døgnophold" over "Basistakst | Ydelsestakst", units in the title
    title = "Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time"
    path = _ydelse_over_basis_and_ydelse(tmp_path, ["Basistakst", "Ydelsestakst"], title)
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = [(t.column, t.ydelse, t.art, t.enhed.value, t.beloeb) for t in parsed.takster]
    assert got == [
        ("D", "Døgnophold", TakstArt.BASIS, "doegn", Decimal(2500)),
        ("E", "Døgnophold", TakstArt.YDELSE, "time", Decimal(900)),
        ("F", "Aflastning", TakstArt.BASIS, "doegn", Decimal(2100)),
        ("G", "Aflastning", TakstArt.YDELSE, "time", Decimal(700)),
    ]


def test_a_header_unit_wins_over_the_title_unit_per_art(tmp_path: Path) -> None:
    title = "Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time"
    path = _ydelse_over_basis_and_ydelse(tmp_path, ["Basistakst kr./md.", "Ydelsestakst"], title)
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    assert [t.enhed.value for t in parsed.takster] == ["maaned", "time", "maaned", "time"]


@pytest.mark.parametrize("levels", [["1", "2", "3"], [1, 2, 3]])
def test_level_numbers_under_takstniveau_still_make_a_two_row_header(
    tmp_path: Path, levels: list[Cell]
) -> None:
    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster 2025 i kr. pr. døgn"],
            ["Tilbud", "Takstniveau", None, None],
            [None, *levels],
            ["Koglen", "1.000", "2.000", "3.000"],
        ],
        merged=("B2:D2",),
    )
    parsed = read_takstfil(path)
    assert parsed.mapping.header_row == 3
    assert parsed.mapping.levels == {"B": "Niveau 1", "C": "Niveau 2", "D": "Niveau 3"}
    assert parsed.errors == ()
    assert [(t.niveau, t.beloeb) for t in parsed.takster] == [
        ("Niveau 1", Decimal(1000)),
        ("Niveau 2", Decimal(2000)),
        ("Niveau 3", Decimal(3000)),
    ]
