"""Danish number, money and date formatting for screens and reports (no Qt).

Money stays an exact ``Decimal`` until it is shown; rounding happens here, once, half-up to øre.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

THOUSANDS = "."
DECIMAL_MARK = ","
_OERE = Decimal("0.01")


def _group(digits: str) -> str:
    """'1234567' -> '1.234.567' (digits only, no sign)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return THOUSANDS.join(parts)


def format_int(value: int) -> str:
    """1500 -> '1.500'; -1234567 -> '-1.234.567'."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"format_int expects an int, got {type(value).__name__}")
    sign = "-" if value < 0 else ""
    return sign + _group(str(abs(value)))


def format_decimal(value: Decimal | int, places: int = 2) -> str:
    """Decimal('1234.565') -> '1.234,57' (half-up). Floats are refused: money must be exact."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {number}")
    if places < 0:
        raise ValueError("places must be >= 0")
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""  # -0,00 is shown as 0,00
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = sign + _group(whole)
    return f"{text}{DECIMAL_MARK}{fraction}" if places else text


def format_kr(value: Decimal | int) -> str:
    """Decimal('4155') -> '4.155,00 kr.' (rounded half-up to øre)."""
    return f"{format_decimal(value, 2)} kr."


def round_oere(value: Decimal) -> Decimal:
    """The amount ``format_kr`` shows, as a Decimal."""
    return value.quantize(_OERE, rounding=ROUND_HALF_UP)


def format_date(value: date) -> str:
    """date(2026, 11, 23) -> '23.11.2026'."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def format_date_long(value: date) -> str:
    """date(2026, 11, 23) -> '23. november 2026'."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def format_count(value: int, singular: str, plural: str | None = None) -> str:
    """format_count(1500, 'tilbud') -> '1.500 tilbud'; (1, 'takst', 'takster') -> '1 takst'."""
    word = singular if value == 1 else (plural if plural is not None else singular)
    return f"{format_int(value)} {word}"
