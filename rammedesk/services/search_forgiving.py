"""The forgiving search: compound words (always) and typos (when the exact search finds
too little), as alternatives OR'ed to the query's words, and the »Mente du …?« query."""

from __future__ import annotations

import re
from collections.abc import Callable

from rammedesk.domain.folding import fold_words
from rammedesk.domain.search_fuzzy import Vocabulary, allowed_typos
from rammedesk.domain.search_query import SearchQuery

_TOKEN = re.compile(r"[^\W_]+")


def searched_words(query: SearchQuery) -> list[str]:
    """The words the forgiving search may widen: positive, outside phrases."""
    words = (w for t in query.positive if not t.phrase for w in t.words)
    return list(dict.fromkeys(words))


def compound_alternatives(vocabulary: Vocabulary, query: SearchQuery) -> dict[str, tuple[str, ...]]:
    """Each word of 4+ letters inside longer words ("psykiatri" → "socialpsykiatri")."""
    found = {w: tuple(vocabulary.compound_prefixes(w)) for w in searched_words(query)}
    return {w: alts for w, alts in found.items() if alts}


def typo_alternatives(
    vocabulary: Vocabulary, query: SearchQuery, *, short_words: bool = False
) -> dict[str, tuple[str, ...]]:
    """Corrected prefixes for each word no indexed word starts with, nearest first."""
    found: dict[str, tuple[str, ...]] = {}
    for word in searched_words(query):
        if vocabulary.is_prefix(word):
            continue  # the exact search finds it; a typo search would only add noise
        alternatives = vocabulary.typo_alternatives(word, allowed_typos(word, short_words=short_words))
        if alternatives:
            found[word] = tuple(a.prefix for a in alternatives)
    return found


def did_you_mean(
    text: str,
    typo: dict[str, tuple[str, ...]],
    vocabulary: Vocabulary,
    spelled: Callable[[str], str],
) -> str | None:
    """``text`` with each corrected word replaced by the most frequent whole word its best
    alternative begins ("rehabilitre" → "rehabilitering", not the bare prefix)."""
    replacements = {word: spelled(vocabulary.completion(alts[0])) for word, alts in typo.items() if alts}
    if not replacements:
        return None

    def replace(match: re.Match[str]) -> str:
        words = fold_words(match.group(0))
        if len(words) == 1 and words[0] in replacements:
            return replacements[words[0]]
        return match.group(0)

    corrected = _TOKEN.sub(replace, text).strip()
    return corrected if corrected != text.strip() else None


def spelling_in(names: list[str], folded: str) -> str:
    """How ``folded`` is written in ``names`` (lower case: "Århus" for "aarhus"), else itself."""
    for name in names:
        for token in _TOKEN.finditer(name):
            if fold_words(token.group(0)) == [folded]:
                return token.group(0).lower()
    return folded
