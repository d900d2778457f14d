"""Danish number, money and date formatting."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.presenters.formatting import (
    format_count,
    format_date,
    format_date_long,
    format_decimal,
    format_int,
    format_kr,
    round_oere,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1500, "1.500"),
        (-1500, "-1.500"),
        (1234567, "1.234.567"),
        (10**12, "1.000.000.000.000"),
    ],
)
def test_format_int(value: int, text: str) -> None:
    assert format_int(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("4155"), "4.155,00 kr."),
        (Decimal("2639.375"), "2.639,38 kr."),  # half-up, not banker's rounding
        (Decimal("2639.365"), "2.639,37 kr."),
        (Decimal("0.005"), "0,01 kr."),
        (Decimal("-0.004"), "0,00 kr."),  # no "-0,00"
        (Decimal("-1234.5"), "-1.234,50 kr."),
        (Decimal("730000"), "730.000,00 kr."),
        (12, "12,00 kr."),
    ],
)
def test_format_kr(value: Decimal, text: str) -> None:
    assert format_kr(value) == text


def test_money_refuses_floats_and_non_finite() -> None:
    with pytest.raises(TypeError):
        format_kr(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_int(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_int(True)
    with pytest.raises(ValueError):
        format_kr(Decimal("NaN"))
    with pytest.raises(ValueError):
        format_decimal(Decimal("Infinity"))


def test_format_decimal_places() -> None:
    assert format_decimal(Decimal("834.2857"), 2) == "834,29"
    assert format_decimal(Decimal("3.05"), 1) == "3,1"
    assert format_decimal(Decimal("1234.5"), 0) == "1.235"


def test_dates() -> None:
    assert format_date(date(2026, 11, 23)) == "23.11.2026"
    assert format_date(date(2027, 3, 5)) == "05.03.2027"
    assert format_date_long(date(2026, 11, 23)) == "23. november 2026"
    assert format_date_long(date(2027, 5, 1)) == "1. maj 2027"


def test_format_count() -> None:
    assert format_count(1500, "tilbud") == "1.500 tilbud"
    assert format_count(1, "takst", "takster") == "1 takst"
    assert format_count(0, "takst", "takster") == "0 takster"
    assert format_count(4155, "takst", "takster") == "4.155 takster"


def _parse_int(text: str) -> int:
    return int(text.replace(".", ""))


def _parse_kr(text: str) -> Decimal:
    assert text.endswith(" kr.")
    return Decimal(text.removesuffix(" kr.").replace(".", "").replace(",", "."))


GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})*$")


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_int_round_trips_and_groups_by_three(value: int) -> None:
    text = format_int(value)
    assert _parse_int(text) == value
    assert GROUPED.match(text)


money = st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=6)


@given(money)
def test_kr_is_the_half_up_rounded_amount(value: Decimal) -> None:
    text = format_kr(value)
    shown = _parse_kr(text)
    assert shown == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == round_oere(value)
    assert abs(shown - value) <= Decimal("0.005")
    whole, _, oere = text.removesuffix(" kr.").partition(",")
    assert GROUPED.match(whole) and len(oere) == 2
    assert not text.startswith("-0,00")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_kroner_have_zero_oere(value: int) -> None:
    assert format_kr(Decimal(value)) == f"{format_int(value)},00 kr."


@given(st.dates(min_value=date(1000, 1, 1)))
def test_date_round_trips(value: date) -> None:
    assert datetime.strptime(format_date(value), "%d.%m.%Y").date() == value
    day, month_name, year = format_date_long(value).split(" ")
    assert day == f"{value.day}." and int(year) == value.year
