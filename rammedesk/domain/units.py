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
# Words around a unit that say nothing about which ("pr. påbegyndt time", "pr. hele døgn").
_QUALIFIERS = {"paabegyndt", "paabegyndte", "hel", "hele", "fuld", "fulde"}
_FILLER = {"kr", "pr", "per", "dkk", "i", "alt", "takst", "pris", "beloeb", "a", "om", "enhed", *_QUALIFIERS}
_WORD = re.compile(r"[a-z0-9]+")
# A plural ending in brackets: "dag(e)", "time(r)".
_PLURAL = re.compile(r"(?<=[a-z])\((?:e|er|r|n|ne)\)")
# Inside longer text a unit is marked: "pr. døgn", "kr./døgn", "kr. pr. time", "/md.", "pr døgn",
# "pr. påbegyndt time".
_MARKED = re.compile(r"(?:\bpr\.?|\bper|/)\s*(?:(?:paabegyndte?|hele?|fulde?)\s+)?([a-z]+)")
# Units RammeDesk does not reckon in (folded word → the unit as a message names it).
_UNSUPPORTED = {
    **dict.fromkeys(("aar", "aaret", "aarlig", "aarligt", "helaar"), "år"),
    **dict.fromkeys(("aarstakst", "aarspris", "aarsbeloeb", "aarsbetaling"), "år"),
    **dict.fromkeys(("halvaar", "halvaaret", "halvaarstakst"), "halvår"),
    **dict.fromkeys(("kvartal", "kvartalet", "kvartalstakst", "kvartalspris"), "kvartal"),
    **dict.fromkeys(("uge", "ugen", "uger", "ugentlig", "ugentligt", "ugetakst", "ugepris"), "uge"),
    **dict.fromkeys(("minut", "minutter", "minuttet", "minuttakst", "minutpris"), "minut"),
}


def _folded(text: str) -> str:
    return _PLURAL.sub("", fold(text))


def parse_unit(text: str) -> Enhed | None:
    """A cell holding a unit → Enhed; None when blank or unknown (the caller tells which)."""
    words = [w for w in _WORD.findall(_folded(text)) if w not in _FILLER]
    if len(words) != 1:
        return None
    return _WORDS.get(words[0])


def unit_in_text(text: str) -> Enhed | None:
    """A unit marked inside longer text ("Takst kr./døgn", "417 kr. pr. time"), else None."""
    folded = _folded(text)
    for match in _MARKED.finditer(folded):
        unit = _WORDS.get(match.group(1))
        if unit is not None:
            return unit
    return None


def unsupported_unit(text: str, *, cell: bool) -> str | None:
    """The unit RammeDesk does not reckon in that ``text`` names ("år", "uge", "kvartal"), or
    None. A unit ``cell`` names it by any word ("år", "pr. uge"); a header only by a takst word
    ("Årstakst 2025") or a marked unit ("kr./år"), for "Takst for år 2025" names a year."""
    folded = _folded(text)
    if cell:
        words = _WORD.findall(folded)
    else:
        words = [m.group(1) for m in _MARKED.finditer(folded)]
        words += [w for w in _WORD.findall(folded) if w.endswith(("takst", "takster", "pris", "priser"))]
    for word in words:
        found = _UNSUPPORTED.get(word) or _UNSUPPORTED.get(word.removesuffix("er"))
        if found is not None:
            return found
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
