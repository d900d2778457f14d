"""Mark the words of a text that a search matched (folded word prefixes)."""

from __future__ import annotations

import re
from html import escape

from rammedesk.domain.folding import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def match_spans(text: str, prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text`` whose folded form starts with a prefix."""
    if not prefixes:
        return []
    spans = []
    for m in _WORD.finditer(text):
        folded = "".join(fold(m.group()).split())
        if any(folded.startswith(p) for p in prefixes):
            spans.append((m.start(), m.end()))
    return spans


def highlight_html(text: str, prefixes: tuple[str, ...]) -> str:
    """``text`` as escaped HTML with matched words in <b>…</b>."""
    out = []
    pos = 0
    for start, end in match_spans(text, prefixes):
        out.append(escape(text[pos:start]))
        out.append(f"<b>{escape(text[start:end])}</b>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
