"""takstfil_csv: delimiter detection on realistic Danish exports, and encoding detection that
never stores mojibake from a file mixing UTF-8 and Windows-1252."""

from __future__ import annotations

import tempfile
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


# --- rows wider than the header ---------------------------------------------------------------

COMMA_DECIMALS = (
    "Tilbud,Kommune,Enhed,Takst 2025\n"
    "Kørselshuset,Vordingborg,km,9,39\n"
    "Timehuset,Vordingborg,time,417,50\n"
    "Døgnhuset,Vordingborg,døgn,2.750\n"
)


def test_unquoted_decimal_comma_refuses_the_row_not_a_wrong_amount(tmp_path: Path) -> None:
    parsed = read_takstfil(_csv(tmp_path, COMMA_DECIMALS))
    assert [(t.tilbud, t.beloeb) for t in parsed.takster] == [("Døgnhuset", Decimal("2750"))]
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "D"), (3, "D")]
    reason = parsed.errors[0].reason
    assert "Rækken har flere felter end overskriften (5 i stedet for 4)" in reason
    assert "kolonne E (»39«) har ingen overskrift" in reason
    assert "decimalkomma uden anførselstegn (fx 9,39 i en kommasepareret fil)" in reason
    assert "semikolon som skilletegn" in reason and "anførselstegn om beløbet" in reason


def test_thousands_and_decimals_cut_by_commas_are_refused(tmp_path: Path) -> None:
    text = (
        "\ufeffTilbud,Kommune,Takst 2025 kr./døgn\n"
        "Kommahuset,Vordingborg,2.345,50\nHuset 2,Vordingborg,2345\n"
    )
    parsed = read_takstfil(_csv(tmp_path, text))
    assert [(t.tilbud, t.beloeb) for t in parsed.takster] == [("Huset 2", Decimal("2345"))]
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "C")]
    assert "(4 i stedet for 3)" in parsed.errors[0].reason


def test_extra_field_in_a_semicolon_file_is_refused_without_the_comma_hint(tmp_path: Path) -> None:
    text = "Tilbud;Enhed;Takst 2024\nHuset;døgn;1.000;husk at rette\nSkovly;døgn;2.000\n"
    parsed = read_takstfil(_csv(tmp_path, text))
    assert [t.tilbud for t in parsed.takster] == ["Skovly"]
    (error,) = parsed.errors
    assert (error.row, error.column) == (2, "C")
    assert "(4 i stedet for 3)" in error.reason and "kolonne D (»husk at rette«)" in error.reason
    assert "kommasepareret" not in error.reason
    assert "Giv kolonnen en overskrift, eller ret rækken" in error.reason


def test_an_extra_cpr_like_field_is_not_echoed(tmp_path: Path) -> None:
    text = "Tilbud;Enhed;Takst 2024\nHuset;døgn;1.000;150287-4411\n"
    parsed = read_takstfil(_csv(tmp_path, text))
    (error,) = parsed.errors
    assert "4411" not in error.reason and "kolonne D har ingen overskrift" in error.reason


@pytest.mark.parametrize(
    "text",
    [
        # trailing empty fields after the last named column
        "Tilbud;Enhed;Takst 2024\nHuset;døgn;1.000;;\nSkovly;døgn;2.000;\n",
        # the header carries trailing unnamed columns, as Excel writes them
        "Tilbud;Enhed;Takst 2024;;\nHuset;døgn;1.000;;\nSkovly;døgn;2.000;;note\n",
        # a title above the header is wider than the header: no matter
        "Region Midt;side 1;af 2;x;y\nTilbud;Enhed;Takst 2024\nHuset;døgn;1.000\nSkovly;døgn;2.000\n",
    ],
)
def test_rows_no_wider_than_the_header_read(tmp_path: Path, text: str) -> None:
    parsed = read_takstfil(_csv(tmp_path, text))
    assert parsed.errors == ()
    assert [(t.tilbud, t.beloeb) for t in parsed.takster] == [
        ("Huset", Decimal("1000")),
        ("Skovly", Decimal("2000")),
    ]


@given(st.lists(st.tuples(st.integers(1, 99_999), st.integers(0, 99)), min_size=1, max_size=6))
def test_comma_file_never_stores_a_cut_amount(amounts: list[tuple[int, int]]) -> None:
    body = "".join(f"Hus {i},Vordingborg,døgn,{kr},{oere:02d}\n" for i, (kr, oere) in enumerate(amounts))
    path = Path(tempfile.mkdtemp()) / "takster.csv"
    text = "Tilbud,Kommune,Enhed,Takst 2025\n" + body + "Fast,Vordingborg,døgn,700\n"
    path.write_text(text, encoding="utf-8")
    parsed = read_takstfil(path)
    assert [(t.tilbud, t.beloeb) for t in parsed.takster] == [("Fast", Decimal("700"))]
    assert [e.row for e in parsed.errors] == list(range(2, len(amounts) + 2))


# --- Mac Roman --------------------------------------------------------------------------------

MAC_ROMAN = (
    "Tilbud;Afdeling;Kommunekode;Enhed;Takst 2025\r\n"
    "Søndergård;Værkstedet;540;dag;1.053\r\nBjerg Bosted;Hus Ø;540;time;402\r\n"
)


def test_mac_roman_file_is_refused_naming_the_first_line(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        read_takstfil(_csv(tmp_path, MAC_ROMAN, "mac_roman"))
    message = info.value.message
    assert info.value.where == "takster.csv"
    assert "gemt i Mac-tegnsæt (Mac Roman)" in message
    assert "linje 2 (»S¿ndergŒrd«, der i Mac-tegnsæt er »Søndergård«)" in message
    assert "»CSV UTF-8" in message and "Intet er læst ind" in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Tilbud;Enhed\nÅbo;dag\n", 2),  # Å is 0x81, which cp1252 does not define
        ("Tilbud;Enhed\nHus;dag\nØster Hus;dag\n", 3),
        ("Tilbud;Enhed\nHus;dag\nÆblehaven;dag\n", 3),
        ("Tilbud;Enhed\nHus;dag\nHus;dag\nLyngbø;dag\n", 4),
    ],
)
def test_mac_roman_letters_are_recognised(text: str, line: int) -> None:
    with pytest.raises(UserError) as info:
        decode_csv(text.encode("mac_roman"), "f.csv")
    assert "Mac Roman" in info.value.message and f"linje {line} (" in info.value.message


def test_cp1252_fractions_and_signs_still_read() -> None:
    text = "Tilbud;Enhed;Takst\nSøndergård;¾ tid;1¾\nHus®;½ døgn;2\nÅen ¾;x ¯ y;3\n"
    assert decode_csv(text.encode("cp1252"), "f.csv") == (text, "cp1252")


WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnoprstuvy"), min_size=1, max_size=6)


@given(WORDS, st.sampled_from("æøåÆØÅ"), WORDS)
def test_a_danish_letter_in_mac_roman_is_never_read(before: str, letter: str, after: str) -> None:
    word = (before.capitalize() if letter.islower() else "") + letter + after
    raw = f"Tilbud;Enhed;Takst\n{word};dag;1\n".encode("mac_roman")
    with pytest.raises(UserError, match="Mac Roman"):
        decode_csv(raw, "f.csv")


CP1252_TOKENS = st.sampled_from(
    ["Hus", "Søndergård", "Åbo®", "¾", "½", "1¾", "2½ døgn", "¾ tid", "Ærø", "Øst"]
)


@given(st.lists(st.lists(CP1252_TOKENS, min_size=1, max_size=4), min_size=1, max_size=6))
def test_cp1252_with_fractions_is_never_taken_for_mac_roman(lines: list[list[str]]) -> None:
    text = "Tilbud;Enhed\n" + "".join(" ".join(tokens) + ";døgn\n" for tokens in lines)
    assert decode_csv(text.encode("cp1252"), "f.csv") == (text, "cp1252")


def test_a_huge_quoted_field_is_a_user_error(tmp_path: Path) -> None:
    text = 'Tilbud;Enhed;Takst 2024\nHus;døgn;"' + "x" * 140_000 + '"\nSkovly;døgn;2.000\n'
    with pytest.raises(UserError, match="efter række 2 \\(en celle er over 131.072 tegn lang\\)"):
        list(read_csv_sheet(_csv(tmp_path, text), ImportLimits()).rows)
    with pytest.raises(UserError):
        read_takstfil(_csv(tmp_path, text))
