"""A kommune as a takstfil writes it → its kommunekode (pure; the known kommuner are passed in).

Understood spellings, case-insensitive and folded (å/aa, ø/oe: "Århus" = "Aarhus", "Høje
Tåstrup" = "Høje-Taastrup"): the name ("Aarhus"), "Aarhus Kommune", the genitive
"Københavns Kommune", "Bornholms Regionskommune", the code with or without leading zeros
("751", "0751"), and code with name ("751 Aarhus", "0751 Aarhus Kommune", "Aarhus (751)") when
the two agree. A heading may say more after the kommune ("Aarhus Kommune, Socialpsykiatri").
A misspelling is never guessed, nor a region taken for a kommune.

A driftsherre names a kommune only when it says so ("Aarhus Kommune", "Københavns Kommune",
"Bornholms Regionskommune"); "Region Midtjylland" or a private name gives none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rammedesk.domain.folding import folded_text

_KOMMUNE_WORDS = frozenset({"kommune", "regionskommune"})
_REGIONS = frozenset({"hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"})
_LABELLED = re.compile(r"\s*(kommune|region)\s*[:–-]\s*(.+)", re.IGNORECASE)
# "Kolding Kommune, Socialpsykiatri", "Kolding Kommune – børn og unge": a kommune, then more.
_SAYING_MORE = re.compile(
    r"\s*(.+?(?:regions)?kommune)\s*(?:[,:;(–—/]|\s-\s)\s*\S.*", re.IGNORECASE | re.DOTALL
)


def _by_name(name: list[str], kommuner: Mapping[str, int]) -> int | None:
    """The kommune of folded name words, trying the genitive ("Københavns") without its s."""
    if not name or name[-1].isdigit():
        return None
    text = " ".join(name)
    found = kommuner.get(text)
    if found is None and text.endswith("s"):
        found = kommuner.get(text[:-1])
    return found


def _code(word: str, kommuner: Mapping[str, int]) -> int | None:
    if not word.isdigit() or len(word) > 4:
        return None
    return kommuner.get(str(int(word)))


def kommune_of_text(text: str, kommuner: Mapping[str, int]) -> int | None:
    """The kommunekode ``text`` names, or None. ``kommuner``: folded name and code text → code
    (as ``folded_text(navn)`` and ``str(kode)``)."""
    parts = folded_text(text).split()
    if parts and parts[-1] in _KOMMUNE_WORDS:
        parts = parts[:-1]
    if not parts:
        return None
    if parts[0].isdigit():
        code, name = _code(parts[0], kommuner), parts[1:]
    elif parts[-1].isdigit():
        code, name = _code(parts[-1], kommuner), parts[:-1]
    else:
        return _by_name(parts, kommuner)
    if name and name[-1] in _KOMMUNE_WORDS:
        name = name[:-1]
    if code is None or not name:
        return code
    return code if _by_name(name, kommuner) == code else None


def kommune_of_driftsherre(text: str, kommuner: Mapping[str, int]) -> int | None:
    """The kommune a kommunal driftsherre ("Aarhus Kommune") names, or None."""
    parts = folded_text(text).split()
    if len(parts) < 2 or parts[-1] not in _KOMMUNE_WORDS:
        return None
    return kommune_of_text(text, kommuner)


def heading_kommune(text: str, kommuner: Mapping[str, int]) -> str | None:
    """What a group heading's one text names: the kommune text its rows get ("Vejle Kommune",
    "0630 Vejle Kommune", "Københavns Kommune", "Bornholms Regionskommune", code with name: "630 -
    Vejle", "630 Vejle", "Vejle (630)"; "Kommune: Vejle" → "Vejle"; a kommune saying more:
    "Kolding Kommune, Socialpsykiatri" → "Kolding Kommune"), "" for a region ("Region
    Nordjylland", "Region: Nordjylland"), else None. A bare name ("Vejle") is None: it may be a
    tilbud's name; so is a kommune that does not exist (``mentions_kommune`` tells it may be one)."""
    if (labelled := _LABELLED.fullmatch(text)) is not None:
        rest = labelled.group(2).strip()
        if labelled.group(1).lower() == "region":
            return "" if folded_text(rest) in _REGIONS else None
        return rest if kommune_of_text(rest, kommuner) is not None else None
    parts = folded_text(text).split()
    if len(parts) == 2 and parts[0] == "region" and parts[1] in _REGIONS:
        return ""
    if len(parts) >= 2 and kommune_of_text(text, kommuner) is not None:
        if parts[-1] in _KOMMUNE_WORDS or any(p.isdigit() for p in parts):
            return text.strip()  # "Vejle Kommune", "630 - Vejle", "Vejle (630)"
    if text.rstrip().endswith(":") and kommune_of_text(text.rstrip()[:-1], kommuner) is not None:
        return text.rstrip()[:-1].strip()  # "Odense:": a label, not a tilbud's name
    if (said := _SAYING_MORE.match(text)) is not None:  # "Kolding Kommune, Socialpsykiatri"
        head = said.group(1).strip()
        return head if kommune_of_text(head, kommuner) is not None else None
    return None


def mentions_kommune(text: str) -> bool:
    """Whether ``text`` has the word "Kommune" or "Regionskommune" in it (folded)."""
    return not _KOMMUNE_WORDS.isdisjoint(folded_text(text).split())
