from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.danish_numbers import (
    INDIVIDUEL,
    FootnoteMarker,
    NotANumber,
    float_to_decimal,
    format_danish,
    parse_amount,
    parse_amount_text,
    parse_amount_text_general,
)


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


@given(st.text(alphabet="0123456789.,", max_size=14))
def test_fast_path_reads_as_the_full_rules(text: str) -> None:
    # Digit/dot/comma strings are where the fast path applies; it must never read differently.
    try:
        expected: object = parse_amount_text_general(text)
    except NotANumber:
        expected = NotANumber
    try:
        got: object = parse_amount_text(text)
    except NotANumber:
        got = NotANumber
    assert got == expected


@pytest.mark.parametrize("text", ["1,234", "1.100,50", "12.345.678,9", "0,05", "007", "1.23", "1,2345"])
def test_fast_path_examples(text: str) -> None:
    def outcome(parse: object) -> object:
        try:
            return parse(text)  # type: ignore[operator]
        except NotANumber:
            return NotANumber

    assert outcome(parse_amount_text) == outcome(parse_amount_text_general)


@pytest.mark.parametrize("text", ["4,155", "12,345", "1,2345", "kr. 417,505"])
def test_more_than_two_decimals_in_text_is_refused_not_rounded(text: str) -> None:
    with pytest.raises(NotANumber, match="mere end to decimaler"):
        parse_amount_text(text)


def test_en_dash_and_minus_sign_both_make_a_negative_amount() -> None:
    assert parse_amount_text("\u20131.000,00") == parse_amount_text("\u22121.000,00") == Decimal("-1000.00")
    with pytest.raises(NotANumber):  # English for 4.150,00 or Danish for 4,15? Never guessed.
        parse_amount_text("4,150")


@pytest.mark.parametrize("value", ["100000000000000000000000000", 1e30, 10**40])
def test_a_number_too_large_for_decimal_is_refused_not_a_crash(value: object) -> None:
    with pytest.raises(NotANumber):
        parse_amount(value)


def test_a_huge_number_is_not_an_amount() -> None:
    # Found by hypothesis: quantizing 10**26 to øre overflowed Decimal's 28-digit context.
    with pytest.raises(NotANumber, match="for stort"):
        parse_amount("100000000000000000000000000")


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("2.100,00*", "*"),
        ("2.100,00 *)", "*)"),
        ("2.100,00**", "**"),
        ("2.100,00 (*)", "(*)"),
        ("2.100,00¹", "¹"),
        ("2.100,00 ²", "²"),
        ("2.100,00 (1)", "(1)"),
        ("2.100,00 1)", "1)"),
        ("417 kr./time*", "*"),
        ("*2.100,00", "*"),
        ("2.100,00†", "†"),
    ],
)
def test_a_footnote_marker_is_refused_saying_what_to_do(text: str, mark: str) -> None:
    with pytest.raises(FootnoteMarker) as caught:
        parse_amount(text)
    message = str(caught.value)
    assert message.startswith(f"Teksten »{text.strip()}« er ikke et beløb")
    assert f"fodnotemærke, »{mark}«" in message
    assert "læs fodnoten, og skriv beløbet uden mærket" in message.lower()
    assert isinstance(caught.value, NotANumber)  # every caller refusing a non-amount still does


@pytest.mark.parametrize("text", ["abc*", "ca. 2000", "Se note 1)", "2.100,00 kr. (inkl. moms)", "12a"])
def test_text_that_is_no_number_with_a_marker_is_not_called_a_footnote(text: str) -> None:
    with pytest.raises(NotANumber) as caught:
        parse_amount(text)
    assert not isinstance(caught.value, FootnoteMarker)


@pytest.mark.parametrize("value", ["-0", "-0,00", "-0.00", "(0)", "\u22120,00", -0.0, Decimal("-0"), -0.004])
def test_negative_zero_is_zero(value: object) -> None:
    amount = parse_amount(value)
    assert isinstance(amount, Decimal)
    assert amount == 0 and not amount.is_signed()
    assert format_danish(amount) == "0,00"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("0"), "0,00"),
        (Decimal("-0.00"), "0,00"),
        (Decimal("-0.004"), "0,00"),
        (Decimal("0.05"), "0,05"),
        (Decimal("1539"), "1.539,00"),
        (Decimal("4155.005"), "4.155,01"),
        (Decimal("-1234567.8"), "-1.234.567,80"),
    ],
)
def test_format_danish(value: Decimal, text: str) -> None:
    assert format_danish(value) == text


@given(
    st.decimals(min_value=-10_000_000, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
)
def test_format_danish_round_trips_and_zero_is_never_negative(value: Decimal) -> None:
    text = format_danish(value)
    parsed = parse_amount(text)
    assert parsed == value
    assert isinstance(parsed, Decimal) and parsed.as_tuple().exponent == -2
    assert not text.startswith("-") or value < 0
    assert parsed.is_signed() == (value < 0)


@pytest.mark.parametrize("text", ["2100)", "(2100", "-2100)"])
def test_an_unbalanced_parenthesis_is_not_an_amount(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_amount(text)
    assert parse_amount("(2100)") == Decimal("-2100.00")  # a bookkeeping minus stays one
