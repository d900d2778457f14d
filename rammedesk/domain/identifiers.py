"""Danish business identifiers and phone numbers as files write them → the form stored.

Files write them with spaces, dashes, dots, a "DK" prefix ("DK-29 18 97 31") or a country code
("+45 70 20 30 40"); the catalogue stores the digits only (a foreign phone number keeps its "+").
Each function returns None for a value that is not one, so the caller can say where it is.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/()\u00a0\u2009\u202f]+")
_DANISH_CODE = re.compile(r"^(?:\+|00)45")


def _digits(text: str) -> str:
    return _SEPARATORS.sub("", text.strip())


def cvr_nummer(text: str) -> str | None:
    """Eight digits, not starting with 0 ("DK 29189731", "29 18 97 31", "29.189.731")."""
    value = _digits(text)
    if value[:2].upper() == "DK":
        value = value[2:]
    return value if len(value) == 8 and value.isdigit() and value[0] != "0" else None


def p_nummer(text: str) -> str | None:
    """Ten digits ("1 003 456 789"); P-numre are never written with a prefix."""
    value = _digits(text)
    return value if len(value) == 10 and value.isdigit() and value[0] != "0" else None


def telefon(text: str) -> str | None:
    """A Danish number as its eight digits (a +45/0045 prefix dropped); a foreign one as "+"
    and its 7 to 15 digits."""
    value = _digits(text)
    value = _DANISH_CODE.sub("", value) if len(value) > 8 else value
    if len(value) == 8 and value.isdigit():
        return value
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.startswith("+") and value[1:].isdigit() and 7 <= len(value) - 1 <= 15:
        return value
    return None
