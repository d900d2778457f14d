"""A kommune or region as a Danish user writes it: a code or a name, the way letters and
forms do ("751", "0751", "Aarhus", "Århus", "Aarhus Kommune", "Københavns Kommune",
"Bornholms Regionskommune", "1082", "Midtjylland", "Region Midtjylland").

Pure: the caller passes the reference names (code → name).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from rammedesk.domain.folding import folded_text
from rammedesk.domain.kommune_names import kommune_of_text

_CODE = re.compile(r"0*([0-9]{1,6})")  # ASCII digits; leading zeros as in "0751"


def _code(text: str, names: Mapping[int, str]) -> int | None:
    found = _CODE.fullmatch(text)
    if found is None:
        return None
    code = int(found.group(1))
    return code if code in names else None


def _by_name(names: Mapping[int, str], drop_first: str | None = None) -> dict[str, int]:
    index: dict[str, int] = {}
    for code, name in names.items():
        folded = folded_text(name)
        index[folded] = code
        if drop_first and folded.startswith(drop_first + " "):
            index[folded.removeprefix(drop_first + " ")] = code
    return index


def match_kommune(text: str, names: Mapping[int, str]) -> int | None:
    """The kommunekode ``text`` names, or None: a code (leading zeros allowed) or a name,
    with or without "Kommune" (also the genitive "Københavns Kommune"); the same reading as a
    takstfil's kommune column (``kommune_names``), so the command line and files agree."""
    index = {folded_text(name): code for code, name in names.items()}
    index.update({str(code): code for code in names})
    words = text.split()
    if len(words) > 1 and folded_text(words[0]) == "kommune":  # "Kommune Aarhus", as on some forms
        text = " ".join(words[1:])
    return kommune_of_text(text, index)


def match_region(text: str, names: Mapping[int, str]) -> int | None:
    """The region code ``text`` names, or None: a code (1081–1085) or a name, with or
    without "Region" ("Midtjylland", "Region Midtjylland")."""
    value = text.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return _code(value, names)
    return _by_name(names, drop_first="region").get(folded_text(value))


def close_names(text: str, names: Mapping[int, str], limit: int = 3) -> list[int]:
    """Codes whose name looks like ``text`` (a typo, a name cut short), best first."""
    folded = folded_text(text)
    if not folded or folded.isdigit():
        return []
    index = _by_name(names)
    starting = [code for name, code in index.items() if name.startswith(folded)]
    if starting:
        return sorted(starting, key=lambda c: folded_text(names[c]))[:limit]
    return [index[n] for n in difflib.get_close_matches(folded, list(index), n=limit, cutoff=0.75)]


def suggested_kommuner(text: str, names: Mapping[int, str]) -> list[int]:
    """Kommuner to suggest for an unknown one: close to its name without "Kommune", else to its
    first word ("Ringkøbing" → Ringkøbing-Skjern, "Brønderslev-Dronninglund" → Brønderslev)."""
    words = folded_text(text).split()
    if words and words[-1] in ("kommune", "regionskommune"):
        words = words[:-1]
    if not words:
        return []
    return close_names(" ".join(words), names) or (close_names(words[0], names) if len(words) > 1 else [])
