from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.cpr import find_cpr, looks_like_cpr, refuse_cpr
from rammedesk.errors import UserError


@pytest.mark.parametrize(
    "text",
    ["010190-1234", "0101901234", "Sag vedr. 311299-4321 haster", "cpr:290200-1111", "150575 1234"],
)
def test_cpr_like_numbers_are_found(text: str) -> None:
    assert looks_like_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-0412",  # a case number
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "290201-1234",  # 29 Feb 2001 and 1901 do not exist
        "12345678",  # CVR / phone
        "1234567890123",  # EAN: 13 digits, no CPR inside a longer digit run
        "P-nummer 1013384758",  # 10 digits but 101338 is no date
        "",
    ],
)
def test_non_cpr_text_passes(text: str) -> None:
    assert not looks_like_cpr(text)


def test_leap_day_of_2000_is_a_date() -> None:
    assert looks_like_cpr("290200-1234")


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(d=dates, tail=st.integers(0, 9999), dash=st.booleans(), prefix=st.text(alphabet="abc ,.:"))
def test_every_real_birth_date_is_recognised(d: date, tail: int, dash: bool, prefix: str) -> None:
    number = f"{d:%d%m%y}{'-' if dash else ''}{tail:04d}"
    assert find_cpr(prefix + number + " slut") == number


@given(d=dates, tail=st.integers(0, 9999))
def test_invalid_day_is_never_recognised(d: date, tail: int) -> None:
    # The day after the month's last day (day 32 or e.g. 31 April) is never a date; February
    # gets 30, since 29 is a date in one of the two centuries whenever yy is divisible by 4.
    last = (d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    bad_day = 30 if d.month == 2 else last.day + 1
    assert not looks_like_cpr(f"{bad_day:02d}{d:%m%y}-{tail:04d}")


@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"])))
def test_text_without_digits_is_never_cpr(text: str) -> None:
    assert not looks_like_cpr(text)


def test_refuse_cpr_names_the_place() -> None:
    with pytest.raises(UserError) as info:
        refuse_cpr("note 010190-1234", "Note, linje 1")
    assert info.value.where == "Note, linje 1"
    assert "CPR" in info.value.message
    refuse_cpr("sag 2026-0412", "Note")  # no error


def test_mask_cpr_hides_every_cpr_like_number_and_keeps_the_rest() -> None:
    from rammedesk.domain.cpr import mask_cpr

    assert mask_cpr("Sag 150287-4411") == "Sag …"
    assert mask_cpr("borger_1502874411_og_010190 1234.csv") == "borger_…_og_….csv"
    assert mask_cpr("Takster 2026") == "Takster 2026"
    assert mask_cpr("EAN 5701234567890") == "EAN 5701234567890"  # a longer digit run is no CPR
    assert mask_cpr("999999-1234") == "999999-1234"  # no date


def test_refuse_cpr_names_do_not_repeat_the_number() -> None:
    from rammedesk.domain.cpr import refuse_cpr_file_name, refuse_cpr_sheet_name

    with pytest.raises(UserError) as file_error:
        refuse_cpr_file_name("/tmp/sager/borger_150287-4411.xlsx")
    assert file_error.value.message == (
        "Filnavnet indeholder noget, der ligner et CPR-nummer. Omdøb filen, og indlæs den igen."
    )
    assert file_error.value.where == "borger_….xlsx"
    with pytest.raises(UserError) as sheet_error:
        refuse_cpr_sheet_name("Sag 150287-4411")
    assert "150287" not in str(sheet_error.value) and "Omdøb arket" in sheet_error.value.message
    refuse_cpr_file_name("/tmp/150287-4411/takster.xlsx")  # only the name is looked at (and stored)
    refuse_cpr_sheet_name("Takster 2026")


@given(st.text(alphabet="0123456789 -_aSg", max_size=40))
def test_a_masked_text_never_holds_a_cpr_like_number(text: str) -> None:
    from rammedesk.domain.cpr import mask_cpr

    assert not looks_like_cpr(mask_cpr(text))
