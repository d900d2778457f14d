from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.danish_numbers import INDIVIDUEL, NotANumber, float_to_decimal, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.155,00", "4155.00"),
        ("1.539", "1539.00"),
        ("2 750,5", "2750.50"),
        ("2\u00a0750,5", "2750.50"),
        ("kr. 417", "417.00"),
        ("417 kr./time", "417.00"),
        ("2.461,-", "2461.00"),
        ("9,39", "9.39"),
        ("9.39", "9.39"),
        ("4,155.00", "4155.00"),
        ("1.234.567", "1234567.00"),
        ("73.964 kr./md.", "73964.00"),
        ("-417", "-417.00"),
        ("\u2212417", "-417.00"),
    ],
)
def test_danish_text(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["Individuel pris", "efter aftale", "Pris efter aftale", "INDIVIDUELT"])
def test_individual_price_is_not_zero(text: str) -> None:
    assert parse_amount(text) is INDIVIDUEL


@pytest.mark.parametrize("text", ["", "  ", "-", "–"])
def test_blank(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["abc", "ca. tusind", "1,2,3.4.5", "12a"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_amount(text)


def test_floats_lose_binary_noise() -> None:
    assert float_to_decimal(2347.7899999999999) == Decimal("2347.79")
    assert float_to_decimal(2930.085) == Decimal("2930.09")
    assert parse_amount(4155) == Decimal("4155.00")
    with pytest.raises(NotANumber):
        float_to_decimal(float("nan"))


@given(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False))
def test_danish_format_round_trips(value: Decimal) -> None:
    whole, frac = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert parse_amount(f"{grouped},{frac}") == value
    assert parse_amount(f"kr. {grouped},{frac}") == value
    assert parse_amount(f"{int(whole):,}".replace(",", " ") + f",{frac}") == value


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_floats_are_within_half_an_oere(value: float) -> None:
    result = float_to_decimal(value)
    assert result.as_tuple().exponent == -2
    assert abs(result - Decimal(value)) <= Decimal("0.005") + Decimal("1e-6")


@given(st.text(max_size=30))
def test_never_crashes(text: str) -> None:
    try:
        parse_amount(text)
    except NotANumber:
        pass


def test_a_huge_number_is_not_an_amount() -> None:
    # Found by hypothesis: quantizing 10**26 to øre overflowed Decimal's 28-digit context.
    with pytest.raises(NotANumber, match="for stort"):
        parse_amount("100000000000000000000000000")
