"""Recognise CPR-like numbers so that no text input can store one.

A CPR number is ddmmyy-xxxx (or without the dash); the first six digits form a real date.
We refuse anything that looks like one — no modulus-11 check, since numbers issued since
2007 need not pass it. Digits embedded in longer digit runs are not CPR numbers (a
13-digit EAN is not refused), but one surrounded by letters or punctuation is.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

_CANDIDATE = re.compile(r"(?<![0-9])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![0-9])")


def _valid_birth_date(dd: int, mm: int, yy: int) -> bool:
    # The century comes from the 7th digit; every yy exists in 1900s and 2000s, and
    # 29 Feb is valid when either century makes it a leap year (e.g. 000229 is 2000-02-29).
    for century in (1900, 2000):
        try:
            date(century + yy, mm, dd)
        except ValueError:
            continue
        return True
    return False


def find_cpr(text: str) -> str | None:
    """Return the first CPR-like substring of ``text``, or None."""
    for match in _CANDIDATE.finditer(text):
        dd, mm, yy = (int(match.group(i)) for i in (1, 2, 3))
        if _valid_birth_date(dd, mm, yy):
            return match.group(0)
    return None


def looks_like_cpr(text: str) -> bool:
    return find_cpr(text) is not None


CPR_MESSAGE = (
    "Teksten ligner et CPR-nummer. RammeDesk gemmer aldrig CPR-numre eller borgernavne — "
    "brug sagsnummeret i stedet."
)


def refuse_cpr(text: str, where: str) -> None:
    """Raise a UserError naming ``where`` if ``text`` holds a CPR-like number."""
    if looks_like_cpr(text):
        from rammedesk.errors import UserError

        raise UserError(CPR_MESSAGE, where)


def mask_cpr(text: str) -> str:
    """``text`` with every CPR-like number replaced by "…": a name that may be shown."""

    def masked(match: re.Match[str]) -> str:
        dd, mm, yy = (int(match.group(i)) for i in (1, 2, 3))
        return "…" if _valid_birth_date(dd, mm, yy) else match.group(0)

    return _CANDIDATE.sub(masked, text)


FILE_NAME_MESSAGE = "Filnavnet indeholder noget, der ligner et CPR-nummer. Omdøb filen, og indlæs den igen."


def refuse_cpr_file_name(path: str | PurePath) -> None:
    """Refuse a file whose name holds a CPR-like number (file names are shown and stored).

    ``where`` is the name masked; only the name is looked at, not the folders above it.
    """
    name = PurePath(path).name
    if looks_like_cpr(name):
        from rammedesk.errors import UserError

        raise UserError(FILE_NAME_MESSAGE, mask_cpr(name))


def refuse_cpr_sheet_name(sheet: str, where: str | None = None) -> None:
    """Refuse to open a sheet whose name holds a CPR-like number (sheet names are stored)."""
    if looks_like_cpr(sheet):
        from rammedesk.errors import UserError

        raise UserError(
            f"Arket »{mask_cpr(sheet)}« har et navn, der ligner et CPR-nummer. Omdøb arket i Excel, "
            "og indlæs filen igen.",
            where,
        )
