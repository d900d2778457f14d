"""A column mapping as JSON (saved per source by the service) and column letters.

Schema, version 1::

    {"version": 1, "sheet": "Takster", "header_row": 4,
     "columns": {"A": "tilbud", "B": "afdeling", "D": "beloeb", "E": "beloeb"},
     "years": {"D": 2023, "E": 2024},
     "levels": {"D": "Niveau 1"},              # optional: the niveau of an amount column
     "headers": {"A": "Tilbud", ...}}          # optional: header text as read, for display

Column keys are Excel letters (A … XFD); values are ``Field`` values; ``years`` and ``levels``
keys must be columns mapped to an amount field (a level is the niveau text, at most 40
characters). Any other key, or a bad value, raises UserError naming it.
"""

from __future__ import annotations

import re
from typing import Any

from rammedesk.domain.takstfil import ColumnMapping, Field
from rammedesk.errors import UserError

MAPPING_VERSION = 1
_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_AMOUNTS = frozenset({Field.BELOEB, Field.BASISTAKST, Field.YDELSESTAKST})
_KEYS = {"version", "sheet", "header_row", "columns", "years", "levels", "headers"}
MAX_LEVEL_CHARS = 40  # Ydelse.niveau
MAX_COLUMN = 16_384  # XFD


def col_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_index(letter: str) -> int:
    """ "A" → 0, "AA" → 26."""
    n = 0
    for ch in letter:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def mapping_to_json(mapping: ColumnMapping) -> dict[str, Any]:
    return {
        "version": MAPPING_VERSION,
        "sheet": mapping.sheet,
        "header_row": mapping.header_row,
        "columns": {k: v.value for k, v in sorted(mapping.columns.items(), key=lambda kv: col_index(kv[0]))},
        "years": dict(sorted(mapping.years.items(), key=lambda kv: col_index(kv[0]))),
        **(
            {"levels": dict(sorted(mapping.levels.items(), key=lambda kv: col_index(kv[0])))}
            if mapping.levels
            else {}
        ),
        "headers": dict(mapping.headers),
    }


def _bad(key: str, what: str) -> UserError:
    return UserError(f"Kolonneopsætningen er ugyldig: {what}. Lav opsætningen igen.", f"nøgle »{key}«")


def _column(key: str, where: str) -> str:
    if not isinstance(key, str) or not _LETTERS.match(key) or col_index(key) >= MAX_COLUMN:
        raise _bad(where, f"»{key}« er ikke et kolonnebogstav (A, B, … XFD)")
    return key


def mapping_from_json(data: dict[str, Any]) -> ColumnMapping:
    if not isinstance(data, dict):
        raise _bad("(hele)", "forventede et JSON-objekt")
    for key in data:
        if key not in _KEYS:
            raise _bad(str(key), "ukendt nøgle")
    if data.get("version") != MAPPING_VERSION:
        raise _bad("version", f"version {data.get('version')!r} kendes ikke (forventede {MAPPING_VERSION})")
    sheet = data.get("sheet")
    if not isinstance(sheet, str) or not sheet:
        raise _bad("sheet", "arkets navn mangler")
    header_row = data.get("header_row")
    if not isinstance(header_row, int) or isinstance(header_row, bool) or not 0 <= header_row <= 1_048_576:
        raise _bad("header_row", "skal være et rækkenummer (0 = ingen overskrift)")
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, dict) or not raw_columns:
        raise _bad("columns", "skal være et objekt af kolonne → felt")
    columns: dict[str, Field] = {}
    for key, value in raw_columns.items():
        letter = _column(key, f"columns.{key}")
        try:
            columns[letter] = Field(value)
        except ValueError as exc:
            known = ", ".join(f.value for f in Field)
            raise _bad(f"columns.{key}", f"»{value}« er ikke et felt ({known})") from exc
    raw_years = data.get("years", {})
    if not isinstance(raw_years, dict):
        raise _bad("years", "skal være et objekt af kolonne → år")
    years: dict[str, int] = {}
    for key, value in raw_years.items():
        letter = _column(key, f"years.{key}")
        if columns.get(letter) not in _AMOUNTS:
            raise _bad(f"years.{key}", "kolonnen er ikke en beløbskolonne")
        if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2200:
            raise _bad(f"years.{key}", f"»{value}« er ikke et årstal")
        years[letter] = value
    raw_levels = data.get("levels", {})
    if not isinstance(raw_levels, dict):
        raise _bad("levels", "skal være et objekt af kolonne → niveau")
    levels: dict[str, str] = {}
    for key, value in raw_levels.items():
        letter = _column(key, f"levels.{key}")
        if columns.get(letter) not in _AMOUNTS:
            raise _bad(f"levels.{key}", "kolonnen er ikke en beløbskolonne")
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_LEVEL_CHARS:
            raise _bad(f"levels.{key}", f"niveauet skal være en tekst på 1–{MAX_LEVEL_CHARS} tegn")
        levels[letter] = value.strip()
    raw_headers = data.get("headers", {})
    if not isinstance(raw_headers, dict) or not all(isinstance(v, str) for v in raw_headers.values()):
        raise _bad("headers", "skal være et objekt af kolonne → tekst")
    headers = {_column(k, f"headers.{k}"): v for k, v in raw_headers.items()}
    return ColumnMapping(
        sheet=sheet, header_row=header_row, columns=columns, years=years, levels=levels, headers=headers
    )
