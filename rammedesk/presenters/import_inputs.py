"""What the user types on the import wizard's pages, read and checked (Danish messages)."""

from __future__ import annotations

import re
from pathlib import Path

from rammedesk.errors import UserError

_YEARISH = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
MIN_COLUMN_YEAR, MAX_COLUMN_YEAR = 1900, 2200  # what a mapping file may hold (takstfil_mapping)
MAX_LEVEL_CHARS = 40  # Ydelse.niveau; the mapping file refuses a longer level


def default_source(path: Path) -> str:
    """'Takster Midt 2024.xlsx' → 'Takster Midt': next year's file from the sender maps itself."""
    stem = _YEARISH.sub("", Path(path).stem)
    stem = re.sub(r"[\s_\-–.]+", " ", stem).strip()
    return stem or Path(path).stem


def parse_kommune(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 100 <= int(text) <= 999:
        raise UserError(f"»{text}« er ikke en kommunekode. Skriv tre cifre, fx 751 for Aarhus.", "Kommune")
    return int(text)


def parse_column_year(text: str) -> int | None:
    """An amount column's takst year as typed: empty → None (the row's or the file's year)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not MIN_COLUMN_YEAR <= int(text) <= MAX_COLUMN_YEAR:
        raise UserError(
            f"»{text}« er ikke et årstal. Skriv fire cifre, fx 2025, eller lad feltet stå tomt, "
            "så bruges året fra rækken eller filen."
        )
    return int(text)


def parse_level(text: str) -> str | None:
    """An amount column's niveau as typed: empty → None (the row's niveau); "2" → "Niveau 2",
    as a "Takst 2" header proposes it, so next year's file gets the same niveau."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > MAX_LEVEL_CHARS:
        raise UserError(f"Niveauet må højst være {MAX_LEVEL_CHARS} tegn. Forkort teksten.")
    return f"Niveau {int(text)}" if text.isdigit() else text
