"""The forgiving search's vocabulary: typo'd and compound alternatives for folded query words.

The vocabulary holds the distinct folded words of the search index with the number of
afdelinger containing each. Typos are looked up among word *prefixes* (the last word is
usually still being typed), grouped by length and first letter so one query word compares
against a few thousand candidates instead of every prefix. The distance is optimal string
alignment: a swapped pair of neighbouring letters counts as one typo.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_PREFIX = 3  # shortest prefix a 4-letter word with one typo can meet
MAX_PREFIX = 24  # longer words are typed rarely; their first 24 letters still match
MAX_TYPO_ALTERNATIVES = 8
MAX_COMPOUND_ALTERNATIVES = 40
MIN_COMPOUND_WORD = 4


def allowed_typos(word: str, *, short_words: bool = False) -> int:
    """5–8 letters: one typo, 9 or more: two; 4 letters only in the last resort."""
    n = len(word)
    if n >= 9:
        return 2
    if n >= 5 or (short_words and n == 4):
        return 1
    return 0


@dataclass(frozen=True)
class Alternative:
    prefix: str
    distance: int
    count: int  # afdelinger containing a word with this prefix (summed over words)


class Vocabulary:
    """Folded words with their document counts, and the lookups the forgiving search needs."""

    def __init__(self, generation: str, words: Iterable[tuple[str, int]]) -> None:
        self.generation = generation
        pairs = sorted(words)
        self.words = [w for w, _n in pairs]
        self.counts = [n for _w, n in pairs]
        self._cumulative = list(itertools.accumulate(self.counts, initial=0))
        # Numbers (paragraf 108, years) are not spelled wrong.
        spelled = [w for w in self.words if w.isalpha()]
        self._groups: dict[tuple[int, str], list[str]] = {}
        for length in range(MIN_PREFIX, MAX_PREFIX + 1):
            # The words are sorted, so their prefixes come sorted and grouped by first letter.
            prefixes = dict.fromkeys(w[:length] for w in spelled if len(w) >= length)
            for letter, group in itertools.groupby(prefixes, key=operator.itemgetter(0)):
                self._groups[(length, letter)] = list(group)
        # One string of all words: str.find runs in C over it (compound look-ups).
        self._joined = "\n" + "\n".join(self.words) + "\n"
        self._starts: list[int] = []
        offset = 1
        for word in self.words:
            self._starts.append(offset)
            offset += len(word) + 1

    def __len__(self) -> int:
        return len(self.words)

    def _range(self, prefix: str) -> tuple[int, int]:
        low = bisect.bisect_left(self.words, prefix)
        high = bisect.bisect_left(self.words, prefix + "\x7f", low)
        return low, high

    def is_prefix(self, word: str) -> bool:
        """Some indexed word starts with ``word`` (the exact search finds it)."""
        low, high = self._range(word)
        return low < high

    def completion(self, prefix: str) -> str:
        """``prefix`` when it is a word, else the most frequent word starting with it."""
        low, high = self._range(prefix)
        if low == high or self.words[low] == prefix:
            return prefix
        best = max(range(low, high), key=lambda i: (self.counts[i], -len(self.words[i])))
        return self.words[best]

    def typo_alternatives(self, word: str, max_typos: int) -> list[Alternative]:
        """Prefixes of indexed words within ``max_typos`` of ``word``, nearest and most
        frequent first; ``word`` is compared with prefixes of about its own length."""
        if max_typos <= 0 or not word.isalpha():
            return []
        word = word[:MAX_PREFIX]  # longer: its beginning against the longest prefixes kept
        found = self._nearest(word, max_typos, word[0])
        if not found and len(word) > 1 and word[1] != word[0]:
            # The second letter as a key: a dropped, extra or swapped first letter.
            found = self._nearest(word, max_typos, word[1])
        if not found:
            return []
        # Nearest, then the prefix of the typed length, then most frequent: the best
        # correction comes first; the others are there for the query (covered ones dropped).
        found.sort(key=lambda a: (a.distance, abs(len(a.prefix) - len(word)), -a.count, a.prefix))
        best = found[0]
        others = [a for a in _without_covered(found) if a != best]
        return [best, *others][:MAX_TYPO_ALTERNATIVES]

    def prefix_count(self, prefix: str) -> int:
        """Afdelinger containing a word that starts with ``prefix`` (summed over words)."""
        low, high = self._range(prefix)
        return self._cumulative[high] - self._cumulative[low]

    def _nearest(self, word: str, max_typos: int, letter: str) -> list[Alternative]:
        found: list[Alternative] = []
        for length in range(len(word) - max_typos, len(word) + max_typos + 1):
            prefixes = self._groups.get((length, letter))
            if prefixes is None:
                continue
            for prefix, distance, _i in process.extract(
                word, prefixes, scorer=OSA.distance, score_cutoff=max_typos, limit=None
            ):
                found.append(Alternative(prefix, int(distance), self.prefix_count(prefix)))
        return found

    def compound_prefixes(self, word: str) -> list[str]:
        """Prefixes that end with ``word`` inside a longer word ("socialpsykiatri" for
        "psykiatri"): each matches the compounds containing ``word`` not at their start."""
        if len(word) < MIN_COMPOUND_WORD or not word.isalpha():
            return []
        found: dict[str, int] = {}
        joined = self._joined
        at = joined.find(word, 1)
        while at != -1:
            if joined[at - 1] != "\n":
                i = bisect.bisect_right(self._starts, at) - 1
                prefix = self.words[i][: at - self._starts[i] + len(word)]
                found[prefix] = found.get(prefix, 0) + self.counts[i]
            at = joined.find(word, at + 1)
        ordered = sorted(found, key=lambda p: (-found[p], p))
        return [a.prefix for a in _without_covered([Alternative(p, 0, found[p]) for p in ordered])][
            :MAX_COMPOUND_ALTERNATIVES
        ]


def _without_covered(alternatives: list[Alternative]) -> list[Alternative]:
    """Drop an alternative when a kept one is its prefix (it matches nothing more)."""
    kept: list[Alternative] = []
    for alt in alternatives:
        if not any(alt.prefix.startswith(k.prefix) for k in kept):
            kept = [k for k in kept if not k.prefix.startswith(alt.prefix)]
            kept.append(alt)
    return kept
