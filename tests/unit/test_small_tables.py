"""P/L and population file readers: header tolerance, Danish numbers, every error listed."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.costs.population import Befolkning
from rammedesk.errors import UserError
from rammedesk.fileio.small_tables import TableFileError, read_pl_file, read_population_file

KNOWN = frozenset({101, 147, 751})


def csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "header",
    ["år;sats;kilde", "AAR;SATS;KILDE", "Aar;P/L-sats;Kilde", "År,Sats,Kilde", "år\tsats\tkilde", "sats;år"],
)
def test_pl_header_spellings_and_delimiters(tmp_path: Path, header: str) -> None:
    delim = "," if "," in header else "\t" if "\t" in header else ";"
    cols = header.split(delim)
    values = {"sats": "2,5" if delim != "," else '"2,5"', "kilde": "KL"}
    row = delim.join(values.get(c.lower().replace("p/l-", ""), "2028") for c in cols)
    rates = read_pl_file(csv(tmp_path, f"{header}\n{row}\n"))
    assert rates[0].year == 2028 and rates[0].rate_pct == D("2.5")


def test_pl_cp1252_bom_blank_rows_and_percent_sign(tmp_path: Path) -> None:
    text = "P/L-tabel KL skøn\n\nÅr;Sats;Kilde\n2028;2,5 %;KL skøn\n\n2029;-0,4;Særligt år\n2030;1.25;\n"
    assert read_pl_file(csv(tmp_path, text, "cp1252")) == [
        PLRate(2028, D("2.500"), "KL skøn"),
        PLRate(2029, D("-0.400"), "Særligt år"),
        PLRate(2030, D("1.250"), ""),
    ]
    assert len(read_pl_file(csv(tmp_path, "\ufeff" + text, name="bom.csv"))) == 3


def test_pl_every_error_is_listed_with_excel_cells(tmp_path: Path) -> None:
    text = "år;sats;kilde\n2028;;a\n1800;2;b\n2030;75;c\n2031;1,2345;d\n2032;2;010190-1234\n"
    with pytest.raises(TableFileError) as caught:
        read_pl_file(csv(tmp_path, text))
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(2, "B"), (3, "A"), (4, "B"), (5, "B"), (6, "C")]
    assert "række 2, kolonne B" in caught.value.message


def test_pl_missing_header_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Overskriftsrækken"):
        read_pl_file(csv(tmp_path, "year;value\n2028;2\n", name="a.csv"))
    with pytest.raises(UserError, match="ingen rækker"):
        read_pl_file(csv(tmp_path, "år;sats;kilde\n", name="b.csv"))
    with pytest.raises(UserError, match="tom"):
        read_pl_file(csv(tmp_path, "", name="c.csv"))


def test_pl_utf16_and_old_xls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="UTF-16"):
        read_pl_file(csv(tmp_path, "år;sats;kilde\n2028;2;x\n", "utf-16"))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserError, match=r"\.xls"):
        read_pl_file(old)


def test_population_xlsx_numbers_and_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kommunekode", "År", "Indbyggere"])
    ws.append(["0101", 2025, 667099])
    ws.append([751, "2025", "373.000"])
    ws.append([147.0, 2025.0, 105000.0])
    path = tmp_path / "folk.xlsx"
    wb.save(path)
    assert read_population_file(path, KNOWN) == [
        Befolkning(101, 2025, 667099),
        Befolkning(751, 2025, 373000),
        Befolkning(147, 2025, 105000),
    ]


def test_population_errors(tmp_path: Path) -> None:
    text = "kommunekode;år;indbyggere\n411;2025;40\n101;2025;-1\n101;2025;5\n101;2025;6\nx;2025;5\n"
    with pytest.raises(TableFileError) as caught:
        read_population_file(csv(tmp_path, text), KNOWN)
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (2, "A"),
        (3, "C"),
        (4, "A"),
        (5, "A"),
        (6, "A"),
    ]
    assert "række 3" in caught.value.errors[2].reason  # a duplicate names the first row


def test_pl_xlsx_reads_the_first_visible_sheet_not_a_hidden_one(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    old = wb.active
    assert old is not None
    old.title = "Gammel"
    old.sheet_state = "hidden"
    old.append(["år", "sats", "kilde"])
    old.append([2020, "9,9", "forældet"])
    new = wb.create_sheet("PL")
    new.append(["år", "sats", "kilde"])
    new.append([2026, "2,1", "KL"])
    wb.active = 1
    wb.save(tmp_path / "pl.xlsx")
    rates = read_pl_file(tmp_path / "pl.xlsx")
    assert [(r.year, r.rate_pct) for r in rates] == [(2026, D("2.1"))]
