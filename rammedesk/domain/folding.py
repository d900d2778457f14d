"""Danish text folding for search: the same function folds the indexed text and the query.

lower case; å→aa, æ→ae, ø→oe (so "Århus" and "Aarhus" meet); other diacritics removed
(é→e, ü→u); ß→ss. Everything that is not a letter or digit separates words.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans(
    {"å": "aa", "æ": "ae", "ø": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i"}
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Fold ``text`` to lower-case ASCII letters, digits and the separators it had."""
    # NFKC first so a decomposed "a + ring" is å (→ aa) and compatibility forms (𝑨, ﬁ) are plain.
    lowered = unicodedata.normalize("NFKC", text).lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    # Characters that decompose to letters plus marks are handled above; anything else
    # non-ASCII (CJK, emoji, symbols) becomes a separator.
    return "".join(ch if ch.isascii() else " " for ch in stripped)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (what the search index stores)."""
    return _WORD.findall(fold(text))


def folded_text(*parts: str | None) -> str:
    """Index text: the folded words of all parts, space-separated."""
    return " ".join(word for part in parts if part for word in fold_words(part))
