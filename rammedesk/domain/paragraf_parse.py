"""Paragraf spellings in takstfiler → a paragraf id from database/reference/paragraffer.csv.

Ids look like ``SEL_107``, ``SEL_101a``, ``BL_43_3`` (lov, nummer, stk). Read spellings:
"§ 107", "SEL §107", "SEL § 107", "Servicelovens § 107", "107", "§ 101 a", "Barnets lov § 43,
stk. 3", "BL § 43 stk 3", "§§ 107/108", "§§83-87" (a range: every paragraf within it), "§ 107 og § 108".

Several paragraffer in one cell: the FIRST is the primary paragraf and is the one stored
(``ParagrafMatch.id``); all recognised ids are in ``ParagrafMatch.all_ids`` for display.
Without a lov the number alone decides when exactly one current paragraf has that number
(a historic one is used only when it is the only match); stk is matched when given, and a
paragraf without stk matches the single id of that lov and nummer ("Barnets lov § 43" →
``BL_43_3`` while that is the only § 43 on the list).

Pure: the caller passes the known ids (the service loads them with reference_csv).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from rammedesk.domain.folding import fold

_LOV_WORDS: tuple[tuple[str, str], ...] = (
    ("barnets lov", "BL"),
    ("barnetslov", "BL"),
    ("bl", "BL"),
    ("lov om social service", "SEL"),
    ("servicelovens", "SEL"),
    ("serviceloven", "SEL"),
    ("servicelov", "SEL"),
    ("sel", "SEL"),
    ("sl", "SEL"),
    ("almenboligloven", "ABL"),
    ("almenboliglovens", "ABL"),
    ("abl", "ABL"),
    ("sundhedsloven", "SUL"),
    ("sundhedslovens", "SUL"),
    ("sul", "SUL"),
)
_LOV_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w, _ in sorted(_LOV_WORDS, key=lambda x: -len(x[0]))) + r")\b"
)
_LOV_OF = dict(_LOV_WORDS)
# A paragraf number: 1–3 digits and an optional letter ("101a", "101 a"), then maybe "stk. 3".
_NUM_RE = re.compile(r"(?<![0-9a-z])(\d{1,3})(?!\d)(?:\s?([a-z])(?![a-z]))?(?:[\s,.]*stk\.?\s*(\d{1,2}))?")


@dataclass(frozen=True)
class ParagrafMatch:
    id: str | None  # the primary (first) paragraf, None when none is recognised
    all_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Id:
    id: str
    lov: str
    nummer: str
    stk: str | None


def _split(pid: str) -> _Id:
    parts = pid.split("_")
    return _Id(
        pid, parts[0], parts[1].lower() if len(parts) > 1 else "", parts[2] if len(parts) > 2 else None
    )


def _resolve(
    lov: str | None, nummer: str, stk: str | None, known: list[_Id], historic: set[str]
) -> str | None:
    cands = [k for k in known if k.nummer == nummer and (lov is None or k.lov == lov)]
    if stk is not None:
        exact = [k for k in cands if k.stk == stk]
        cands = exact or [k for k in cands if k.stk is None]
    elif len(cands) > 1:
        cands = [k for k in cands if k.stk is None] or cands
    if len(cands) > 1:
        cands = [k for k in cands if k.id not in historic] or cands
    return cands[0].id if len(cands) == 1 else None


def parse_paragraf(
    text: str, known_ids: Collection[str], historic_ids: Collection[str] = ()
) -> ParagrafMatch:
    """Find the paragraffer in ``text``; the first recognised one is primary. A range ("SEL §§
    83-87") stands for every current paragraf of its lov numbered within it (SEL § 85 here); a
    range naming no lov whose numbers several lovs have ("§§ 83-87": Barnets lov §§ 83, 84 and
    SEL § 85) gives nothing: which lov is meant is never guessed."""
    folded = fold(text.replace("–", "-").replace("—", "-")).replace("§", " ")
    known = [_split(k) for k in known_ids]
    historic = set(historic_ids)
    found: list[str] = []
    lov: str | None = None
    pos = 0
    lov_marks = [(m.start(), _LOV_OF[m.group(1)]) for m in _LOV_RE.finditer(folded)]
    matches = list(_NUM_RE.finditer(folded))
    skip: set[int] = set()
    for i, match in enumerate(matches):
        # The nearest lov written before this number applies ("SEL § 107 og BL § 43, stk. 3").
        while pos < len(lov_marks) and lov_marks[pos][0] < match.start():
            lov = lov_marks[pos][1]
            pos += 1
        after = matches[i + 1] if i + 1 < len(matches) else None
        is_range = after is not None and _RANGE_DASH.fullmatch(folded, match.end(), after.start()) is not None
        if i in skip:
            continue
        if is_range and lov is None and after is not None:
            lovs = _lovs_within(int(match.group(1)), int(after.group(1)), known, historic)
            if len(lovs) > 1:  # "§§ 83-87": Barnets lov or serviceloven? Never guessed
                skip.add(i + 1)
                continue
        nummer = match.group(1) + (match.group(2) or "")
        pid = _resolve(lov, nummer, match.group(3), known, historic)
        if pid is None and match.group(2):  # "107 a" may be "§ 107 a-b" prose; try without letter
            pid = _resolve(lov, match.group(1), match.group(3), known, historic)
        if pid is not None and pid not in found:
            found.append(pid)
        if is_range and after is not None:
            inside = _within(lov or _lov_of(pid), int(match.group(1)), int(after.group(1)), known)
            found.extend(k for k in inside if k not in found and k not in historic)
    return ParagrafMatch(found[0] if found else None, tuple(found))


_RANGE_DASH = re.compile(r"\s*-\s*")
_MAX_RANGE = 30  # "§§ 83-87", not "2024-2026" read as paragraffer


def _lovs_within(first: int, last: int, known: list[_Id], historic: set[str]) -> set[str]:
    """The lovs with a current paragraf numbered from ``first`` to ``last``."""
    if not 0 < last - first <= _MAX_RANGE:
        return set()
    return {
        k.lov
        for k in known
        if k.id not in historic
        and (digits := k.nummer.rstrip("abcdefghijklmnopqrstuvwxyz")).isdigit()
        and first <= int(digits) <= last
    }


def _lov_of(pid: str | None) -> str | None:
    """The lov of a range written without one: its first number's, if that was recognised."""
    return pid.split("_")[0] if pid is not None else None


def _within(lov: str | None, first: int, last: int, known: list[_Id]) -> list[str]:
    """Known ids of ``lov`` numbered strictly between ``first`` and ``last`` (the ends are
    resolved as numbers of their own), in number order."""
    if lov is None or not 0 < last - first <= _MAX_RANGE:
        return []
    inside = [
        (int(digits), k.id)
        for k in known
        if k.lov == lov
        and (digits := k.nummer.rstrip("abcdefghijklmnopqrstuvwxyz")).isdigit()
        and first <= int(digits) <= last
    ]
    return [pid for _n, pid in sorted(inside)]


def looks_like_paragraf(text: str) -> bool:
    """The text names a paragraf (has "§" or a lov word before a number)."""
    return "§" in text or bool(_LOV_RE.search(fold(text)))


_LOV_NAME = {"BL": "Barnets lov"}


def paragraf_text(pid: str) -> str:
    """An id as the reference list labels it: ``BL_43_3`` → "Barnets lov § 43, stk. 3"."""
    parts = pid.split("_")
    text = f"{_LOV_NAME.get(parts[0], parts[0])} § {parts[1]}" if len(parts) > 1 else pid
    return f"{text}, stk. {parts[2]}" if len(parts) > 2 else text
