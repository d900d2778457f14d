"""Find the header row of a takstfil sheet and propose a column mapping from its wording.

The synonym table lives in database/takstfil_synonymer.json (not code). Detection looks at
the first ``HEADER_SCAN_ROWS`` rows: each row — and each pair of adjacent rows, for two-row
headers ("Takst 2023" merged over "Basis | Ydelse") — is scored by how many columns map to a
field; a row holding amounts (numbers other than years and levels 1–99, also as text: "459,50") is data, never
header, and so is a row below a header that holds amount text under an amount header ("kr.
417", "Individuel pris") or would turn a column its upper header names alone into an amount
column ("Type" over "Basistakst", "Ydelse" over "Grundtakst"): the first data row is never the
header's second row. The best scoring row (or pair) wins; the earliest on ties. In a pair,
sub-headers under an amount header spanning them ("Takst 2024" over "Basis | Ydelse") are read
as amount kinds first.
Rows above it are the title block, read for a takst year ("Takster 2024"; not a period
"2023-2026" nor a printed date), a unit ("pr. døgn"; or one per takst art, "Basistakster pr.
døgn, ydelsestakster pr. time") and a date ("pr. 1/1 2018").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rammedesk.domain.danish_numbers import NotANumber, parse_amount
from rammedesk.domain.folding import fold
from rammedesk.domain.takstfil import ColumnMapping, Field
from rammedesk.domain.units import strip_unit_words, unit_in_text
from rammedesk.domain.vocab import Enhed, MomsBasis, TakstArt, TakstStatus
from rammedesk.errors import UserError
from rammedesk.paths import DATABASE_DIR

SYNONYM_FILE = DATABASE_DIR / "takstfil_synonymer.json"
HEADER_SCAN_ROWS = 40
AMOUNT_FIELDS = frozenset({Field.BELOEB, Field.BASISTAKST, Field.YDELSESTAKST})
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_WORD = re.compile(r"[a-z0-9]+")
# "Takst 1", "Niveau 2", "Takstniveau 3", "Takst niveau 4 kr. pr. døgn" (folded words): a level
# number of one or two digits (a year has four), maybe followed by unit words.
_LEVEL = re.compile(
    r"(?:^| )(?:takst niveau|takstniveau|niveau|takst|pris) ([1-9][0-9]?)"
    r"(?: (?:kr|dkk|pr|per|doegn|doegnet|dag|dagen|time|timen|md|mdr|maaned|maaneden|inkl|ekskl|moms))*$"
)
_AS_OF = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]?\s*(20\d\d)(?!\d)")

Cell = object


@dataclass(frozen=True)
class Synonyms:
    fields: tuple[tuple[Field, tuple[str, ...], tuple[str, ...]], ...]  # field, strong, weak
    totals: tuple[str, ...]


@dataclass(frozen=True)
class TitleInfo:
    year: int | None
    unit: Enhed | None
    as_of: date | None
    # "Takster 2025 ekskl. moms" above the header: every takst net of moms (None: not said).
    moms: MomsBasis | None = None
    # "Foreløbige takster 2026": the status of every takst (None: not said, or both said).
    status: TakstStatus | None = None
    # "Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time": a unit per takst art.
    art_units: tuple[tuple[TakstArt, Enhed], ...] = ()

    def unit_for(self, art: TakstArt | None) -> Enhed | None:
        """The unit the title gives a takst of ``art``: the one it pairs with that art, else
        the one unit it names (None: neither)."""
        return next((u for a, u in self.art_units if a is art), self.unit)


@lru_cache(maxsize=4)
def load_synonyms(path: Path = SYNONYM_FILE) -> Synonyms:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(
            (
                Field(e["field"]),
                tuple(_norm(p) for p in e["phrases"]),
                tuple(_norm(p) for p in e.get("weak", [])),
            )
            for e in data["fields"]
        )
        totals = tuple(_norm(p) for p in data["totals"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(
            f"Synonymtabellen for takstfiler kan ikke læses ({exc}). Geninstallér RammeDesk.", str(path)
        ) from exc
    return Synonyms(entries, totals)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def cell_text(value: Cell) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def match_field(header: str, synonyms: Synonyms) -> Field | None:
    """The field a header names, or None. A bare year ("2024") is an amount column."""
    words = _norm(header)
    if not words:
        return None
    found, _tier = _best_phrase(words, synonyms)
    if found is None and _YEAR.fullmatch(words):
        return Field.BELOEB
    if found is Field.MOMS and (_YEAR.search(words) or _AMOUNT_INSIDE.search(words)):
        # "Takst 2024 inkl. moms", "Døgntakst inkl. moms": an amount in a moms basis, not a moms column
        return Field.BELOEB
    if found is Field.IGNORE and net_of_moms(header) and _AMOUNT_WORD.search(words):
        return Field.BELOEB  # "Takst 2024 fratrukket … moms": proposed ignored only beside its twin
    if found in (None, Field.NIVEAU) and _LEVEL.search(words):
        return Field.BELOEB  # "Niveau 1 | Niveau 2": amounts per level, not a niveau column
    if found is None and _YEAR.fullmatch(_STATUS_WORDS.sub(" ", words).strip()):
        return Field.BELOEB  # "Foreløbig 2026", "2025 (endelig)"
    return found


def _best_phrase(words: str, synonyms: Synonyms) -> tuple[Field | None, int]:
    """The field whose phrase best matches folded ``words``, and its tier (2 strong, 1 weak)."""
    padded = f" {words} "
    best: tuple[int, int] = (0, 0)
    found: Field | None = None
    for fld, strong, weak in synonyms.fields:
        for tier, phrases in ((2, strong), (1, weak)):
            for phrase in phrases:
                if phrase and f" {phrase} " in padded:
                    score = (tier, len(phrase) + (100 if phrase == words else 0))
                    if score > best or (score == best and found is None):
                        best, found = score, fld
    return found, best[0]


def _weak_only(header: str, synonyms: Synonyms) -> bool:
    """Whether a header names its field only by a weak phrase ("Navn")."""
    words = _norm(header)
    return bool(words) and _best_phrase(words, synonyms)[1] == 1


def header_level(header: str) -> str | None:
    """The niveau an amount column's header names ("Takst 1" → "Niveau 1"), or None."""
    match = _LEVEL.search(_norm(header))
    return f"Niveau {match.group(1)}" if match else None


def header_year(header: str) -> int | None:
    match = _YEAR.search(header)
    return int(match.group(1)) if match else None


def _is_data_row(cells: list[Cell]) -> bool:
    """A row holding a number that is not a year (2000–2099) nor a level (1–99: "Takstniveau"
    over "1 | 2 | 3") is data, not header: a real number, or one written as text ("459,50",
    "2.950", "417")."""
    for v in cells:
        if isinstance(v, str):
            if _NUMBER_TEXT.match(v) and _amount_not_year(v):
                return True
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        if not (float(v).is_integer() and (2000 <= v <= 2099 or 1 <= v <= 99)):
            return True
    return False


# A number written as text, maybe with kroner: "459,50", "2.950", "1.150,00", "kr. 417", "417 kr.".
_NUMBER_TEXT = re.compile(r"(?i)^\s*(?:(?:kr|dkk)\.?\s*)?\d[\d.,\s\u00a0]*(?:\s*(?:kr|dkk)\.?|,-)?\s*$")


def _amount_not_year(text: str) -> bool:
    """Whether ``text`` reads as an amount (or "Individuel pris") other than a year 2000–2099
    or a level number written bare ("1", "12")."""
    if _LEVEL_NUMBER.match(text):
        return False
    try:
        value = parse_amount(text)
    except NotANumber:
        return False
    if value is None:
        return False
    return not (isinstance(value, Decimal) and value == value.to_integral_value() and 2000 <= value <= 2099)


_LEVEL_NUMBER = re.compile(r"^\s*[1-9][0-9]?\s*$")


def _data_below(top: list[str], below: list[Cell]) -> bool:
    """Whether ``below`` is a data row under the header ``top`` (its texts, merged cells filled):
    ``_is_data_row``; amount text ("kr. 417", "417 kr./time", "Individuel pris") under a header
    that names an amount; or a value that would make a column the upper header names (alone,
    not merged over others) an amount column. Such a row is never the second row of a header."""
    if _is_data_row(below):
        return True
    synonyms = load_synonyms()
    for c, v in enumerate(below):
        if c >= len(top) or not top[c] or not (text := _header_text(v)):
            continue
        above = match_field(top[c], synonyms)
        if above in AMOUNT_FIELDS:
            if isinstance(v, str) and _amount_not_year(v):
                return True
        elif above not in (None, Field.IGNORE) and not _spans(top, c):
            # "Type" over "Basistakst", "Ydelse" over "Grundtakst": a value in a named column,
            # not a sub-header making it an amount column (the row's amount may be blank).
            if match_field(_combine([[top[c]], [text]])[0], synonyms) in AMOUNT_FIELDS:
                return True
    return False


def _spans(top: list[str], c: int) -> bool:
    """Whether the upper header at column ``c`` stands over its neighbours too (merged)."""
    return (c > 0 and top[c - 1] == top[c]) or (c + 1 < len(top) and top[c + 1] == top[c])


def _header_text(value: Cell) -> str:
    """A real date as a header (1-1-2024 over a takst column) names the takst year."""
    if isinstance(value, datetime | date):
        return str(value.year)
    return cell_text(value)


def _fill_top(
    top: list[Cell], bottom: list[Cell], merged: list[tuple[int, int, int, int]], row: int
) -> list[str]:
    texts = [_header_text(v) for v in top]
    for r0, c0, r1, c1 in merged:
        if r0 <= row <= r1 and c0 < len(texts):
            for c in range(c0 + 1, min(c1 + 1, len(texts))):
                texts[c] = texts[c0]
    # Without merge information (csv): a year heading spans the blank cells to its right.
    for c in range(1, len(texts)):
        if not texts[c] and _YEAR.search(texts[c - 1]) and c < len(bottom) and bottom[c] is not None:
            texts[c] = texts[c - 1]
    return texts


def _combine(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    out = []
    for c in range(width):
        parts = [r[c] for r in rows if c < len(r) and r[c]]
        out.append(" ".join(dict.fromkeys(parts)))
    return out


_SUB_TOTAL = frozenset({"i alt", "ialt", "samlet", "total", "takst i alt", "samlet takst"})


def _sub_kind(sub: str, synonyms: Synonyms) -> Field | None:
    """What a sub-header under an amount header ("Takst 2024" over "Basis | Ydelse") says the
    amounts are: basistakst, ydelsestakst or an amount (the takst i alt). IGNORE for a tillæg
    (no column kind of its own: stored as a samlet takst it would pass for the main takst) and
    for what the synonym table ignores ("Ændring i %"). None: not an amount kind."""
    words = _norm(strip_unit_words(sub))
    if not words:
        return None
    if any(w.startswith("tillaeg") or w.endswith("tillaeg") for w in words.split()):
        return Field.IGNORE
    if words in _SUB_TOTAL:
        return Field.BELOEB
    fld = match_field(sub, synonyms)
    if fld in AMOUNT_FIELDS or fld is Field.IGNORE:
        return fld
    if fld is Field.YDELSE and words.startswith("ydelse"):
        return Field.YDELSESTAKST  # "Ydelse", "Ydelser": the ydelse part of the takst
    return None


def _sub_kinds(top: list[str], bottom: list[str], synonyms: Synonyms) -> dict[int, Field]:
    """Columns of a two-row header whose upper header names amounts ("Takst 2024", "2024")
    over two or more columns whose sub-headers all name amount kinds: column → that kind. A
    title over the whole header (over "Tilbud" too) is no such heading. An upper header naming
    no field over "Basis | Ydelse" names their ydelse ("Døgnophold"): they are amount kinds too."""
    out: dict[int, Field] = {}
    c = 0
    while c < len(top):
        end = c + 1
        while end < len(top) and top[end] == top[c]:
            end += 1
        span = range(c, end)
        subs = {i: bottom[i] for i in span if i < len(bottom) and bottom[i]}
        above = match_field(top[c], synonyms) if top[c] else None
        if top[c] and len(span) >= 2 and subs and (above in AMOUNT_FIELDS or above is None):
            kinds = {i: _sub_kind(t, synonyms) for i, t in subs.items()}
            # Over "Basis | Ydelse" an unmapped header names the ydelse ("Døgnophold").
            named = {Field.BASISTAKST, Field.YDELSESTAKST} <= set(kinds.values())
            if all(k is not None for k in kinds.values()) and (above is not None or named):
                out.update({i: k for i, k in kinds.items() if k is not None})
        c = end
    return out


def _score(
    texts: list[str], synonyms: Synonyms, sub_kinds: dict[int, Field] | None = None
) -> tuple[int, dict[int, Field]]:
    fields = {c: f for c, t in enumerate(texts) if t and (f := match_field(t, synonyms)) is not None}
    fields.update(sub_kinds or {})
    fields.update(_weak_names(texts, fields, synonyms))
    useful = {c: f for c, f in fields.items() if f is not Field.IGNORE}
    amounts = sum(1 for f in useful.values() if f in AMOUNT_FIELDS)
    kinds = len(set(useful.values()))
    if not amounts or kinds < 2:
        return 0, fields
    # Sub-headers naming amount kinds ("Basis | Ydelse | Tillæg") under an amount header make
    # the two rows one header, even when the upper row alone reads as a header too.
    split = sum(1 for f in (sub_kinds or {}).values() if f is not Field.BELOEB)
    return kinds * 10 + amounts + split, fields


_WEAK_FIELDS = frozenset({Field.TILBUD, Field.YDELSE})


def _weak_names(texts: list[str], fields: dict[int, Field], synonyms: Synonyms) -> dict[int, Field]:
    """Columns named by a weak phrase only ("Navn"), leftmost first: the tilbud when no column
    names it otherwise, then the ydelse when none does; any other is ignored. A strong name
    ("Ydelse") always wins over "Navn"."""
    weak = [c for c in sorted(fields) if fields[c] in _WEAK_FIELDS and _weak_only(texts[c], synonyms)]
    strong = {f for c, f in fields.items() if c not in weak}
    out: dict[int, Field] = {}
    for c in weak:
        fld = next((f for f in (Field.TILBUD, Field.YDELSE) if f not in strong), Field.IGNORE)
        strong.add(fld)
        out[c] = fld
    return out


@dataclass(frozen=True)
class HeaderGuess:
    first_row: int
    header_row: int
    texts: list[str]
    fields: dict[int, Field]


def detect_header(
    rows: list[tuple[int, list[Cell]]], merged: list[tuple[int, int, int, int]], synonyms: Synonyms
) -> HeaderGuess | None:
    """The header among the first rows (row numbers as Excel shows them), or None."""
    best: tuple[int, HeaderGuess] | None = None
    for i, (number, cells) in enumerate(rows):
        if _is_data_row(cells):
            continue
        single = [_header_text(v) for v in cells]
        candidates: list[tuple[list[str], int, dict[int, Field]]] = [(single, number, {})]
        if i + 1 < len(rows) and rows[i + 1][0] == number + 1:
            below = rows[i + 1][1]
            top = _fill_top(cells, below, merged, number)
            if not _data_below(top, below):
                bottom = [_header_text(v) for v in below]
                candidates.append((_combine([top, bottom]), number + 1, _sub_kinds(top, bottom, synonyms)))
        for texts, header_row, kinds in candidates:
            score, fields = _score(texts, synonyms, kinds)
            # A row above the header (a title, "Takstoversigt 2025") joins it only when it adds
            # something: with the same score the header row alone wins.
            alone_ties = (
                best is not None
                and score == best[0]
                and header_row == number == best[1].header_row != best[1].first_row
            )
            if score and (best is None or score > best[0] or alone_ties):
                best = (score, HeaderGuess(number, header_row, texts, fields))
    return best[1] if best else None


def header_texts(
    rows: list[tuple[int, list[Cell]]], merged: list[tuple[int, int, int, int]], header_row: int
) -> list[str]:
    """The header texts of a header row chosen by the user or a mapping file: the two-row
    header ending there when the row above completes it, as ``detect_header`` reads it."""
    by_number = dict(rows)
    below = by_number.get(header_row)
    if below is None:
        return []
    single = [_header_text(v) for v in below]
    above = by_number.get(header_row - 1)
    if above is None or _is_data_row(above):
        return single
    if _data_below(_fill_top(above, below, merged, header_row - 1), below):
        return single
    guess = detect_header([(header_row - 1, above), (header_row, below)], merged, load_synonyms())
    return guess.texts if guess is not None and guess.header_row == header_row else single


def mapping_from_guess(sheet: str, guess: HeaderGuess, hidden: frozenset[int] = frozenset()) -> ColumnMapping:
    """The proposed mapping; an amount column hidden in Excel (``hidden``: last year's takster
    kept out of sight) is proposed as ignored, as the user does not see it."""
    from rammedesk.fileio.takstfil_mapping import col_letter

    columns: dict[str, Field] = {}
    years: dict[str, int] = {}
    levels: dict[str, str] = {}
    headers: dict[str, str] = {}
    seen: set[Field] = set()
    for c, text in enumerate(guess.texts):
        if not text:
            continue
        letter = col_letter(c)
        headers[letter] = text
        fld = guess.fields.get(c, Field.IGNORE)
        if fld in AMOUNT_FIELDS and c in hidden:
            fld = Field.IGNORE
        if fld in AMOUNT_FIELDS:
            year = header_year(text)
            if year is not None:
                years[letter] = year
            if (level := header_level(text)) is not None:
                levels[letter] = level
        elif fld in seen and fld is not Field.IGNORE:
            fld = Field.IGNORE  # one column per key field; the first (leftmost) wins
        seen.add(fld)
        columns[letter] = fld
    _ignore_net_of_moms(columns, years, headers)
    return ColumnMapping(
        sheet=sheet, header_row=guess.header_row, columns=columns, years=years, levels=levels, headers=headers
    )


_NET_OF_MOMS = re.compile(r"fratrukket|ekskl|excl|uden moms")
_AMOUNT_WORD = re.compile(r"\b(?:takst|pris|beloeb|20\d\d)")
_AMOUNT_INSIDE = re.compile(r"takst|pris|beloeb|\bkr\b")  # also inside compounds: "doegntakst"


_MOMS_WORDS = re.compile(
    r"\(?\s*(?:(?:inkl|incl|inklusiv|ekskl|eksl|excl|eksklusiv)\.?|uden|med|"
    r"fratrukket(?:\s+refusion)?(?:\s+for)?(?:\s+indirekte)?)\s+moms\b\s*\)?",
    re.IGNORECASE,
)


def strip_moms_words(header: str) -> str:
    """A header without its moms basis ("Bostøtte inkl. moms" → "Bostøtte")."""
    return " ".join(_MOMS_WORDS.sub(" ", header).split())


_STATUS_WORDS = re.compile(r"\b(foreloebig|endelig)[et]?\b")
_STATUS_BY_WORD = {"foreloebig": TakstStatus.FORELOEBIG, "endelig": TakstStatus.ENDELIG}


def status_in_text(text: str) -> TakstStatus | None:
    """The status a header or title says ("Takst 2025 (foreløbig)", "Endelige takster"); None
    when it says none, or both."""
    said = {_STATUS_BY_WORD[m.group(1)] for m in _STATUS_WORDS.finditer(_norm(text))}
    return said.pop() if len(said) == 1 else None


def strip_status_words(header: str) -> str:
    """A header without its status words ("Takst 2025 (foreløbig)" → "Takst 2025 ()")."""
    return re.sub(r"(?i)\b(?:foreløbig|forelobig|endelig)[et]?\b", " ", header)


def net_of_moms(header: str) -> bool:
    """Whether an amount column's header says its amounts are net of moms
    ("Takst 2024 fratrukket refusion for indirekte moms", "ekskl. moms")."""
    h = _norm(header)
    return "moms" in h and _NET_OF_MOMS.search(h) is not None


def _ignore_net_of_moms(columns: dict[str, Field], years: dict[str, int], headers: dict[str, str]) -> None:
    """One takst per year is stored, the takst i alt: beside it, the same takst net of moms
    ("Takst 2024 | Takst 2024 fratrukket refusion for indirekte moms") is proposed as ignored
    (the user may choose otherwise)."""
    amounts = [c for c, f in columns.items() if f in AMOUNT_FIELDS]
    net = {c for c in amounts if net_of_moms(headers.get(c, ""))}
    for c in net:
        if any(o not in net and years.get(o) == years.get(c) for o in amounts):
            columns[c] = Field.IGNORE
            years.pop(c, None)


# Title rows: the year of the takster. A year right after a takst word ("Takster 2025",
# "Takster for 2025", "Takster pr. 1. januar 2025") or after "for"/"år" is said to be it;
# a year in a range ("Rammeaftale 2023-2026", "2023/24") or in a date ("03-11-2024") is not,
# unless the date says from when the takster apply ("pr. 1/1 2018"). Printed/updated stamps
# and date cells are not read. Candidates that disagree give no year (the user chooses).
_STAMP = re.compile(r"\b(?:udskrevet|udskrift\w*|opdateret|dato|printed|print|genereret|dannet|revideret)\b")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_MONTH = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)"
)
_TEXT_DATE = re.compile(
    r"(?P<lead>\b(?:pr|per|fra|gaeldende\w*|takstdato)\b[\s.:,]*)?"
    rf"(?<!\d)(?:\d{{1,2}}\s*[./-]\s*\d{{1,2}}\s*[./-]?\s*|\d{{1,2}}\.?\s*{_MONTH}\.?\s*)(?P<year>20\d\d)(?!\d)"
)
_YEAR_RANGE = re.compile(r"(?<!\d)20\d\d\s*[-/]\s*(?:20)?\d\d(?!\d)")
_SAID_YEAR = re.compile(
    r"\b(?:takst(?:er|erne|oversigt\w*|blad\w*|ark|liste\w*|aar\w*|fil\w*|tabel\w*)?"
    r"|pris(?:er|erne|liste\w*|oversigt\w*)?|for|aar|budgetaar|gaeldende)\b[\s.:,]*"
    r"(?:(?:for|pr|per|i|aar|gaeldende)\b[\s.:,]*)*"
    r"(20\d\d(?:\s*(?:og|&|samt)\s*20\d\d)*)(?!\d)"  # "Takster 2024 og 2025": both said
)


def _before_stamp(cells: list[Cell]) -> str:
    """A title row's text, folded, up to a printed/updated stamp; date cells left out."""
    line = " ".join(cell_text(v) for v in cells if v is not None and not isinstance(v, datetime | date))
    line = fold(line.translate(_DASHES))
    stamp = _STAMP.search(line)
    return line[: stamp.start()] if stamp else line


def _title_year(lines: list[str]) -> int | None:
    said: set[int] = set()
    plain: set[int] = set()
    for line in lines:
        for m in _TEXT_DATE.finditer(line):
            if m.group("lead"):
                said.add(int(m.group("year")))
        rest = _YEAR_RANGE.sub(" ; ", _TEXT_DATE.sub(" ; ", line))
        said.update(int(y) for said_years in _SAID_YEAR.findall(rest) for y in _YEAR.findall(said_years))
        plain.update(int(y) for y in _YEAR.findall(rest))
    years = said or plain
    return next(iter(years)) if len(years) == 1 else None


_UNIT_MARK = re.compile(r"(?:\bpr\.?|\bper|/)\s*(?:(?:paabegyndte?|hele?|fulde?)\s+)?[a-z]+")


def _title_unit(text: str) -> Enhed | None:
    """The one unit a title block names ("Takster i kr. pr. døgn"); none when it names two
    ("Basistakster i kr. pr. døgn, ydelsestakster i kr. pr. time"): the header or row decides."""
    units = {u for m in _UNIT_MARK.finditer(fold(text)) if (u := unit_in_text(m.group(0))) is not None}
    return units.pop() if len(units) == 1 else None


# A unit marked in a title ("pr. døgn", "kr./time", "pr. påbegyndt time"; "basis / ydelse" is no mark).
_PAIR_MARK = re.compile(r"(?:\bpr\.?|\bper|(?<=[a-z.])/)\s*(?:(?:paabegyndte?|hele?|fulde?)\s+)?[a-z]+")
# Takst kinds a title names before a unit (folded): "Basistakster", "grundtakst", "ydelsestakst",
# "tillæg", "samlet takst".
_KIND_WORDS = (
    (re.compile(r"\b(?:basis|grundtakst|grundpris)"), TakstArt.BASIS),
    (re.compile(r"\bydelse"), TakstArt.YDELSE),
    (re.compile(r"\btillaeg"), TakstArt.TILLAEG),
    (re.compile(r"\bsamle(?:t|de)\b"), TakstArt.SAMLET),
)


def _title_art_units(text: str) -> tuple[tuple[TakstArt, Enhed], ...]:
    """The unit a title pairs with each takst kind ("Basistakster i kr. pr. døgn,
    ydelsestakster i kr. pr. time"; "Grundtakst kr./døgn og tillæg kr./time"): each unit
    goes to the kinds named between it and the unit before. None when a unit follows no kind
    ("Døgntilbud: kr./døgn, Bostøtte: kr./time") or a kind gets two units."""
    folded = fold(text)
    pairs: dict[TakstArt, Enhed] = {}
    start = 0
    for m in _PAIR_MARK.finditer(folded):
        unit = unit_in_text(m.group(0))
        if unit is None:
            continue
        kinds = {art for pattern, art in _KIND_WORDS if pattern.search(folded, start, m.start())}
        if not kinds or any(pairs.get(art, unit) is not unit for art in kinds):
            return ()
        pairs.update(dict.fromkeys(kinds, unit))
        start = m.end()
    return tuple(pairs.items())


def title_info(title_rows: list[list[Cell]]) -> TitleInfo:
    """Year, unit and as-of date stated in the title block above the header."""
    text = " ".join(cell_text(v) for cells in title_rows for v in cells if v is not None)
    as_of = None  # the first date stated, an "Opdateret 01-11-2024" too (docs/cli.md, --as-of)
    if (m := _AS_OF.search(text)) is not None:
        try:
            as_of = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            as_of = None
    # A title naming both (inkl. in one column, ekskl. in another) leaves it to the columns.
    net = net_of_moms(text) and "inkl" not in _norm(text)
    return TitleInfo(
        _title_year([_before_stamp(cells) for cells in title_rows]),
        _title_unit(text),
        as_of,
        MomsBasis.FRATRUKKET if net else None,
        status_in_text(text),
        _title_art_units(text),
    )


def is_totals_text(text: str, synonyms: Synonyms) -> bool:
    words = _norm(text)
    return any(words == t or words.startswith(t + " ") for t in synonyms.totals)
