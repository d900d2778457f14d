"""takstfil_csv: delimiter detection on realistic Danish exports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.fileio.takstfil_csv import detect_delimiter, read_csv_sheet
from rammedesk.fileio.takstfil_reader import read_takstfil

# Danish Excel's "CSV (semikolonsepareret)": text and amounts keep their commas unquoted.
SEMICOLON_COMMA_TEXT = "Tilbud;Enhed;Takst 2024\n" + "".join(
    f"Bofællesskab Vest {i}, afd. 2, Aarhus;døgn;2.150,5{i}\n" for i in range(8)
)
SEMICOLON_TITLE = (
    "Takstoversigt 2024, Region Midtjylland, pr. 1/1 2024\n\n"
    "Tilbud;Afdeling;Basistakst (kr./døgn);Ydelsestakst (kr./time)\n"
    + "".join(f"Hjerneskadecenter, hus {i};Afd. {i}, nord;3.187,00;402,5{i}\n" for i in range(6))
)
COMMA_QUOTED = "Tilbud,Afdeling,Enhed,Takst 2024\n" + "".join(
    f'"Huset {i}, Nord",Hus {i},døgn,"4.155,0{i}"\n' for i in range(6)
)
TAB_TEXT = "Tilbud\tYdelse\tEnhed\tTakst 2024\n" + "".join(
    f"Skovly {i}, afd. 1; stue\tOphold; §107, stk. 2\tdøgn\t2.396,{i}0\n" for i in range(6)
)
PIPE_TEXT = "Tilbud|Enhed|Takst 2024\n" + "".join(f"Åen {i}, syd; vest|døgn|1.000,{i}\n" for i in range(4))


@pytest.mark.parametrize(
    ("text", "delim"),
    [
        (SEMICOLON_COMMA_TEXT, ";"),
        (SEMICOLON_TITLE, ";"),
        (COMMA_QUOTED, ","),
        (TAB_TEXT, "\t"),
        (PIPE_TEXT, "|"),
        # Not takstfiler (no takst header): the consistent column count decides.
        ("Navn;Beløb\n" + "A, B, C;2.150,50\n" * 6, ";"),
        ("P/L-tabel, KL skøn\n\nÅr,Sats,Kilde\n2028,2,KL\n2029,3,KL\n", ","),
        ("sats;år\n2,5;2028\n", ";"),
        ("Kommune\tBorgere, 0-17 år\n101\t12.345\n147\t9.876\n", "\t"),
    ],
)
def test_delimiter_is_the_one_the_rows_agree_on(text: str, delim: str) -> None:
    assert detect_delimiter(text) == delim


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "takster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_file_with_commas_in_text_and_amounts_imports(tmp_path: Path) -> None:
    parsed = read_takstfil(_csv(tmp_path, SEMICOLON_COMMA_TEXT, "cp1252"))
    assert parsed.errors == ()
    assert [(t.tilbud, t.beloeb, t.aar) for t in parsed.takster][:2] == [
        ("Bofællesskab Vest 0, afd. 2, Aarhus", Decimal("2150.50"), 2024),
        ("Bofællesskab Vest 1, afd. 2, Aarhus", Decimal("2150.51"), 2024),
    ]
    assert len(parsed.takster) == 8


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (SEMICOLON_TITLE, ("Hjerneskadecenter, hus 0", "Afd. 0, nord", Decimal("3187.00"))),
        (COMMA_QUOTED, ("Huset 0, Nord", "Hus 0", Decimal("4155.00"))),
        (TAB_TEXT, ("Skovly 0, afd. 1; stue", None, Decimal("2396.00"))),
    ],
)
def test_realistic_csv_files_import(tmp_path: Path, text: str, first: tuple[object, ...]) -> None:
    parsed = read_takstfil(_csv(tmp_path, text), year=2024)
    assert parsed.errors == ()
    row = parsed.takster[0]
    assert (row.tilbud, row.afdeling, row.beloeb) == first
    if text is TAB_TEXT:
        assert row.ydelse == "Ophold; §107, stk. 2"


def test_single_column_file_is_not_split(tmp_path: Path) -> None:
    text = "Takst 2024\n2.150,50\nHuset, Nord\n3.100,00\nSkovly\n"
    sheet = read_csv_sheet(_csv(tmp_path, text), ImportLimits())
    assert [cells for _n, cells in sheet.rows] == [
        ["Takst 2024"],
        ["2.150,50"],
        ["Huset, Nord"],
        ["3.100,00"],
        ["Skovly"],
    ]
