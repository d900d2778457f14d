"""Danish text folding for search: the same function folds the indexed text and the query.

lower case; å→aa, æ→ae, ø→oe (so "Århus" and "Aarhus" meet); other diacritics removed
(é→e, ü→u); ß→ss; a decomposed letter is read as composed ("A" + ring = Å), and invisible
characters (soft hyphen, zero-width space) are dropped. Everything that is not a letter or
digit separates words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {"å": "aa", "æ": "ae", "ø": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i"}
)
_RARE = "ßðþłđı"
_WORD = re.compile(r"[a-z0-9]+")


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Invisible characters pasted in from web pages and Word (soft hyphen, zero-width, BOM): they
# join the letters around them rather than separate words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` to lower-case ASCII letters, digits and the separators it had."""
    # NFKC first so a decomposed "a + ring" is å (→ aa) and compatibility forms (𝑨, ﬁ) are plain.
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    lowered = unicodedata.normalize("NFKC", text).lower()
    if lowered.isascii():
        return lowered  # the common case: no per-character work at all
    # str.replace runs in C; translate with a dict is ten times slower on long descriptions.
    lowered = lowered.replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
    if lowered.isascii():
        return lowered
    if any(ch in lowered for ch in _RARE):
        lowered = lowered.translate(_SPECIAL)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", lowered)).lower()
    # Whatever is still not ASCII (CJK, emoji, symbols) separates words.
    return _NON_ASCII.sub(" ", stripped)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (what the search index stores)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def _folded_part(part: str) -> str:
    return " ".join(_WORD.findall(fold(part)))


def folded_text(*parts: str | None) -> str:
    """Index text: the folded words of all parts, space-separated."""
    # Kommune, region, paragraf and målgruppe texts repeat across thousands of afdelinger.
    return " ".join(folded for part in parts if part and (folded := _folded_part(part)))
