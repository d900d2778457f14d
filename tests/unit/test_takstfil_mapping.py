from __future__ import annotations

from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ColumnMapping, Field
from rammedesk.domain.units import parse_unit, unit_in_text
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_header import load_synonyms, match_field
from rammedesk.fileio.takstfil_mapping import col_index, col_letter, mapping_from_json, mapping_to_json
from rammedesk.fileio.takstfil_reader import propose_mapping, read_takstfil
from tests.unit.takstfil_corpus import corpus

__all__ = ["corpus"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tilbud", Field.TILBUD),
        ("Leverandør", Field.TILBUD),
        ("Afdelingsnavn", Field.AFDELING),
        ("Basistakst (kr./døgn)", Field.BASISTAKST),
        ("Ydelsestakst kr./time", Field.YDELSESTAKST),
        ("Takst 2024", Field.BELOEB),
        ("2024", Field.BELOEB),
        ("Pris pr. enhed", Field.BELOEB),
        # An amount net of moms; the proposal ignores it only beside its "i alt" twin.
        ("Takst i alt fratrukket refusion for indirekte moms", Field.BELOEB),
        ("Fratrukket refusion for indirekte moms", Field.IGNORE),
        # An amount that states its moms basis is an amount; a moms column holds words.
        ("Takst inkl. moms", Field.BELOEB),
        ("Døgntakst inkl. moms", Field.BELOEB),
        ("Kr. inkl. moms", Field.BELOEB),
        ("Inkl. moms", Field.MOMS),
        ("Momsgrundlag", Field.MOMS),
        ("Lovgrundlag", Field.PARAGRAF),
        ("Takstniveau", Field.NIVEAU),
        ("P-nummer", Field.P_NUMMER),
        # P-nummer, CVR and telefon as takstfiler spell them
        ("Produktionsenhedsnummer", Field.P_NUMMER),
        ("Produktionsenhed", Field.P_NUMMER),
        ("P-enhed", Field.P_NUMMER),
        ("P-enhedsnummer", Field.P_NUMMER),
        ("P-enheds nr.", Field.P_NUMMER),
        ("PE-nr", Field.P_NUMMER),
        ("P.nr.", Field.P_NUMMER),
        ("CVR-nummer", Field.CVR),
        ("CVR nr.", Field.CVR),
        ("Cvr", Field.CVR),
        ("CVR-nr.", Field.CVR),
        ("SE-nr.", None),  # an SE number is no CVR number
        ("Tlf.", Field.TELEFON),
        ("Tlf. nr.", Field.TELEFON),
        ("Tlf.nr.", Field.TELEFON),
        ("Telefonnr.", Field.TELEFON),
        ("Telefonnummer", Field.TELEFON),
        ("Kontakt tlf", Field.TELEFON),
        ("Kontakttelefon", Field.TELEFON),
        ("Telefon nr.", Field.TELEFON),
        ("Tilbuds-ID", Field.TP_TILBUDSID),
        ("Enhed", Field.ENHED),
        ("År", Field.AAR),
        ("Hvad som helst", None),
    ],
)
def test_header_words(header: str, field: Field | None) -> None:
    assert match_field(header, load_synonyms()) == field


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("pr. døgn", Enhed.DOEGN),
        ("kr./døgn", Enhed.DOEGN),
        ("Døgn", Enhed.DOEGN),
        ("time", Enhed.TIME),
        ("md.", Enhed.MAANED),
        ("Km", Enhed.KM),
        ("Stk.", Enhed.STK),
        ("dagtakst", Enhed.DAG),
        ("uge", None),
    ],
)
def test_unit_spellings(text: str, unit: Enhed | None) -> None:
    assert parse_unit(text) == unit


def test_units_inside_text() -> None:
    assert unit_in_text("Takst kr./døgn") is Enhed.DOEGN
    assert unit_in_text("417 kr. pr. time") is Enhed.TIME
    assert unit_in_text("Takst 2023") is None


def test_columns() -> None:
    assert [col_letter(i) for i in (0, 25, 26, 16383)] == ["A", "Z", "AA", "XFD"]
    assert all(col_index(col_letter(i)) == i for i in range(2000))


def test_json_round_trip_and_reuse(corpus: Path) -> None:
    mapping = propose_mapping(corpus / "years_side_by_side.xlsx")
    data = mapping_to_json(mapping)
    assert data["version"] == 1 and data["columns"]["A"] == "tilbud" and data["years"]["D"] == 2022
    again = mapping_from_json(data)
    assert again == mapping
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx", mapping=again)
    assert len(parsed.takster) == 12


def test_levels_round_trip_and_a_user_level(corpus: Path) -> None:
    file = corpus / "levels_side_by_side.xlsx"
    mapping = propose_mapping(file)
    data = mapping_to_json(mapping)
    assert data["levels"] == {"C": "Niveau 1", "D": "Niveau 2", "E": "Niveau 3"}
    assert mapping_from_json(data) == mapping
    data["levels"] = {"C": " Lav ", "E": "Høj"}  # the user's own names; D then has none
    parsed = read_takstfil(file, mapping=mapping_from_json(data))
    assert [t.niveau for t in parsed.takster if t.row == 5] == ["Lav", None, "Høj"]
    assert "levels" not in mapping_to_json(propose_mapping(corpus / "years_side_by_side.xlsx"))


def test_user_mapping_changes_the_reading(corpus: Path) -> None:
    mapping = ColumnMapping("Takster", 4, {"A": Field.TILBUD, "F": Field.BELOEB}, years={"F": 2024})
    parsed = read_takstfil(corpus / "years_side_by_side.xlsx", mapping=mapping)
    assert {t.column for t in parsed.takster} == {"F"}
    assert all(t.paragraf_id is None and t.afdeling is None for t in parsed.takster)


@pytest.mark.parametrize(
    ("patch", "key"),
    [
        ({"bogus": 1}, "bogus"),
        ({"version": 2}, "version"),
        ({"sheet": ""}, "sheet"),
        ({"header_row": "4"}, "header_row"),
        ({"columns": {"A1": "tilbud"}}, "columns.A1"),
        ({"columns": {"A": "navn"}}, "columns.A"),
        ({"years": {"A": 2024}}, "years.A"),
        ({"years": {"D": "2024"}}, "years.D"),
        ({"levels": {"A": "Niveau 1"}}, "levels.A"),
        ({"levels": {"D": ""}}, "levels.D"),
        ({"levels": {"D": "x" * 41}}, "levels.D"),
        ({"levels": ["D"]}, "levels"),
    ],
)
def test_bad_json_names_the_key(patch: dict[str, object], key: str) -> None:
    data = {
        "version": 1,
        "sheet": "Takster",
        "header_row": 4,
        "columns": {"A": "tilbud", "D": "beloeb"},
        "years": {"D": 2024},
    }
    data.update(patch)
    with pytest.raises(UserError) as info:
        mapping_from_json(data)
    assert info.value.where == f"nøgle »{key}«"


def test_mapping_without_tilbud_or_amount(corpus: Path) -> None:
    with pytest.raises(UserError, match="tilbud"):
        read_takstfil(corpus / "tabs.csv", mapping=ColumnMapping("tabs", 1, {"D": Field.BELOEB}), year=2024)
    with pytest.raises(UserError, match="beløb"):
        read_takstfil(corpus / "tabs.csv", mapping=ColumnMapping("tabs", 1, {"A": Field.TILBUD}), year=2024)


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Døgntakst 2025", "doegn"),
        ("Timepris kr.", "time"),
        ("Månedstakster 2024", "maaned"),
        ("Dagtakst", "dag"),
        ("Takst kr./døgn", "doegn"),
        ("Dagtilbud 2025", None),  # "dag" inside a word is no unit
        ("Takst 2025", None),
    ],
)
def test_a_column_header_gives_the_unit_of_its_amounts(header: str, unit: str | None) -> None:
    from rammedesk.domain.units import unit_in_header

    found = unit_in_header(header)
    assert (found.value if found else None) == unit


@pytest.mark.parametrize("header", ["Produktionsenhedsnummer", "P-enhed", "P-enhedsnummer", "PE-nr"])
def test_a_p_nummer_column_keeps_ten_digits_that_look_like_a_cpr_number(tmp_path: Path, header: str) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Tilbud", "Kommune", header, "Takst 2025 kr./døgn"],
            ["Pnrhuset", "Skanderborg", "1003281234", 2000],
            ["Pnrhuset 2", "Skanderborg", 1003281234, 2100],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.mapping.columns["C"] is Field.P_NUMMER
    assert parsed.errors == ()
    assert [t.p_nummer for t in parsed.takster] == ["1003281234"] * 2


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        # "Navn" alone names the tilbud when no other column does
        (["Navn", "Kommune", "2024", "2025"], [Field.TILBUD, Field.KOMMUNE, Field.BELOEB, Field.BELOEB]),
        (["Navn", "Ydelse", "Takst 2025"], [Field.TILBUD, Field.YDELSE, Field.BELOEB]),
        (["Navn", "Afdeling", "Takst 2025"], [Field.TILBUD, Field.AFDELING, Field.BELOEB]),
        (["Tilbud/afdeling", "Kommune", "Takst 2025"], [Field.TILBUD, Field.KOMMUNE, Field.BELOEB]),
        (["Tilbud / Afdeling", "Kommune", "Takst 2025"], [Field.TILBUD, Field.KOMMUNE, Field.BELOEB]),
        (["Tilbudsnavn", "Kommune", "Takst 2025"], [Field.TILBUD, Field.KOMMUNE, Field.BELOEB]),
        # beside a tilbud column, "Navn" still names the ydelse
        (["Tilbud", "Navn", "Takst 2025"], [Field.TILBUD, Field.YDELSE, Field.BELOEB]),
    ],
)
def test_a_name_column_is_the_tilbud_when_no_other_column_is(
    tmp_path: Path, header: list[str], fields: list[Field]
) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    row = ["Årstalhuset", "Thisted", "2.400", "2.480"][: len(header)]
    path = simple_xlsx(tmp_path / "t.xlsx", [["Takster i kr. pr. døgn"], header, row])
    m = propose_mapping(path)
    assert [m.columns[c] for c in "ABCD"[: len(header)]] == fields


def test_a_file_naming_its_tilbud_column_navn_is_read(tmp_path: Path) -> None:
    from tests.data.xlsx_builder import simple_xlsx

    path = simple_xlsx(
        tmp_path / "t.xlsx",
        [
            ["Takstoversigt (kr. pr. døgn)"],
            [],
            ["Navn", "Kommune", "2024", "2025", "Ændring 24-25"],
            ["Årstalhuset", "Thisted", 2400, 2480, 80],
            ["Bækkely", "Morsø", "2.100", "2.160", "60"],
        ],
    )
    parsed = read_takstfil(path)
    assert parsed.errors == ()
    assert [(t.tilbud, t.aar) for t in parsed.takster] == [
        ("Årstalhuset", 2024),
        ("Årstalhuset", 2025),
        ("Bækkely", 2024),
        ("Bækkely", 2025),
    ]
