"""Read a JSON file the user wrote (a mapping file, a scenario file): a byte order mark, as
Notepad writes it, is fine, and a syntax error is told in Danish with its line and column."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk.domain.cpr import mask_cpr
from rammedesk.errors import UserError

# json.JSONDecodeError.msg (its start) → what is wrong, in Danish.
_REASONS = (
    ("Expecting property name enclosed in double quotes", "der mangler et navn i anførselstegn"),
    ("Expecting ',' delimiter", "der mangler et komma"),
    ("Expecting ':' delimiter", "der mangler et kolon"),
    ("Expecting value", "der mangler en værdi"),
    ("Extra data", "der står mere efter JSON-dokumentets slutning"),
    ("Unterminated string", "en tekst mangler sit afsluttende anførselstegn"),
    ("Invalid control character", "en tekst indeholder et kontroltegn (fx et linjeskift eller en tabulator)"),
)


def json_reason(exc: json.JSONDecodeError) -> str:
    """Where and what, e.g. "linje 1, kolonne 29: der mangler et navn i anførselstegn"."""
    reason = next((dk for en, dk in _REASONS if exc.msg.startswith(en)), "ugyldig JSON")
    return f"linje {exc.lineno}, kolonne {exc.colno}: {reason}"


def read_json_file(path: Path, what: str, *, parse_float: Callable[[str], Any] | None = None) -> Any:
    """The parsed document; ``what`` names the file in messages ("Mapping-filen")."""
    where = mask_cpr(str(path))
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise UserError(f"{what} findes ikke.", where) from exc
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{what} er ikke gemt som UTF-8. Gem den igen som UTF-8, og prøv igen.", where
        ) from exc
    except OSError as exc:
        raise UserError(f"{what} kan ikke læses. Tjek, at det er en fil, du har adgang til.", where) from exc
    try:
        return json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{what} er ikke gyldig JSON: {json_reason(exc)}. Ret filen, og prøv igen.", where
        ) from exc
