"""Danish alphabetical order: ... x y z æ ø å, with "aa" sorted as å (as dictionaries do).

Python's default sorts å/æ/ø by code point (å < æ < ø), which is wrong for Danish.
"""

from __future__ import annotations

import unicodedata

_AFTER_Z = {"æ": 27, "ä": 27, "ø": 28, "ö": 28, "å": 29}


def danish_sort_key(text: str) -> tuple[tuple[int, ...], str]:
    """A key for sorted(): primary letters in Danish order, ties broken by the raw text."""
    lowered = text.lower()
    key: list[int] = []
    i = 0
    while i < len(lowered):
        ch = lowered[i]
        if ch == "a" and lowered[i + 1 : i + 2] == "a":
            key.append(_AFTER_Z["å"] + 100)
            i += 2
            continue
        if ch in _AFTER_Z:
            key.append(_AFTER_Z[ch] + 100)
        elif "a" <= ch <= "z":
            key.append(ord(ch) - ord("a") + 1 + 100)
        elif ch.isdigit():
            key.append(ord(ch) - ord("0") + 50)  # digits before letters
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            if "a" <= base <= "z":  # é, ü: as their base letter
                key.append(ord(base) - ord("a") + 1 + 100)
            elif ch.isspace() or not ch.isalnum():
                key.append(1)  # separators first: "Bo Vest" before "Boas"
            else:
                key.append(1000 + ord(ch))
        i += 1
    return tuple(key), text


_SORT_MAP = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def danish_sort_string(text: str) -> str:
    """A string whose plain (binary) order is Danish order, for ORDER BY in SQL.

    æ/ø/å map to the ASCII characters after z; "aa" counts as å; other accents fold away.
    """
    lowered = text.lower().replace("aa", "å")
    mapped = lowered.translate(_SORT_MAP)
    out = []
    for ch in mapped:
        if ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            out.append(base if base.isascii() else ch)
    return "".join(out)
