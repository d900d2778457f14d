"""CVR, P-nummer and phone columns of a takstfil: read in any common spelling, stored on the
tilbud an import creates, refused (never echoed) when they hold a CPR number."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from rammedesk.domain import identifiers
from rammedesk.fileio.takstfil_reader import read_takstfil
from rammedesk.services.catalogue import tilbud_details
from rammedesk.services.import_undo import undo_last_import
from rammedesk.services.imports import import_takstfil
from tests.catalogue_builder import open_test_store
from tests.data.xlsx_builder import Cell, Formula, simple_xlsx

HEADER: list[Cell | Formula] = ["Tilbud", "Kommune", "CVR-nr.", "P-nummer", "Tlf.", "Takst 2026 kr./døgn"]


@given(st.integers(10_000_000, 99_999_999), st.sampled_from(["", "DK", "DK-", "dk "]), st.booleans())
def test_cvr_in_any_spelling_gives_its_eight_digits(number: int, prefix: str, spaced: bool) -> None:
    digits = str(number)
    text = " ".join(digits[i : i + 2] for i in range(0, 8, 2)) if spaced else digits
    assert identifiers.cvr_nummer(prefix + text) == digits


@given(st.integers(0, 99_999_999), st.sampled_from(["", "+45 ", "0045", "+45-"]))
def test_a_danish_phone_number_is_stored_as_eight_digits(number: int, prefix: str) -> None:
    digits = f"{number:08d}"
    spaced = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    assert identifiers.telefon(prefix + spaced) == digits


def test_values_that_are_not_identifiers_are_refused() -> None:
    assert identifiers.cvr_nummer("1234567") is None  # seven digits
    assert identifiers.cvr_nummer("01234567") is None
    assert identifiers.cvr_nummer("CVR mangler") is None
    assert identifiers.p_nummer("101285123") is None
    assert identifiers.p_nummer("1012851234") == "1012851234"
    assert identifiers.telefon("ring til kontoret") is None
    assert identifiers.telefon("123") is None
    assert identifiers.telefon("+46 8 123 456 78") == "+46812345678"
    assert identifiers.telefon("0046 8 123 456 78") == "+46812345678"


def _workbook(tmp_path: Path) -> Path:
    return simple_xlsx(
        tmp_path / "ids.xlsx",
        [
            HEADER,
            ["Egebo", "Aarhus", "DK-29 18 97 31", 1012851234, "+45 70 20 30 40", "2.000,00"],
            ["Lindely", "Aarhus", "29189731", "1012851234", "ring til kontoret", "2.100,00"],
            ["Bøgely", "Aarhus", "29189731", "010190-1234", "70203040", "2.200,00"],
            ["Askely", "Aarhus", "123", None, None, "2.300,00"],
        ],
    )


def test_identifier_columns_are_mapped_read_and_checked(tmp_path: Path) -> None:
    parsed = read_takstfil(_workbook(tmp_path))
    assert [parsed.mapping.columns[c].value for c in "CDE"] == ["cvr", "p_nummer", "telefon"]
    (egebo,) = parsed.takster
    assert (egebo.cvr, egebo.p_nummer, egebo.telefon) == ("29189731", "1012851234", "70203040")
    errors = {e.row: e for e in parsed.errors}
    assert sorted(errors) == [3, 4, 5]
    assert errors[3].column == "E" and "telefonnummeret med 8 cifre" in errors[3].reason
    assert "»ring til kontoret« kan ikke læses" in errors[3].reason
    # "ddmmyy-xxxx" is how a CPR number is written: refused even in the P-nummer column, unrepeated.
    assert errors[4].column == "D" and "CPR" in errors[4].reason and "010190" not in errors[4].reason
    assert errors[5].column == "C" and "CVR-nummeret skal være 8 cifre" in errors[5].reason


def test_a_created_tilbud_keeps_its_identifiers_until_undo(tmp_path: Path, empty_db: Path) -> None:
    store = open_test_store(empty_db)
    try:
        report = import_takstfil(store, read_takstfil(_workbook(tmp_path)), source="ids", dry_run=False)
        assert report.new_tilbud == 1 and len(report.rejected) == 3
        with sqlite3.connect(empty_db) as conn:
            (tilbud_id, cvr, p_nr, tlf), *others = conn.execute(
                "SELECT id, cvr, p_nummer, telefon FROM tilbud WHERE navn = 'Egebo'"
            ).fetchall()
            assert others == []
            assert not conn.execute("SELECT 1 FROM tilbud WHERE p_nummer LIKE '010190%'").fetchall()
        assert (cvr, p_nr, tlf) == ("29189731", "1012851234", "70203040")
        details = tilbud_details(store, tilbud_id)
        assert (details.cvr, details.p_nummer, details.telefon) == (cvr, p_nr, tlf)
        undo_last_import(store)
        with sqlite3.connect(empty_db) as conn:
            assert conn.execute("SELECT count(*) FROM tilbud").fetchone() == (0,)
    finally:
        store.close()


def test_a_year_column_reads_numbers_text_and_dates_and_refuses_once(tmp_path: Path) -> None:
    path = simple_xlsx(
        tmp_path / "years.xlsx",
        [
            ["Tilbud", "Kommune", "Takstår", "Pris pr. md."],
            ["Egebo", "Aarhus", 2025, "45.000"],
            ["Egebo", "Aarhus", "2024", "44.000"],
            ["Egebo", "Aarhus", "2025/26", "46.000"],
        ],
    )
    parsed = read_takstfil(path)
    assert [(t.row, t.aar) for t in parsed.takster] == [(2, 2025), (3, 2024)]
    (error,) = parsed.errors  # one refusal for the year cell, not a second "year missing"
    assert (error.row, error.column) == (4, "C") and "Året »2025/26« kan ikke læses" in error.reason
    # A date formatted cell in the year column (Excel shows 01-01-2022) means its year.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Tilbud", "Kommune", "Takstår", "Pris pr. md."])
    sheet.append(["Egebo", "Aarhus", datetime(2022, 1, 1), "42.000"])
    book.save(tmp_path / "date.xlsx")
    (takst,) = read_takstfil(tmp_path / "date.xlsx").takster
    assert takst.aar == 2022


@pytest.mark.parametrize("value", ["0101901234", "010190 1234"])
def test_a_cpr_number_in_a_tilbudsportalen_id_column_is_refused_unechoed(tmp_path: Path, value: str) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(f"Tilbud;Tilbudsid;Enhed;Takst 2025\nLysningen;{value};døgn;100\n", encoding="utf-8")
    parsed = read_takstfil(path)
    [error] = parsed.errors
    assert error.column == "B" and parsed.takster == ()
    assert "0101901234" not in error.reason and "010190" not in error.reason
