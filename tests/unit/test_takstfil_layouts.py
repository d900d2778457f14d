from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.domain.takstfil import Field, ParsedTakstfil, TakstRow
from rammedesk.domain.vocab import Enhed, Finansiering, MomsBasis, TakstArt, TakstStatus
from rammedesk.errors import Cancelled
from rammedesk.fileio.takstfil_header import header_level
from rammedesk.fileio.takstfil_reader import list_sheets, preview_rows, propose_mapping, read_takstfil
from tests.unit.takstfil_corpus import corpus

__all__ = ["corpus"]


def _by(parsed: ParsedTakstfil, row: int, column: str) -> TakstRow:
    return next(t for t in parsed.takster if t.row == row and t.column == column)


def test_title_block_years_side_by_side(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx")
    assert parsed.mapping.header_row == 4
    assert parsed.mapping.years == {"D": 2022, "E": 2023, "F": 2024}
    assert parsed.rows_read == 4  # spacer and "I alt" rows are not data
    assert parsed.errors == ()
    assert len(parsed.takster) == 12
    first = _by(parsed, 5, "F")
    assert first.beloeb == Decimal("2930.09")  # formula: cached value
    assert first.enhed is Enhed.DOEGN  # from the title block "pr. døgn"
    assert _by(parsed, 6, "F").beloeb == Decimal("5120.50")
    assert _by(parsed, 8, "E").beloeb == Decimal("8450.50")
    assert _by(parsed, 8, "F").individuel_pris
    assert _by(parsed, 8, "D").paragraf_id == "BL_43_3"
    assert _by(parsed, 9, "D").paragraf_id == "SEL_107"  # "§§ 107/108": the first
    assert parsed.as_of is not None and parsed.as_of.year == 2024


def test_two_row_merged_header_with_basis_and_ydelse(corpus: Path) -> None:
    assert list_sheets(corpus / "two_row_header.xlsx") == ("Noter", "Takster")
    parsed = read_takstfil(corpus / "two_row_header.xlsx", sheet="Takster")
    m = parsed.mapping
    assert m.header_row == 4
    assert [m.columns[c] for c in "DEFG"] == [Field.BASISTAKST, Field.YDELSESTAKST] * 2
    assert m.years == {"D": 2023, "E": 2023, "F": 2024, "G": 2024}
    assert parsed.errors == ()
    basis = _by(parsed, 5, "D")
    assert (basis.art, basis.enhed, basis.beloeb) == (TakstArt.BASIS, Enhed.DOEGN, Decimal(3187))
    ydelse = _by(parsed, 5, "G")
    assert (ydelse.art, ydelse.enhed, ydelse.aar) == (TakstArt.YDELSE, Enhed.TIME, 2024)
    assert _by(parsed, 7, "D").art is TakstArt.TILLAEG


def test_midt_provider_units_art_and_individual_price(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "midt_provider.xlsx", year=2024)
    assert parsed.errors == ()
    units = [t.enhed for t in parsed.takster]
    assert units == [Enhed.DOEGN] * 4 + [Enhed.TIME, Enhed.KM, Enhed.STK, Enhed.MAANED]
    assert parsed.takster[0].finansiering is Finansiering.OBJEKTIV
    assert parsed.takster[4].art is TakstArt.TILLAEG  # "Ekstra støtte"
    assert parsed.takster[5].beloeb == Decimal("9.39")
    assert parsed.takster[6].beloeb is None
    assert {t.aar for t in parsed.takster} == {2024}


def test_year_missing_refuses_every_row(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "midt_provider.xlsx")
    assert parsed.takster == ()
    assert len(parsed.errors) == parsed.rows_read == 8
    assert all("Året for taksten mangler" in e.reason for e in parsed.errors)


def test_tilbudsportalen_style(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "tilbudsportalen.xlsx")
    m = parsed.mapping
    assert m.columns["C"] is Field.P_NUMMER and m.columns["H"] is Field.IGNORE
    assert [(t.row, t.aar, t.beloeb, t.niveau) for t in parsed.takster] == [
        (5, 2023, Decimal("2461.00"), "Niveau 1"),  # year and unit from the title block
        (6, 2023, Decimal("3102.00"), "Niveau 2"),
    ]
    assert parsed.takster[0].tp_tilbudsid == 123456
    assert parsed.takster[0].p_nummer == "1012851234"  # stored on the tilbud the import creates
    # The P-nummer is date-like but sits in an identifier column: not refused.
    assert [e.row for e in parsed.errors] == [8]
    err = parsed.errors[0]
    assert err.column == "D" and "CPR" in err.reason
    assert "0101901234" not in err.reason and "010190" not in err.where


def test_year_argument_wins_over_title_but_not_column(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "tilbudsportalen.xlsx", year=2025)
    assert {t.aar for t in parsed.takster} == {2025}
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx", year=2030)
    assert {t.aar for t in parsed.takster} == {2022, 2023, 2024}


def test_bad_values_refuse_only_their_row(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "bad_values.xlsx")
    assert [t.row for t in parsed.takster] == [2, 6, 13]
    reasons = {e.row: (e.column, e.reason) for e in parsed.errors}
    assert reasons[3][0] == "D" and "ikke et beløb" in reasons[3][1]
    assert "negativt" in reasons[4][1]
    assert "1.000.000" in reasons[5][1]
    assert reasons[7][0] == "E" and "kendes ikke" in reasons[7][1]
    assert "1999" in reasons[8][1]
    assert "række 2" in reasons[9][1]  # the duplicate names the first
    assert reasons[10][0] == "A" and "0101901234" not in reasons[10][1]
    assert "kontroltegn" in reasons[11][1]
    assert reasons[12][0] == "B" and "2.000" in reasons[12][1]
    where = parsed.errors[0].where
    assert where == "bad_values.xlsx, ark Takster, række 3, kolonne D"


@pytest.mark.parametrize(
    ("name", "rows", "first"),
    [
        ("nord_cp1252.csv", 3, ("Hjerneskadecenter Øst", Decimal("3187.00"), TakstArt.BASIS)),
        ("utf8_bom_comma.csv", 3, ("Åbo", Decimal("4155.00"), TakstArt.SAMLET)),
        ("tabs.csv", 2, ("Tabulator", Decimal("640.00"), TakstArt.SAMLET)),
    ],
)
def test_csv_variants(corpus: Path, name: str, rows: int, first: tuple[object, ...]) -> None:
    parsed = read_takstfil(corpus / name, year=2024)
    assert parsed.errors == ()
    assert parsed.rows_read == rows
    t = parsed.takster[0]
    assert (t.tilbud, t.beloeb, t.art) == first


def test_csv_basis_ydelse_and_tillaeg(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "nord_cp1252.csv", year=2024)
    assert [(t.row, t.column, t.art, t.enhed) for t in parsed.takster][-1] == (
        7,
        "D",
        TakstArt.TILLAEG,
        Enhed.DOEGN,
    )
    assert parsed.takster[1].enhed is Enhed.TIME


def test_dimension_lie_reads_real_rows(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "dimension_lie.xlsx")
    assert [t.tilbud for t in parsed.takster] == ["A", "B", "C"]


def test_preview_and_progress_and_cancel(corpus: Path) -> None:
    mapping = propose_mapping(corpus / "bad_values.xlsx")
    preview = preview_rows(corpus / "bad_values.xlsx", mapping, n=3)
    assert len(preview) == 3
    calls: list[tuple[int, int, str]] = []
    read_takstfil(corpus / "bad_values.xlsx", progress=lambda d, t, what: calls.append((d, t, what)))
    assert calls[-1][0] == calls[-1][1]


def test_cancel(tmp_path: Path) -> None:
    from tests.data.make_corpus import make_big

    path = make_big(tmp_path / "big.xlsx", rows=3000)
    with pytest.raises(Cancelled):
        read_takstfil(path, cancel=lambda: True)


def test_twenty_thousand_rows(tmp_path: Path) -> None:
    from tests.data.make_corpus import make_big

    parsed = read_takstfil(make_big(tmp_path / "big.xlsx"))
    assert parsed.rows_read == 20_000
    assert len(parsed.takster) == 40_000
    assert parsed.errors == ()


def test_levels_side_by_side_give_one_takst_per_niveau(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "levels_side_by_side.xlsx")
    m = parsed.mapping
    assert [m.columns[c] for c in "CDE"] == [Field.BELOEB] * 3
    assert m.levels == {"C": "Niveau 1", "D": "Niveau 2", "E": "Niveau 3"}
    assert m.years == {}  # the year is the title block's
    assert parsed.errors == () and parsed.rows_read == 2  # "I alt" is a totals row
    got = [(t.row, t.niveau, t.beloeb, t.aar, t.enhed) for t in parsed.takster]
    assert got == [
        (5, "Niveau 1", Decimal("2396.00"), 2020, Enhed.DOEGN),
        (5, "Niveau 2", Decimal("2831.00"), 2020, Enhed.DOEGN),
        (5, "Niveau 3", Decimal("3132.00"), 2020, Enhed.DOEGN),
        (6, "Niveau 1", Decimal("2100.00"), 2020, Enhed.DOEGN),
        (6, "Niveau 2", Decimal("2450.50"), 2020, Enhed.DOEGN),
        (6, "Niveau 3", None, 2020, Enhed.DOEGN),  # "Individuel pris": not zero
    ]
    assert _by(parsed, 5, "C").paragraf_id == "SEL_107"  # from the afdeling's name


def test_levels_under_a_merged_year_heading(corpus: Path) -> None:
    parsed = read_takstfil(corpus / "levels_under_year.xlsx")
    m = parsed.mapping
    assert m.header_row == 3
    assert m.years == dict.fromkeys("CDEFG", 2018)
    assert m.levels == {c: f"Niveau {i}" for i, c in enumerate("CDEFG", start=1)}
    assert parsed.errors == ()
    assert [(t.niveau, t.beloeb, t.enhed) for t in parsed.takster] == [
        (f"Niveau {i}", Decimal(v), Enhed.DAG)
        for i, v in enumerate(("640", "853", "1053", "1223", "1539"), 1)
    ]


@pytest.mark.parametrize(
    ("header", "level"),
    [
        ("Takst 1", "Niveau 1"),
        ("Niveau 2", "Niveau 2"),
        ("Takstniveau 3 kr. pr. døgn", "Niveau 3"),
        ("Takst 2024 Niveau 4", "Niveau 4"),
        ("Takst 2024", None),
        ("Takst i alt", None),
        ("Niveau", None),
        ("Niveau (1-5)", None),
    ],
)
def test_header_level(header: str, level: str | None) -> None:
    assert header_level(header) == level


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "takster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lone_net_of_moms_column_is_stored_as_fratrukket(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Tilbud;Enhed;Takst 2024 fratrukket refusion for indirekte moms;Takst 2025 inkl. moms\n"
        "Bostedet Å;døgn;2.347,79;2.461,00\n",
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = {(t.aar, t.beloeb, t.moms_basis) for t in parsed.takster}
    assert got == {
        (2024, Decimal("2347.79"), MomsBasis.FRATRUKKET),
        (2025, Decimal("2461.00"), MomsBasis.INKL),
    }


@pytest.mark.parametrize(
    ("title", "header", "moms_column", "expected"),
    [
        ("Takster 2025 ekskl. moms", "Takst", None, MomsBasis.FRATRUKKET),
        ("Takster 2025 - fratrukket refusion for indirekte moms", "Takst", None, MomsBasis.FRATRUKKET),
        ("Takster 2025", "Takst", None, MomsBasis.INKL),
        # A title naming both leaves it to the columns; a header naming moms decides itself.
        ("Takster inkl. moms og ekskl. moms", "Takst", None, MomsBasis.INKL),
        ("Takster 2025 ekskl. moms", "Takst inkl. moms", None, MomsBasis.INKL),
        # The row's own moms column is more specific than the title.
        ("Takster 2025 ekskl. moms", "Takst", "Inkl. moms", MomsBasis.INKL),
    ],
)
def test_the_title_block_gives_the_moms_basis(
    tmp_path: Path, title: str, header: str, moms_column: str | None, expected: MomsBasis
) -> None:
    moms = ";Moms" if moms_column else ""
    value = f";{moms_column}" if moms_column else ""
    path = _csv(tmp_path, f"{title}\n\nTilbud;Enhed;{header}{moms}\nBostedet Å;døgn;2.347,79{value}\n")
    parsed = read_takstfil(path, year=2025)
    assert parsed.errors == ()
    assert [t.moms_basis for t in parsed.takster] == [expected]


@pytest.mark.parametrize(
    ("unit", "amount", "refused"),
    [
        ("døgn", "0", True),
        ("døgn", "9,99", True),
        ("døgn", "10", False),
        ("time", "4,50", True),
        ("måned", "99", True),
        ("måned", "100", False),
        ("km", "0", True),
        ("km", "3,52", False),
    ],
)
def test_absurdly_small_amounts_refuse_their_row(
    tmp_path: Path, unit: str, amount: str, refused: bool
) -> None:
    path = _csv(tmp_path, f"Tilbud;Enhed;Takst 2024\nBostedet;{unit};{amount}\n")
    parsed = read_takstfil(path)
    if refused:
        assert parsed.takster == ()
        (err,) = parsed.errors
        assert err.row == 2 and err.column == "C"
        assert "urimeligt lille" in err.reason and f"pr. {unit}" in err.reason
    else:
        assert parsed.errors == () and len(parsed.takster) == 1


def test_an_amount_with_a_footnote_marker_is_refused_saying_to_read_the_footnote(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    rows: list[list[Any]] = [
        ["Tilbud", "Takst 2025 kr. pr. døgn"],
        ["Skovbrynet", "2.100,00*"],
        ["Engen", "2.100,00 (1)"],
        ["Bakken", "ca. 2.100"],
    ]
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    reasons = {e.row: e.reason for e in parsed.errors}
    assert set(reasons) == {2, 3, 4} and parsed.takster == ()
    assert reasons[2] == (
        "Teksten »2.100,00*« er ikke et beløb: den ser ud til at have et fodnotemærke, »*«. "
        "Læs fodnoten, og skriv beløbet uden mærket."
    )
    assert "fodnotemærke, »(1)«" in reasons[3]
    assert "fodnote" not in reasons[4] and "Skriv et beløb (fx 4.155,00)" in reasons[4]


@pytest.mark.parametrize("amount", ["-0", "-0,00", "(0,00)", -0.0])
def test_a_negative_zero_amount_is_refused_as_zero_never_as_negative(tmp_path: Path, amount: Any) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    rows: list[list[Any]] = [["Tilbud", "Takst 2025 kr. pr. døgn"], ["Skovbrynet", amount]]
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    (error,) = parsed.errors
    assert error.reason.startswith("Beløbet 0,00 kr. pr. døgn er urimeligt lille")
    assert "-0" not in error.reason and "negativ" not in error.reason


# "foreløbig"/"endelig" in an amount column's header is the status of that column's takster.
def test_a_header_saying_foreloebig_gives_its_takster_that_status(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster i kr. pr. døgn"],
            [
                "Tilbud",
                "Kommune",
                "Takst 2024 kr./døgn (endelig)",
                "Takst 2025 kr./døgn (foreløbig)",
                "Takst 2025 kr./døgn ekskl. moms",
                "Foreløbig 2026",
            ],
            ["Momshuset", "Middelfart", "2.900", "3.000", "2.860", "3.100"],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = [(t.column, t.aar, t.ydelse, t.status) for t in parsed.takster]
    assert got == [
        ("C", 2024, None, TakstStatus.ENDELIG),
        ("D", 2025, None, TakstStatus.FORELOEBIG),
        ("F", 2026, None, TakstStatus.FORELOEBIG),
    ]


def test_foreloebig_and_endelig_of_one_year_are_one_takst(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Tilbud", "Kommune", "Takst 2025 foreløbig kr./døgn", "Takst 2025 endelig kr./døgn"],
            ["Statushuset", "Favrskov", "2.400", "2.450"],
            ["Statushuset 2", "Favrskov", "2.500", None],
        ],
    )
    parsed = read_takstfil(path)
    # never a ydelse named "Takst foreløbig": the row naming both is refused
    assert [(t.row, t.ydelse, t.status) for t in parsed.takster] == [(3, None, TakstStatus.FORELOEBIG)]
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "D")]
    assert "både foreløbig og endelig" in parsed.errors[0].reason


def test_column_names_leave_out_the_status(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Tilbud", "Døgntakst 2025 (foreløbig)", "Timetakst 2025 (foreløbig)"],
            ["Skovly", "2.400", "450"],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    got = [(t.ydelse, t.enhed, t.status) for t in parsed.takster]
    assert got == [
        ("Døgntakst", Enhed.DOEGN, TakstStatus.FORELOEBIG),
        ("Timetakst", Enhed.TIME, TakstStatus.FORELOEBIG),
    ]


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("Foreløbige takster 2026, kr. pr. døgn", TakstStatus.FORELOEBIG),
        ("Endelige takster 2026, kr. pr. døgn", TakstStatus.ENDELIG),
        ("Takster 2026, kr. pr. døgn", TakstStatus.ENDELIG),
    ],
)
def test_a_title_saying_foreloebige_takster(tmp_path: Path, title: str, status: TakstStatus) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(tmp_path / "t.xlsx", [[title], ["Tilbud", "Takst"], ["Skovly", "2.400"]])
    parsed = read_takstfil(path)
    assert [t.status for t in parsed.takster] == [status]
    # a status column says it per row
    path = simple_xlsx(
        tmp_path / "s.xlsx", [[title], ["Tilbud", "Takst", "Status"], ["Skovly", "2.400", "Endelig"]]
    )
    assert [t.status for t in read_takstfil(path).takster] == [TakstStatus.ENDELIG]


def test_art_and_moms_cells_in_their_common_spellings(tmp_path: Path) -> None:
    from rammedesk.domain.vocab import MomsBasis, TakstArt
    from rammedesk.fileio.takstfil_reader import read_takstfil
    from tests.data.xlsx_builder import simple_xlsx

    rows: list[list[str | int | float | None]] = [
        ["Tilbud", "Kommune", "Ydelse", "Takstart", "Moms", "Takst 2025 kr. pr. døgn"]
    ]
    spellings = [
        ("Tillægstakst", "Takst i alt", TakstArt.TILLAEG, MomsBasis.INKL),
        ("Basistakst", "Inklusiv moms", TakstArt.BASIS, MomsBasis.INKL),
        ("Ydelsestakst", "Uden moms", TakstArt.YDELSE, MomsBasis.FRATRUKKET),
        ("Samlet", "Eksklusiv moms", TakstArt.SAMLET, MomsBasis.FRATRUKKET),
        ("Tillæg", "Fratrukket moms", TakstArt.TILLAEG, MomsBasis.FRATRUKKET),
    ]
    for n, (art, moms, _a, _m) in enumerate(spellings):
        rows.append([f"Sted {n}", "Aarhus", "Ophold", art, moms, 1000 + n])
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    assert parsed.errors == ()
    assert [(t.art, t.moms_basis) for t in parsed.takster] == [(a, m) for *_x, a, m in spellings]


def test_title_units_per_art_follow_a_takstart_column(tmp_path: Path) -> None:
    # "Grundtakst kr./døgn og tillæg kr./time" over rows that say their art in a column
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takster 2025"],
            ["Grundtakst kr./døgn og tillæg kr./time"],
            [],
            ["Tilbud", "Ydelse", "Takstart", "Takst"],
            ["Koglen", "Døgnophold", "Basis", "2.500"],
            ["Koglen", "Støtte", "Tillæg", "450"],
            ["Koglen", "Døgnophold", "Ydelse", "900"],
        ],
    )
    parsed = read_takstfil(path)
    assert [(t.row, t.art, t.enhed) for t in parsed.takster] == [
        (5, TakstArt.BASIS, Enhed.DOEGN),
        (6, TakstArt.TILLAEG, Enhed.TIME),
    ]
    # the title pairs no unit with ydelsestakster: that row must say its unit
    assert [(e.row, e.column) for e in parsed.errors] == [(7, "D")]
    assert "Enheden mangler" in parsed.errors[0].reason


def test_an_amount_naming_another_unit_than_the_unit_column_is_refused(tmp_path: Path) -> None:
    from rammedesk.fileio.takstfil_reader import read_takstfil
    from tests.data.xlsx_builder import simple_xlsx

    rows: list[list[str | int | float | None]] = [
        ["Tilbud", "Kommune", "Enhed", "Takst 2025"],
        ["Timehuset", "Odense", "døgn", "kr. 417,-/t"],  # says per time: the unit column says døgn
        ["Døgnhuset", "Odense", "døgn", "2.750,5 kr./døgn"],  # agrees
        ["Talhuset", "Odense", "time", "417"],  # no unit in the amount
    ]
    parsed = read_takstfil(simple_xlsx(tmp_path / "t.xlsx", rows))
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "D")]
    assert "pr. time, men enhedskolonnen siger døgn" in parsed.errors[0].reason
    stored = [(t.tilbud, t.enhed.value) for t in parsed.takster]
    assert stored == [("Døgnhuset", "doegn"), ("Talhuset", "time")]
