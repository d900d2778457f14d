"""The search query language (calibre-style), parsed into folded terms and filters.

    hjerneskade aarhus          every word must match, each as a word prefix
    "bo og aktivitet"           a phrase: the words in this order
    -misbrug  -"kort ophold"    exclude
    kommune:aarhus region:midt paragraf:108 maalgruppe:autisme driftsherre:privat
    takst:<3000 takst:>=2000.5 pladser:>=10

Any text at all parses: unknown fields are searched as text, stray symbols are separators,
broken comparisons are dropped with a short Danish hint. The parser never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rammedesk.domain.folding import fold, fold_words

MAX_QUERY_CHARS = 500
MAX_TERMS = 16

# Folded field name → the searched column (storage maps columns to index fields).
TEXT_FIELDS = {
    "kommune": "kommune",
    "region": "region",
    "paragraf": "paragraf",
    "maalgruppe": "maalgruppe",
    "driftsherre": "driftsherre",
    "navn": "navn",
    "tilbud": "navn",
    "afdeling": "navn",
    "beskrivelse": "beskrivelse",
}
NUMERIC_FIELDS = ("takst", "pladser")
OPERATORS = ("<=", ">=", "<", ">", "=")

_FIELD = re.compile(r"([^\W\d_]+):", re.UNICODE)
_NUMBER = re.compile(r"\s*(<=|>=|<|>|=)?\s*(\d+(?:[.,]\d+)?)\s*$")


@dataclass(frozen=True)
class Term:
    """Folded words that must all match (as prefixes), in order when ``phrase``."""

    words: tuple[str, ...]
    phrase: bool = False
    field: str | None = None  # None: any searched field
    negated: bool = False


@dataclass(frozen=True)
class NumericFilter:
    field: str  # "takst" | "pladser"
    op: str  # one of OPERATORS
    value: Decimal

    def accepts(self, number: Decimal) -> bool:
        return {
            "<": number < self.value,
            "<=": number <= self.value,
            ">": number > self.value,
            ">=": number >= self.value,
            "=": number == self.value,
        }[self.op]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...] = ()
    numeric: tuple[NumericFilter, ...] = ()
    hints: tuple[str, ...] = ()

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.numeric

    def highlight_words(self) -> tuple[str, ...]:
        """Folded word prefixes to highlight in results (positive terms only)."""
        seen: dict[str, None] = {}
        for term in self.positive:
            for word in term.words:
                seen.setdefault(word, None)
        return tuple(seen)


def _read_value(text: str, pos: int) -> tuple[str, int, bool, bool]:
    """Read a value at ``pos``: a quoted phrase or a bare token.

    Returns (value, new position, quoted, unbalanced quote).
    """
    if pos < len(text) and text[pos] == '"':
        end = text.find('"', pos + 1)
        if end == -1:
            return text[pos + 1 :], len(text), True, True
        return text[pos + 1 : end], end + 1, True, False
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[pos:end], end, False, False


def _parse_number(field: str, raw: str) -> NumericFilter | str:
    match = _NUMBER.match(raw)
    if not match:
        return f"{field}: forstod ikke »{raw[:20]}« — skriv fx {field}:<3000 eller {field}:>=10."
    op = match.group(1) or "="
    try:
        value = Decimal(match.group(2).replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return f"{field}: »{raw[:20]}« er ikke et tal."
    return NumericFilter(field, op, value)


def parse_query(text: str) -> SearchQuery:
    hints: list[str] = []
    original = text
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        hints.append(f"Søgningen er forkortet til de første {MAX_QUERY_CHARS} tegn.")
    terms: list[Term] = []
    numeric: list[NumericFilter] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        negated = False
        if text[pos] == "-" and pos + 1 < len(text) and not text[pos + 1].isspace():
            negated = True
            pos += 1
        field = None
        match = _FIELD.match(text, pos)
        if match:
            name = fold(match.group(1))
            if name in TEXT_FIELDS or name in NUMERIC_FIELDS:
                field = name
                pos = match.end()
        value, pos, quoted, unbalanced = _read_value(text, pos)
        if unbalanced:
            hints.append("Et anførselstegn mangler sin afslutning; resten søges som en frase.")
        if field in NUMERIC_FIELDS:
            parsed = _parse_number(field, value)
            if isinstance(parsed, str):
                hints.append(parsed)
            elif negated:
                hints.append(f"-{field}: kan ikke udelukkes; brug fx {field}:>=10.")
            else:
                numeric.append(parsed)
            continue
        words = tuple(fold_words(value))
        if not words:
            continue  # only symbols: "*", "(", "&&"
        if len(terms) >= MAX_TERMS:
            hints.append(f"Kun de første {MAX_TERMS} søgeord bruges.")
            break
        terms.append(
            Term(
                words=words,
                phrase=quoted and len(words) > 1,
                field=TEXT_FIELDS.get(field) if field else None,
                negated=negated,
            )
        )
    if terms and all(t.negated for t in terms) and not numeric:
        hints.append("Søgningen udelukker kun; alt andet vises.")
    return SearchQuery(original, tuple(terms), tuple(numeric), tuple(dict.fromkeys(hints)))
