"""Values of a takstfil row shared by all its amounts, and the ydelse names of amount columns.

Split off from takstfil_rows (its rules 2–4 describe what is read here): the paragraf, status,
finansiering, moms basis, Tilbudsportalen ids, pladser, year and identifiers of a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rammedesk.domain import identifiers
from rammedesk.domain.cpr import find_cpr
from rammedesk.domain.paragraf_parse import ParagrafMatch, looks_like_paragraf, parse_paragraf
from rammedesk.domain.takstfil import NAME_MAX_CHARS, NAME_NOUNS, ColumnMapping, Field, RowError
from rammedesk.domain.units import strip_unit_words
from rammedesk.domain.vocab import TakstStatus
from rammedesk.fileio.takstfil_header import (
    TitleInfo,
    net_of_moms,
    status_in_text,
    strip_moms_words,
    strip_status_words,
)
from rammedesk.fileio.takstfil_mapping import col_letter
from rammedesk.fileio.takstfil_values import (
    FIN,
    MOMS,
    SIX_DIGITS,
    STATUS,
    RowValues,
    words,
    year_of_date_text,
)

_YEAR_IN_HEADER = re.compile(r"\b(?:19|20)\d\d\b")
_PUNCT_EDGES = " ,.;:-–()[]"

_LOVLESS_RANGE = re.compile(r"\s*§*\s*\d+\s*[-–]\s*\d+\s*")


def column_ydelser(mapping: ColumnMapping, amount_cols: list[int]) -> dict[int, str]:
    """Amount columns that would give the same takst on a row (same field, year and niveau:
    "Grundtakst kr./dag | Bostøtte kr./time | Nattevagt kr./dag") are each their own ydelse,
    named by the column's header without year (and without unit words, when that keeps the
    names apart). A basis or ydelse column is named without its basis/ydelse words when that
    keeps the names apart, and so is a basis column and a ydelse column whose headers say the
    same besides ("Døgnophold" over "Basistakst | Ydelsestakst"): one ydelse with a basis and
    a ydelsestakst. Other columns: none (the row's ydelse, or the default)."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for c in amount_cols:
        letter = col_letter(c)
        header = mapping.headers.get(letter, "")
        net, status = net_of_moms(header), status_in_text(header)
        key = (mapping.columns[letter], mapping.years.get(letter), mapping.levels.get(letter), net, status)
        groups.setdefault(key, []).append(c)
    out: dict[int, str] = {}
    kind_free = {
        c: _clean(strip_unit_words(_KIND_WORDS.sub(" ", _plain_header(mapping, c))))
        for c in amount_cols
        if mapping.columns[col_letter(c)] in _KIND_FIELDS
    }
    for cols in groups.values():
        if len(cols) < 2:
            continue
        full = {c: _clean(_plain_header(mapping, c)) for c in cols}
        short = {c: _clean(strip_unit_words(text)) for c, text in full.items()}
        bare = {c: kind_free.get(c, "") for c in cols}
        for names in (bare, short, full):
            if all(names.values()) and len(set(names.values())) == len(names):
                out.update(names)
                break
        else:
            out.update({c: f"Kolonne {col_letter(c)}" for c in cols})
    # A basis and a ydelse column of one year and niveau whose headers name the same ydelse.
    for (fld, *rest), cols in groups.items():
        if fld is not Field.BASISTAKST:
            continue
        partners = groups.get((Field.YDELSESTAKST, *rest), [])
        for c in cols:
            name = kind_free.get(c)
            for other in partners:
                if name and kind_free.get(other) == name and c not in out and other not in out:
                    out[c] = out[other] = name
    return out


_KIND_FIELDS = frozenset({Field.BASISTAKST, Field.YDELSESTAKST})
# The words that say a column holds basis or ydelse takster, or takster at all.
_KIND_WORDS = re.compile(
    r"(?i)\b(?:(?:basis|grund)(?:takst(?:er)?|pris(?:er)?)?|ydelse(?:r|s(?:takst(?:er)?|pris(?:er)?"
    r"|pakke(?:takst(?:er)?|r)?))?|pakketakst(?:er)?|takst(?:er)?|pris(?:er)?|beløb|i alt)\b"
)


def _plain_header(mapping: ColumnMapping, c: int) -> str:
    """An amount column's header without its year, moms and status words."""
    header = strip_status_words(strip_moms_words(mapping.headers.get(col_letter(c), "")))
    return _YEAR_IN_HEADER.sub(" ", header.replace("()", " "))


def column_status(
    mapping: ColumnMapping, amount_cols: list[int], title: TitleInfo
) -> dict[int, TakstStatus | None]:
    """The status an amount column's header says ("Takst 2025 (foreløbig)"); else, when no
    column is a status column, the title block's ("Foreløbige takster 2026"); else None (the
    row's status column, or endelig)."""
    fallback = None if Field.STATUS in mapping.columns.values() else title.status
    return {c: status_in_text(mapping.headers.get(col_letter(c), "")) or fallback for c in amount_cols}


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(_PUNCT_EDGES)[:120]


class RowValueReader:
    """Reads a row's shared values (``RowValues``); refusals go to ``errors`` via ``err``."""

    def __init__(
        self,
        err: Callable[[int, int | None, str], RowError],
        by_field: dict[Field, int],
        paragraf_ids: frozenset[str],
        historic_ids: frozenset[str],
    ) -> None:
        self._err, self.by_field = err, by_field
        self.paragraf_ids, self.historic_ids = paragraf_ids, historic_ids
        self._paragraf_memo: dict[str, ParagrafMatch] = {}
        # The optional value columns read; an unmapped one is blank on every row.
        self._word_fields = [
            (fld, table, key)
            for fld, table, key in (
                (Field.STATUS, STATUS, "status"),
                (Field.FINANSIERING, FIN, "finansiering"),
                (Field.MOMS, MOMS, "moms"),
            )
            if fld in self.by_field
        ]
        self._int_fields = [
            (fld, key)
            for fld, key in (
                (Field.TP_TILBUDSID, "tp_tilbud"),
                (Field.TP_AFDELINGSID, "tp_afd"),
                (Field.PLADSER, "pladser"),
                (Field.AAR, "aar"),
            )
            if fld in self.by_field
        ]
        self._identifier_fields = [
            (fld, parse, key, what)
            for fld, parse, key, what in (
                (Field.CVR, identifiers.cvr_nummer, "cvr", "CVR-nummeret skal være 8 cifre, fx 29189731"),
                (Field.P_NUMMER, identifiers.p_nummer, "p_nummer", "P-nummeret skal være 10 cifre"),
                (
                    Field.TELEFON,
                    identifiers.telefon,
                    "telefon",
                    "Skriv telefonnummeret med 8 cifre, fx 70 20 30 40",
                ),
            )
            if fld in self.by_field
        ]

    def _paragraf(self, text: str) -> ParagrafMatch:
        found = self._paragraf_memo.get(text)
        if found is None:
            found = self._paragraf_memo[text] = parse_paragraf(text, self.paragraf_ids, self.historic_ids)
        return found

    def unknown_paragraf(self, row: int, text: str, heading: int | None = None) -> RowError | None:
        """Why ``text`` (the row's paragraf, or the one carried from row ``heading``) is refused."""
        if self._paragraf(text).id is not None:
            return None
        shown = f"Paragraffen »{text[:40]}«"
        if heading is not None:
            shown += f" fra overskriften i række {heading}"
        where = f" i række {heading}" if heading is not None else ""
        if _LOVLESS_RANGE.fullmatch(text):  # "§§ 83-87": numbers several lovs have
            reason = (
                f"{shown} nævner ikke loven, så det er uklart, hvilke paragraffer der menes. "
                f"Skriv loven foran{where}, fx »SEL §§ 83-87« eller »Barnets lov §§ 83-84«."
            )
        else:
            reason = (
                f"{shown} kendes ikke. Skriv den som fx »SEL § 107« eller »Barnets lov § 43, stk. 3«{where}."
            )
        return self._err(row, self.by_field[Field.PARAGRAF], reason)

    def read(
        self,
        row: int,
        cells: list[object],
        texts: dict[Field, str | None],
        errors: list[RowError],
        carried: tuple[str, int] | None = None,
    ) -> RowValues:
        """``carried``: the paragraf a heading above gives the row, and the heading's row; the
        row's own paragraf (its cell, else in its names) comes first."""
        out = RowValues()
        for fld, most in NAME_MAX_CHARS.items():
            if (t := texts[fld]) is not None and len(t) > most and fld in self.by_field:
                size = f"{len(t):,}".replace(",", ".")
                reason = f"Teksten er {size} tegn; {NAME_NOUNS[fld]} må højst være {most} tegn. Forkort den."
                errors.append(self._err(row, self.by_field[fld], reason))
        ptext = texts[Field.PARAGRAF]
        if ptext is not None:
            match = self._paragraf(ptext)
            if (error := self.unknown_paragraf(row, ptext)) is not None:
                errors.append(error)
            out.paragraf, out.more_paragraffer = match.id, match.all_ids[1:]
        else:
            names = [t for f in (Field.YDELSE, Field.AFDELING, Field.TILBUD) if (t := texts[f])]
            found = [m for t in names if looks_like_paragraf(t) and (m := self._paragraf(t)).id]
            if found:
                out.paragraf, out.more_paragraffer = found[0].id, found[0].all_ids[1:]
            elif carried is not None:
                if (error := self.unknown_paragraf(row, *carried)) is not None:
                    errors.append(error)
                match = self._paragraf(carried[0])
                out.heading = carried[1]
                out.paragraf, out.more_paragraffer = match.id, match.all_ids[1:]
        for fld, table, key in self._word_fields:
            if (t := texts[fld]) is not None:
                value = table.get(words(t))
                if value is None:
                    errors.append(
                        self._err(
                            row,
                            self.by_field[fld],
                            f"»{t[:40]}« kendes ikke; skriv en af: " + ", ".join(sorted(table)) + ".",
                        )
                    )
                setattr(out, key, value)
        art_text = texts[Field.ART]
        if art_text is not None and texts[Field.FINANSIERING] is None and words(art_text) in FIN:
            out.finansiering = FIN[words(art_text)]
        for fld, key in self._int_fields:
            c = self.by_field[fld]
            if fld is Field.AAR and c < len(cells) and isinstance(raw := cells[c], date):
                out.aar = raw.year  # a date formatted cell in the year column: its year
                continue
            if fld is Field.AAR and (t := texts[fld]) is not None and (year := year_of_date_text(t)):
                out.aar = year  # "01-01-2025" as text: its year, as a date cell gives
                continue
            if (t := texts[fld]) is not None:
                digits = t.replace(".", "").replace(" ", "")
                if not digits.isdigit() or len(digits) > 9:
                    # A CPR-like value is never echoed: the message reaches screens, logs and reports.
                    shown = "Værdien" if find_cpr(t) is not None else f"»{t[:40]}«"
                    reason = (
                        f"Året {shown} kan ikke læses. Skriv ét årstal, fx 2025."
                        if fld is Field.AAR
                        else f"{shown} er ikke et helt tal (højst 9 cifre)."
                    )
                    errors.append(self._err(row, self.by_field[fld], reason))
                else:
                    setattr(out, key, int(digits))
        for fld, parse, key, what in self._identifier_fields:
            if (t := texts[fld]) is not None:
                ident = parse(t)
                if ident is None:
                    shown = "Værdien" if SIX_DIGITS.search(t) else f"»{t[:40]}«"  # never echo a CPR number
                    errors.append(self._err(row, self.by_field[fld], f"{shown} kan ikke læses. {what}."))
                setattr(out, key, ident)
        return out
