"""Amounts as takstfiler write them: real numbers or Danish text, always to Decimal.

Text rules (Danish convention first):

- "4.155,00", "2 750,5", "1.539", "kr. 417", "417 kr.", "417,-", "DKK 417" are read; spaces
  (also no-break and thin spaces) and "." group thousands, "," is the decimal mark.
- With both "." and "," the last one is the decimal mark ("4,155.00" is read too).
- Only "." : groups of exactly three digits ("1.539", "1.234.567") are thousands — Danish
  files write 1.539 for fifteen hundred and thirty-nine — anything else is a decimal point
  ("9.39", "1234.5", as csv exports from English systems write them).
- Only "," : "1,234,567" (two or more groups of three) is thousands; else a decimal comma.
- "Individuel pris", "efter aftale", "individuelt", "pris efter aftale", "aftales" → individual
  price (``INDIVIDUEL``), never zero.
- Blank, "-", "–" → ``None`` (no value on this line).
- Text with more than two decimals ("4,155", "12,345") is refused, not rounded: it may be a
  thousands separator written the English way.
- A unit after the number ("417 kr./time") is left to ``units.unit_in_text``; this parser
  strips the unit words so the number still reads.
- A footnote marker by the number ("2.100,00*", "2.100,00 *)", "2.100,00¹", "2.100,00 (1)")
  is refused (``FootnoteMarker``), not dropped: the footnote may change what the amount means.
- Zero is never negative: "-0", "-0,00", -0.0 and an amount rounding to -0,00 are 0,00.

``format_danish`` writes an amount back the Danish way ("1.539,00"); it reads back unchanged.

Floats from a spreadsheet reader become Decimal via ``Decimal(str(round(x, 6)))``: the six
decimals drop binary noise (2347.7899999999999 → 2347.79) while keeping every digit a
formula can meaningfully yield; the result is then quantized to øre (0.01, half up) like every
amount here. Amounts are stored to øre because takstfiler show them to øre; more digits would
be false precision from a division in a formula.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

OERE = Decimal("0.01")
_MAX_DIGITS = 20  # whole-kroner digits accepted; far above any amount, well inside the context


class Individuel(Enum):
    """The amount is set per case ("Individuel pris", "efter aftale")."""

    INDIVIDUEL = "individuel"


INDIVIDUEL = Individuel.INDIVIDUEL

# Error values as Excel shows them, in English and in Danish Excel (a csv export keeps them).
_EXCEL_ERROR = re.compile(
    r"#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA|"
    r"DIVISION/0!|I/T|NAVN\?|NUL!|REFERENCE!|VÆRDI!)",
    re.IGNORECASE,
)
_INDIVIDUEL_WORDS = re.compile(
    r"individuel|efter\s+aftale|aftales|ved\s+henvendelse|forhandles|ifoelge\s+aftale", re.IGNORECASE
)
_EMPTY = {"", "-", "–", "—", "--", "n/a", "na", "÷"}
# Currency and unit words that may surround a number; removed before the number is read.
_NOISE = re.compile(
    r"(?i)(kr\.?|dkk|,-|\.-|pr\.?\s*\w+\.?|/\s*\w+\.?|\b(?:døgn|doegn|dag|dage|time|timer|måned|"
    r"maaned|md|mdr|km|stk|ugen?|år)\b\.?)"
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_NUMBER = re.compile(r"^[+-]?\(?\d[\d.,]*\)?$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3}){2,}$")
# Read the same by the full rules below, only faster: dot groups of three, at most two decimals.
_PLAIN_DANISH = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*(?:,[0-9]{1,2})?|[0-9]+(?:,[0-9]{1,2})?")


# A footnote marker before or after a number: asterisks ("*", "**", "*)", "(*)"), superscript
# digits, daggers, or a footnote number in parentheses ("(1)", "1)") apart from the amount.
_MARK = r"\*+\)?|\(\*+\)|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[\u2020\u2021]+"
_FOOTNOTE_AFTER = re.compile(
    rf"^(?P<number>.*?[\d)-])\s*(?P<mark>{_MARK})$|^(?P<spaced>.*?\d)\s+(?P<numbered>\(?\d{{1,2}}\))$"
)
_FOOTNOTE_BEFORE = re.compile(r"^(?P<mark>\*+\)?)\s*(?P<number>[^*].*)$")


class NotANumber(ValueError):
    """The text is not an amount; ``str(exc)`` is a Danish explanation."""


class FootnoteMarker(NotANumber):
    """An amount with a footnote marker: refused, its message says to read the footnote."""


def quantize_oere(value: Decimal) -> Decimal:
    """``value`` to øre (half up); zero is never negative (-0,00 is 0,00)."""
    try:
        result = value.quantize(OERE, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # more digits than the decimal context holds
        raise NotANumber("Tallet er alt for stort til at være et beløb.") from exc
    return result.copy_abs() if result.is_zero() else result


def format_danish(value: Decimal) -> str:
    """An amount to øre, Danish style: Decimal("-1234.5") → "-1.234,50"; zero is "0,00"."""
    rounded = quantize_oere(value)
    whole, _, fraction = f"{rounded.copy_abs():f}".partition(".")
    head = len(whole) % 3 or 3
    grouped = ".".join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
    return f"{'-' if rounded < 0 else ''}{grouped},{fraction}"


def float_to_decimal(value: float) -> Decimal:
    """A spreadsheet float as Decimal to øre: 2347.7899999999999 → Decimal("2347.79")."""
    if not math.isfinite(value):
        raise NotANumber("Cellen indeholder ikke et tal.")
    return quantize_oere(Decimal(str(round(value, 6))))


def _digits_to_decimal(text: str) -> Decimal:
    dot, comma = text.rfind("."), text.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal_mark = "." if dot > comma else ","
        group = "," if decimal_mark == "." else "."
        body = text.replace(group, "")
        if body.count(decimal_mark) != 1:
            raise NotANumber("Tallet har flere decimaltegn.")
        normal = body.replace(",", ".")
    elif dot >= 0:
        normal = text.replace(".", "") if _THOUSANDS_DOT.match(text) else text
    elif comma >= 0:
        normal = text.replace(",", "") if _THOUSANDS_COMMA.match(text) else text.replace(",", ".")
    else:
        normal = text
    if normal.count(".") > 1 or normal.startswith(".") or normal.endswith("."):
        raise NotANumber("Tallet har et ukendt format.")
    try:
        return Decimal(normal)
    except InvalidOperation as exc:
        raise NotANumber("Tallet har et ukendt format.") from exc


def parse_amount_text(text: str) -> Decimal | Individuel | None:
    """Danish amount text → Decimal (to øre), ``INDIVIDUEL`` or None (blank).

    Raises ``NotANumber`` for text that is no amount. A negative amount is returned negative;
    judging it is the caller's job.
    """
    if _PLAIN_DANISH.fullmatch(text):  # the common case: "4.155,00", "1.539", "417"
        return quantize_oere(Decimal(text.replace(".", "").replace(",", ".")))
    return parse_amount_text_general(text)


def parse_amount_text_general(text: str) -> Decimal | Individuel | None:
    """``parse_amount_text`` without its fast path (the full rules; tests compare the two)."""
    stripped = text.strip()
    if stripped.lower() in _EMPTY:
        return None
    if _INDIVIDUEL_WORDS.search(stripped.replace("ø", "oe").replace("Ø", "Oe")):
        return INDIVIDUEL
    body = _NOISE.sub(" ", stripped)
    body = _SPACES.sub("", body).replace("\u2212", "-").replace("\u2013", "-")  # typographic minus, en dash
    body = body.rstrip("-").rstrip(".") if body.endswith((",-", ".-")) else body
    unbalanced = body.endswith(")") != body.lstrip("+-").startswith("(")  # "2.100,00 1)": a footnote
    if not body or unbalanced or not _NUMBER.match(body):
        if _EXCEL_ERROR.fullmatch(stripped):  # a csv saved from a sheet whose formula failed
            raise NotANumber(
                f"Teksten »{stripped}« er en fejl fra Excel (en formel, der ikke kunne regnes ud), "
                "ikke et beløb. Ret formlen i regnearket, og gem filen igen."
            )
        mark = _footnote(_NOISE.sub(" ", stripped).strip())
        if mark is not None:
            raise FootnoteMarker(
                f"Teksten »{_short(stripped)}« er ikke et beløb: den ser ud til at have et "
                f"fodnotemærke, »{mark}«. Læs fodnoten, og skriv beløbet uden mærket."
            )
        raise NotANumber(f"Teksten »{_short(stripped)}« er ikke et beløb.")
    negative = body.startswith("-") or (body.startswith("(") and body.endswith(")"))
    digits = body.lstrip("+-").strip("()")
    value = _digits_to_decimal(digits)
    if value.adjusted() > _MAX_DIGITS:  # quantize to øre would exceed Decimal's 28 digits
        raise NotANumber(f"Tallet »{_short(stripped)}« er for stort.")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        # "4,155" may mean 4.155 kr. or 4.155,00 written the English way: never guess.
        raise NotANumber(
            f"Beløbet »{_short(stripped)}« har mere end to decimaler; skriv det i kroner og øre "
            "(fx 4.155,00 eller 4,16)."
        )
    return quantize_oere(-value if negative else value)


def _footnote(text: str) -> str | None:
    """The footnote marker of ``text`` (currency and unit words removed) when the rest reads as
    a number, else None."""
    found = _FOOTNOTE_AFTER.match(text) or _FOOTNOTE_BEFORE.match(text)
    if found is None:
        return None
    number = found["number"] if found["number"] is not None else found["spaced"]
    mark = found["mark"] if found["mark"] is not None else found["numbered"]
    number = _SPACES.sub("", number).replace("\u2212", "-").replace("\u2013", "-")
    number = number.rstrip("-").rstrip(".") if number.endswith((",-", ".-")) else number
    balanced = number.endswith(")") == number.lstrip("+-").startswith("(")
    return mark if balanced and _NUMBER.match(number) else None


def is_no_amount(text: str) -> bool:
    """Text that says "no value here" ("-", "n/a"): read as a blank cell."""
    return text.strip().lower() in _EMPTY


def parse_amount(value: object) -> Decimal | Individuel | None:
    """A cell value (str, int, float, None) → Decimal to øre, ``INDIVIDUEL`` or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber("Cellen indeholder en sandhedsværdi, ikke et beløb.")
    if isinstance(value, int):
        return quantize_oere(Decimal(value))
    if isinstance(value, float):
        return float_to_decimal(value)
    if isinstance(value, Decimal):
        return quantize_oere(value)
    if isinstance(value, str):
        return parse_amount_text(value)
    raise NotANumber("Cellen indeholder en dato eller et klokkeslæt, ikke et beløb.")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
