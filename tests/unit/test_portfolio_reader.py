"""Portfolio file import: Danish headers, per-row errors as Excel shows them, CPR refused."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.fileio.portfolio_reader import read_portfolio
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)

PLACEMENT_HEADER = [
    "Sags-nr.", "Tilbud", "Afdeling", "§", "Målgruppe", "Budgetgruppe", "Takst (kr.)", "Enhed",
    "Takstår", "Startdato", "Planlagt slut", "Timer pr. uge", "Timesats", "Bemærkning",
]  # fmt: skip


def _workbook(
    path: Path, rows: list[list[object]], extra: dict[str, list[list[object]]] | None = None
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Anbringelser"
    ws.append(["Porteføljen pr. 1. januar 2027"])  # a title row above the header
    ws.append(PLACEMENT_HEADER)
    for r in rows:
        ws.append(r)
    for name, sheet_rows in (extra or {}).items():
        other = wb.create_sheet(name)
        for r in sheet_rows:
            other.append(r)
    wb.save(path)
    return path


GOOD: list[object] = ["2027-0042", "Bo Nord", "Hus A", "SEL_108", "Autisme", "Voksne", "2.500,00",
                       "døgn", 2027, datetime(2027, 3, 15), "31-12-2027", "7,5", 417, ""]  # fmt: skip


def test_reads_placements_budget_and_tilgang(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "p.xlsx",
        [
            GOOD,
            [
                "77",
                "Bo Syd",
                None,
                "SEL_107",
                None,
                None,
                30000,
                "pr. måned",
                2026,
                "2026-01-01",
                None,
                None,
                None,
                None,
            ],
        ],
        {
            "Budget": [
                ["Gruppering", "Værdi", "År", "Beløb"],
                ["paragraf", "SEL_108", 2027, "1.000.000"],
                ["Paragraf", "SEL_108", 2027, "900.000"],
            ],
            "Afgang": [["Antal", "Fra", "Gruppering", "Værdi"], [1, "2028-01", "paragraf", "SEL_107"]],
            "Tilgang": [
                [
                    "Navn",
                    "Antal pr. måned",
                    "Fra",
                    "Til",
                    "Takst",
                    "Enhed",
                    "Takstår",
                    "Varighed (mdr.)",
                    "Paragraf",
                ],
                ["Nye § 108", 2, "2027-07", "2027-07", 2500, "døgn", 2027, 12, "SEL_108"],
            ],
        },
    )
    parsed = read_portfolio(path)
    (duplicate,) = parsed.errors
    assert (duplicate.sheet, duplicate.row) == ("Budget", 3) and "række 2" in duplicate.reason
    first, second = (r.placement for r in parsed.placements)
    assert (parsed.placements[0].sheet, parsed.placements[0].row) == ("Anbringelser", 3)
    assert first.sagsnummer == "2027-0042" and first.tilbud_navn == "Bo Nord – Hus A"
    assert (first.takst, first.enhed, first.start, first.slut) == (
        Decimal("2500.00"),
        Enhed.DOEGN,
        date(2027, 3, 15),
        date(2027, 12, 31),
    )
    assert first.tillaeg_timer_pr_uge == Decimal("7.5") and first.gruppe == "Voksne"
    assert second.enhed is Enhed.MAANED and second.slut is None
    assert parsed.budget[0].dimension is Dimension.PARAGRAF and parsed.budget[0].beloeb == Decimal(
        "1000000.00"
    )
    assert parsed.tilgang[0].fra == date(2027, 7, 1) and parsed.tilgang[0].varighed_mdr == 12
    (afgang,) = parsed.afgang
    assert (afgang.antal, afgang.fra, afgang.dimension, afgang.key) == (
        1,
        date(2028, 1, 1),
        Dimension.PARAGRAF,
        "SEL_107",
    )


def test_bad_rows_are_refused_with_sheet_row_and_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        GOOD,
        ["A2", "Bo", None, None, None, None, 100, "uge", 2027, "2027-01-01", None, None, None, None],
        ["A3", "Bo", None, None, None, None, 100, "døgn", 2027, "1. marts", None, None, None, None],
        ["A4", "Bo", None, None, None, None, -5, "døgn", 2027, "2027-01-01", None, None, None, None],
        ["A5", "Bo", None, None, None, None, 100, "døgn", 2027, "2027-05-01", "2027-04-01", None, None, None],
        [
            "A6",
            "Bo",
            None,
            None,
            None,
            None,
            100,
            "døgn",
            2027,
            "2027-05-01",
            None,
            None,
            None,
            "far 0102031234",
        ],
        ["", "Bo", None, None, None, None, 100, "døgn", 2027, "2027-05-01", None, None, None, None],
    ]
    parsed = read_portfolio(_workbook(tmp_path / "p.xlsx", rows))
    assert [r.placement.sagsnummer for r in parsed.placements] == ["2027-0042"]
    where = {(e.row, e.column) for e in parsed.errors}
    assert where == {(4, "H"), (5, "J"), (6, "G"), (7, "K"), (8, "N"), (9, "A")}
    by_row = {e.row: e for e in parsed.errors}
    assert "døgn, dag eller måned" in by_row[4].reason
    assert "CPR" in by_row[8].reason and "0102031234" not in by_row[8].reason
    assert by_row[7].where == "p.xlsx, ark Anbringelser, række 7, kolonne K"


def test_csv_in_cp1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    text = "Sagsnummer;Tilbud;Takst;Enhed;Takstår;Start;Slut\n12;Bo Øst;1.234,50;døgn;2027;01-02-2027;\n"
    path.write_bytes(text.encode("cp1252"))
    parsed = read_portfolio(path)
    (row,) = parsed.placements
    assert row.placement.tilbud_navn == "Bo Øst" and row.placement.takst == Decimal("1234.50")
    assert row.row == 2 and row.sheet == "p"


def test_no_header_is_a_whole_file_error(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(UserError, match="sagsnummer"):
        read_portfolio(path)


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError):
        read_portfolio(path)


HOSTILE = [
    "billion_laughs.xlsx",
    "csv_named.xlsx",
    "empty.xlsx",
    "old_named.xlsx",
    "sst_bomb.xlsx",
    "truncated.xlsx",
    "xxe.xlsx",
    "zip_bomb.xlsx",
    "old.xls",
    "utf16.csv",
    "empty.csv",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_are_refused_like_a_takstfil(corpus: Path, name: str) -> None:  # noqa: F811
    with pytest.raises(UserError) as info:
        read_portfolio(corpus / name)
    assert info.value.where == name


def test_a_formula_saved_without_its_result_refuses_its_row_by_name(tmp_path: Path) -> None:
    uncomputed = [*GOOD[:6], "=2000+500", *GOOD[7:]]
    uncomputed[0] = "2027-0043"
    parsed = read_portfolio(_workbook(tmp_path / "p.xlsx", [GOOD, uncomputed]))
    assert [r.placement.sagsnummer for r in parsed.placements] == ["2027-0042"]
    [error] = parsed.errors
    assert (error.row, error.column) == (4, "G")
    assert "»=2000+500«" in error.reason


def test_without_a_placement_sheet_name_the_first_visible_sheet_is_read(tmp_path: Path) -> None:
    wb = Workbook()
    old = wb.active
    assert old is not None
    old.title = "Gammel"
    old.sheet_state = "hidden"
    old.append(PLACEMENT_HEADER)
    old.append(["2019-0001", *GOOD[1:]])
    current = wb.create_sheet("Sager")
    current.append(PLACEMENT_HEADER)
    current.append(GOOD)
    wb.active = 1
    wb.save(tmp_path / "p.xlsx")
    parsed = read_portfolio(tmp_path / "p.xlsx")
    assert [p.sheet for p in parsed.placements] == ["Sager"]
