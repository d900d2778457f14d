"""takstfil_csv: delimiter detection on realistic Danish exports, and encoding detection that
never stores mojibake from a file mixing UTF-8 and Windows-1252."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_csv import decode_csv, detect_delimiter, read_csv_sheet
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


# --- encoding ---------------------------------------------------------------------------------

UTF8_HEAD = "Tilbud;Enhed;Takst 2024\nBørnehuset;døgn;2.150,50\nSkovbørn;døgn;1.000\n"


def test_utf8_file_with_a_stray_cp1252_byte_is_refused_naming_the_line(tmp_path: Path) -> None:
    raw = UTF8_HEAD.encode() + "Bofællesskab;døgn;3\n".encode("cp1252") + "Åen;døgn;4\n".encode()
    path = tmp_path / "takster.csv"
    path.write_bytes(raw)
    with pytest.raises(UserError) as info:
        read_takstfil(path, year=2024)
    message = info.value.message
    assert info.value.where == "takster.csv"
    assert "gemt som UTF-8, men linje 4 (tegn 4: byten 0xE6 = »æ«)" in message
    assert "Windows-tegnsæt" in message and "Ret linjen" in message and "»CSV UTF-8" in message
    assert "Ã" not in message


def test_utf8_with_bom_and_a_stray_byte_names_the_line() -> None:
    raw = b"\xef\xbb\xbf" + UTF8_HEAD.encode() + "X;Ø;1\n".encode("cp1252")
    with pytest.raises(UserError) as info:
        decode_csv(raw, "f.csv")
    assert "BOM" in info.value.message and "linje 4 (tegn 3: byten 0xD8 = »Ø«)" in info.value.message


def test_many_stray_lines_are_counted() -> None:
    raw = UTF8_HEAD.encode() * 3 + "".join(f"Hus {i} æ;døgn;3\n" for i in range(5)).encode("cp1252")
    with pytest.raises(UserError) as info:
        decode_csv(raw, "f.csv")
    message = info.value.message
    assert "linje 10 (tegn 7: byten 0xE6 = »æ«), linje 11 (" in message
    assert "linje 12 (tegn 7: byten 0xE6 = »æ«) og 2 linjer mere har tegn" in message
    assert "Ret linjerne" in message


def test_cp1252_file_with_a_utf8_line_is_refused_naming_that_line() -> None:
    raw = "Tilbud;Enhed\nBørn;døgn\nÅen;x\nØ;x\n".encode("cp1252") + "Bofællesskab – Vest;døgn\n".encode()
    with pytest.raises(UserError) as info:
        decode_csv(raw, "f.csv")
    message = info.value.message
    assert (
        "gemt i Windows-tegnsæt, men linje 5 (tegn 4: »æ«, der læst som Windows-tegnsæt bliver »Ã¦«)"
        in message
    )


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_lines_are_counted_with_any_line_end(end: str) -> None:
    raw = f"Tilbud;Enhed{end}Børn;døgn{end}".encode() + f"Bofæ;x{end}".encode("cp1252") + b"\xc3\xa5"
    with pytest.raises(UserError, match="men linje 3 \\(tegn 4: byten 0xE6"):
        decode_csv(raw, "f.csv")
    raw = f"Tilbud;Enhed{end}Børn;døgn{end}".encode("cp1252") + f"X\x81;y{end}".encode("latin-1")
    with pytest.raises(UserError, match="linje 3 har i tegn 2 byten 0x81"):
        decode_csv(raw, "f.csv")


def test_utf8_letter_whose_mojibake_has_an_undefined_byte() -> None:
    raw = "Tilbud;Enhed\nBørn;døgn\nÅen;x\nØ;x\n".encode("cp1252") + "xÁ;døgn\n".encode()
    with pytest.raises(UserError, match="men linje 5 \\(tegn 2: »Á«"):
        decode_csv(raw, "f.csv")


def test_undefined_cp1252_byte_names_the_line() -> None:
    raw = "Tilbud;Enhed\nBørn;døgn\n".encode("cp1252") + b"X\x81;y\n"
    with pytest.raises(UserError, match="linje 3 har i tegn 2 byten 0x81"):
        decode_csv(raw, "f.csv")


def test_cp1252_with_typographic_characters_is_still_cp1252() -> None:
    text = "Café – Åbenrå;døgn\n€ 100;Ø “x” ‘y’ ½ § 107\n"
    assert decode_csv(text.encode("cp1252"), "f.csv") == (text, "cp1252")


DANISH = st.text(alphabet=st.sampled_from("abcxyzABCXYZ0123456789 ;,.-\næøåÆØÅé"), min_size=1, max_size=200)


@given(DANISH)
def test_utf8_round_trips(text: str) -> None:
    assert decode_csv(text.encode("utf-8"), "f.csv")[0] == text
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8"), "f.csv")[0] == text


@given(DANISH)
def test_cp1252_round_trips(text: str) -> None:
    text_read, encoding = decode_csv(text.encode("cp1252"), "f.csv")
    assert text_read == text
    assert encoding == ("utf-8" if text.isascii() else "cp1252")


@given(st.lists(DANISH.map(lambda t: t.replace("\n", " ")), min_size=2, max_size=8), st.data())
def test_a_cp1252_line_in_utf8_is_refused(lines: list[str], data: st.DataObject) -> None:
    odd = data.draw(st.integers(0, len(lines) - 1))
    lines[odd] += "æ"
    others = [i for i in range(len(lines)) if i != odd]
    lines[data.draw(st.sampled_from(others))] += "ø"
    raw = b"\n".join(line.encode("cp1252" if i == odd else "utf-8") for i, line in enumerate(lines))
    with pytest.raises(UserError) as info:
        decode_csv(raw, "f.csv")
    assert f"linje {odd + 1} (" in info.value.message
