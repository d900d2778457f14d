"""Unit spellings in takstfiler → ``Enhed``.

A unit cell reads "pr. døgn", "kr./døgn", "Døgn", "døgnpris", "time", "timepris", "md.",
"pr. måned", "km", "stk.", "dag", "dagtakst", … ``parse_unit`` reads a cell that holds only a
unit; ``unit_in_text`` finds one inside longer text ("Takst kr./døgn", "417 kr./time",
"Takster pr. døgn – gældende for 2023").
"""

from __future__ import annotations

import re

from rammedesk.domain.folding import fold
from rammedesk.domain.vocab import Enhed

# Folded words (see domain/folding.py) → unit. Order matters only within unit_in_text.
_WORDS: dict[str, Enhed] = {
    "doegn": Enhed.DOEGN,
    "doegnet": Enhed.DOEGN,
    "doegntakst": Enhed.DOEGN,
    "doegnpris": Enhed.DOEGN,
    "doegnsats": Enhed.DOEGN,
    "overnatning": Enhed.DOEGN,
    "nat": Enhed.DOEGN,
    "dag": Enhed.DAG,
    "dagen": Enhed.DAG,
    "dage": Enhed.DAG,
    "dagtakst": Enhed.DAG,
    "dagspris": Enhed.DAG,
    "dagpris": Enhed.DAG,
    "hverdag": Enhed.DAG,
    "time": Enhed.TIME,
    "timen": Enhed.TIME,
    "timer": Enhed.TIME,
    "timepris": Enhed.TIME,
    "timetakst": Enhed.TIME,
    "t": Enhed.TIME,
    "md": Enhed.MAANED,
    "mdr": Enhed.MAANED,
    "mdl": Enhed.MAANED,
    "maaned": Enhed.MAANED,
    "maaneden": Enhed.MAANED,
    "maaneder": Enhed.MAANED,
    "maanedlig": Enhed.MAANED,
    "maanedligt": Enhed.MAANED,
    "maanedspris": Enhed.MAANED,
    "maanedstakst": Enhed.MAANED,
    "km": Enhed.KM,
    "kilometer": Enhed.KM,
    "stk": Enhed.STK,
    "styk": Enhed.STK,
    "ydelse": Enhed.STK,
    "gang": Enhed.STK,
    "forloeb": Enhed.STK,
    "enkeltydelse": Enhed.STK,
}
_FILLER = {"kr", "pr", "per", "dkk", "i", "alt", "takst", "pris", "beloeb", "a", "om", "enhed"}
_WORD = re.compile(r"[a-z0-9]+")
# Inside longer text a unit is marked: "pr. døgn", "kr./døgn", "kr. pr. time", "/md.", "pr døgn".
_MARKED = re.compile(r"(?:\bpr\.?|\bper|/)\s*([a-z]+)")


def parse_unit(text: str) -> Enhed | None:
    """A cell holding a unit → Enhed; None when blank or unknown (the caller tells which)."""
    words = [w for w in _WORD.findall(fold(text)) if w not in _FILLER]
    if len(words) != 1:
        return None
    return _WORDS.get(words[0])


def unit_in_text(text: str) -> Enhed | None:
    """A unit marked inside longer text ("Takst kr./døgn", "417 kr. pr. time"), else None."""
    folded = fold(text)
    for match in _MARKED.finditer(folded):
        unit = _WORDS.get(match.group(1))
        if unit is not None:
            return unit
    return None


# A takst word naming its unit ("Døgntakst 2025", "Timepris", "Månedstakster"): in a column
# header it gives the unit by itself, where a bare "dag" or "time" would not ("Dagtilbud"). Not
# in a title block, which may name several ("Døgntakster og timepriser").
_TAKST_WORDS = {w: u for w, u in _WORDS.items() if w.endswith(("takst", "pris", "sats"))}


def unit_in_header(text: str) -> Enhed | None:
    """``unit_in_text``, or a takst word that names its unit ("Døgntakst 2025" → døgn)."""
    unit = unit_in_text(text)
    if unit is not None:
        return unit
    for word in _WORD.findall(fold(text)):
        found = _TAKST_WORDS.get(word[:-2] if word.endswith(("takster", "priser", "satser")) else word)
        if found is not None:
            return found
    return None


_UNIT_PHRASE = re.compile(
    r"(?i)(?:\bpr\.?|\bper\b|/)\s*(?:døgn|doegn|dage?|timer?|måned|maaned|mdr?|km|stk|uge)\b\.?"
    r"|\(\s*(?:kr|dkk)\.?\s*\)|\b(?:kr|dkk)\b\.?"
)


def strip_unit_words(text: str) -> str:
    """Text without its currency and marked unit ("Bostøtte kr./time" → "Bostøtte")."""
    return " ".join(_UNIT_PHRASE.sub(" ", text).split())
