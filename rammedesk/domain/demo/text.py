"""Names, contact fields and descriptions for demo tilbud (Danish text, no CPR-like digits)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from random import Random

from rammedesk.domain.cpr import looks_like_cpr
from rammedesk.domain.reference import ParagrafRef

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})
_WORD = re.compile(r"[a-z0-9]+")
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
LETTERS = "ABCDEFG"


def slug(text: str, sep: str = "-", max_len: int = 40) -> str:
    """ASCII-folded lower-case words joined by ``sep``, cut at a word boundary."""
    out = ""
    for word in _WORD.findall(text.lower().translate(_FOLD)):
        candidate = f"{out}{sep}{word}" if out else word
        if len(candidate) > max_len and out:
            break
        out = candidate
    return out


def render(template: str, values: Mapping[str, object]) -> str:
    return template.format_map(values)


def paragraf_text(paragraf: ParagrafRef, lovnavne: Mapping[str, str]) -> str:
    """'serviceloven § 108', 'barnets lov § 43, stk. 3'."""
    text = f"{lovnavne.get(paragraf.lov, paragraf.lov)} § {paragraf.nummer}"
    return f"{text}, stk. {paragraf.stk}" if paragraf.stk is not None else text


def fake_cvr(rng: Random) -> str:
    """Eight digits that fail the CVR modulus-11 check, so they never name a real company."""
    while True:
        digits = [rng.randint(1, 4), *(rng.randint(0, 9) for _ in range(7))]
        if sum(w * d for w, d in zip(_CVR_WEIGHTS, digits, strict=True)) % 11:
            return "".join(map(str, digits))


def fake_p_nummer(rng: Random) -> str:
    """Ten digits like a P-nummer ('10…'), whose first six never form a date (not CPR-like)."""
    while True:
        value = f"10{rng.randint(13, 99)}{rng.randint(0, 999_999):06d}"
        if not looks_like_cpr(value):
            return value


def telefon(rng: Random, forvalg: Sequence[str]) -> str:
    """Eight digits, starting with a prefix of the region."""
    return f"{rng.choice(forvalg)}{rng.randint(0, 999_999):06d}"


def adresse(rng: Random, gader: Sequence[str]) -> str:
    nummer = str(rng.randint(1, 160))
    if rng.random() < 0.1:
        nummer += rng.choice("ABC")
    return f"{rng.choice(gader)} {nummer}"


def pick_fragments(rng: Random, pool: Sequence[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, k=min(len(pool), rng.randint(low, high))) if pool else []


def unique_name(make: Callable[[], str], taken: set[str], tries: int = 8) -> str:
    """Call ``make()`` until it returns a name not in ``taken`` (or give up and number it)."""
    name = make()
    for _ in range(tries):
        if name not in taken:
            break
        name = make()
    base, n = name, 2
    while name in taken:
        name = f"{base} {n}"
        n += 1
    taken.add(name)
    return name
