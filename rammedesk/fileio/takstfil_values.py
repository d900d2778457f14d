"""Constants, value tables and small helpers for takstfil_rows (split off to keep modules small)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rammedesk.domain.cpr import find_cpr
from rammedesk.domain.folding import fold
from rammedesk.domain.takstfil import Field, RowError, TakstRow
from rammedesk.domain.units import parse_unit, unit_in_text, unsupported_unit
from rammedesk.domain.vocab import Enhed, Finansiering, MomsBasis, TakstArt, TakstStatus
from rammedesk.fileio.takstfil_groups import CARRIED_NOUNS

MAX_PER_DAY = Decimal(1_000_000)  # kr. per døgn, dag, time, km or stk.
MAX_PER_MONTH = Decimal(5_000_000)  # kr. per måned
# Below these a takst is a typing or unit error (a specialised place costs hundreds of kroner
# a day); km and stk tillæg may be small but never nothing.
MIN_AMOUNT = {
    Enhed.DOEGN: Decimal(10),
    Enhed.DAG: Decimal(10),
    Enhed.TIME: Decimal(10),
    Enhed.MAANED: Decimal(100),
    Enhed.KM: Decimal("0.01"),
    Enhed.STK: Decimal("0.01"),
}
MIN_YEAR = 2005
YEARS_AHEAD = 5
# Control characters, and the bidirectional overrides that make text display other than it
# reads ("Trojan source"); tab, CR and LF are allowed (Excel puts line breaks in cells).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Invisible characters pasted in from web pages and Word (zero-width, BOM, soft hyphen):
# removed from key texts, not refused.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SIX_DIGITS = re.compile(r"\d{6}")
# A note under or between the rows: a footnote's marker ("* …", "*) …", "¹ …", "(1) …", "1) …")
# or a note word with its colon ("Note: …", "Bemærk: …", "Kilde: …", "NB! …", "Fodnote 2: …").
NOTE_TEXT = re.compile(
    r"(?i)^(?:\*+\)?|\(\*+\)|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079\u2020\u2021]+|\(?\d{1,2}\))\s*\S"
    r"|^(?:noter?|fodnoter?|bemærk(?:ning|ninger)?|nb|obs|kilde|anm(?:ærkning)?)\.?(?:\s*\d{1,2})?\s*[:!]"
)
# In an identifier column a bare ten digits may be a P-nummer, but "ddmmyy-xxxx" is how a CPR
# number is written, never a P-nummer or phone number.
DASHED_CPR = re.compile(r"(?<![0-9])\d{6}-\d{4}(?![0-9])")
TILLAEG = re.compile(r"tillaeg|\bekstra|(?<!\d)1\s*:\s*1(?!\d)")
# A row naming one of these but no amount is a takst without its amount, not a group heading.
ROW_FIELDS = (Field.YDELSE, Field.NIVEAU, Field.ENHED)
ART = {
    "samlet": TakstArt.SAMLET,
    "basis": TakstArt.BASIS,
    "basistakst": TakstArt.BASIS,
    "grundtakst": TakstArt.BASIS,
    "ydelse": TakstArt.YDELSE,
    "ydelsestakst": TakstArt.YDELSE,
    "ydelsespakke": TakstArt.YDELSE,
    "tillaeg": TakstArt.TILLAEG,
    "tillaegstakst": TakstArt.TILLAEG,
    "tillaegsydelse": TakstArt.TILLAEG,
    "hovedydelse": TakstArt.SAMLET,
    "takst": TakstArt.SAMLET,
    "samlet takst": TakstArt.SAMLET,
}
STATUS = {"endelig": TakstStatus.ENDELIG, "foreloebig": TakstStatus.FORELOEBIG}
FIN = {
    "takst": Finansiering.TAKST,
    "takstfinansieret": Finansiering.TAKST,
    "objektiv": Finansiering.OBJEKTIV,
    "objektiv finansiering": Finansiering.OBJEKTIV,
    "objektivt finansieret": Finansiering.OBJEKTIV,
}
MOMS = {
    "inkl": MomsBasis.INKL,
    "inkl moms": MomsBasis.INKL,
    "inklusiv moms": MomsBasis.INKL,
    "med moms": MomsBasis.INKL,
    "takst i alt": MomsBasis.INKL,  # the takst i alt is the one including moms
    "i alt": MomsBasis.INKL,
    "ekskl": MomsBasis.FRATRUKKET,
    "eksklusiv moms": MomsBasis.FRATRUKKET,
    "excl moms": MomsBasis.FRATRUKKET,
    "uden moms": MomsBasis.FRATRUKKET,
    "fratrukket moms": MomsBasis.FRATRUKKET,
    "fratrukket": MomsBasis.FRATRUKKET,
    "ekskl moms": MomsBasis.FRATRUKKET,
    "fratrukket refusion": MomsBasis.FRATRUKKET,
}


@dataclass
class RowValues:
    """Values of a row shared by all its amounts."""

    paragraf: str | None = None
    status: TakstStatus | None = None
    finansiering: Finansiering | None = None
    moms: MomsBasis | None = None
    tp_tilbud: int | None = None
    tp_afd: int | None = None
    pladser: int | None = None
    aar: int | None = None
    cvr: str | None = None
    p_nummer: str | None = None
    telefon: str | None = None
    more_paragraffer: tuple[str, ...] = ()
    heading: int | None = None  # the row of the heading whose paragraf the row took


@dataclass
class RowResult:
    kind: str  # "spacer", "totals", "note", "heading", "data"
    takster: list[TakstRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


@lru_cache(maxsize=65536)  # names repeat row after row
def clean_text(text: str) -> str:
    """A cell's text as it reads: NFC (a decomposed "A" + ring is Å), invisible characters
    dropped, every run of spaces, tabs, line breaks and other spaces (no-break, thin, …) one
    plain space, no space at the ends."""
    if text.isascii():
        if "  " not in text and "\t" not in text and "\n" not in text and "\r" not in text:
            return text.strip()
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text.translate(INVISIBLE)).split())


_UNITS = "døgn, dag, time, måned, km eller stk."


def unknown_art_reason(text: str) -> str:
    return f"Takstarten »{text[:30]}« kendes ikke. Skriv samlet, basis, ydelse eller tillæg."


def unit_conflict_reason(amount: str, said: Enhed, unit: Enhed) -> str:
    """An amount cell whose text names another unit than the row's unit column."""
    return (
        f"Beløbet »{amount[:30]}« er pr. {said.label}, men enhedskolonnen siger {unit.label}. "
        "Ret enheden eller beløbet, så de siger det samme."
    )


def unknown_unit_reason(text: str) -> str:
    """Why a unit cell refuses its row: a unit RammeDesk does not use ("pr. uge"), or none."""
    if unsupported_unit(text, cell=True) is not None:
        return (
            f"Enheden »{text[:30]}« understøttes ikke: takster regnes pr. {_UNITS} "
            "Omregn beløbet til en af dem, og ret enheden."
        )
    return f"Enheden »{text[:30]}« kendes ikke. Skriv {_UNITS}"


MISSING_AMOUNT = "Beløbet mangler. Skriv takstens beløb, eller »Individuel pris« hvis den aftales i hver sag."


def unused_heading_reason(cols: list[str]) -> str:
    """A row without an amount that no row below uses as a heading; ``cols``: the amount columns."""
    where = f"kolonne {cols[0]}" if len(cols) == 1 else f"kolonnerne {', '.join(cols[:-1])} og {cols[-1]}"
    return (
        f"Beløbet mangler i {where}. Rækken kan ikke være en overskrift, for ingen række under "
        "den bruger dens værdier. Skriv takstens beløb, eller »Individuel pris« hvis den aftales "
        "i hver sag, eller slet rækken."
    )


def from_refused_reason(taken: Field, source: int) -> str:
    """A row taking ``taken`` from the refused row ``source`` above."""
    return (
        f"Rækken hører under række {source}, som er afvist, og tager {CARRIED_NOUNS[taken]} "
        f"derfra. Ret række {source}; så kommer denne række også med."
    )


def unknown_kommune_reason(text: str) -> str:
    """A row that looks like a kommune heading ("Atlantis Kommune") but names no known kommune."""
    shown = text if len(text) <= 60 else text[:59] + "…"
    return (
        f"»{shown}« ligner en kommuneoverskrift, men kommunen kendes ikke. Skriv kommunens navn "
        "som »Vejle Kommune«, eller kode og navn som »630 Vejle«. Rækkerne under overskriften, "
        "som tager kommunen herfra, afvises, til den er rettet."
    )


def missing_unit_reason(header: str, letter: str) -> str:
    """Why an amount without a unit is refused; its column header may name one not used."""
    name = unsupported_unit(header, cell=False)
    if name is not None:
        return (
            f"Kolonneoverskriften »{header[:40]}« angiver enheden {name}, som ikke understøttes: "
            f"takster regnes pr. {_UNITS} Omregn beløbene i kolonne {letter}, og ret overskriften, "
            "eller sæt kolonnen til »— bruges ikke —« ved indlæsningen, så rækkens andre takster "
            "kommer med."
        )
    return (
        "Enheden mangler (døgn, dag, time, måned …). Sæt en kolonne til "
        "»enhed«, eller skriv enheden i kolonneoverskriften."
    )


# A date as text: Danish day-month-year ("01-01-2025", "1.1.2025", "01/07/2024") or ISO.
_DATE_TEXT = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")


def year_of_date_text(text: str) -> int | None:
    """The year of a date written as text ("01-01-2025" → 2025), or None (no date, no such day)."""
    found = _DATE_TEXT.fullmatch(text.strip())
    if found is None:
        return None
    d, _, m, y, iy, im, id_ = found.groups()
    try:
        return date(int(y), int(m), int(d)).year if y else date(int(iy), int(im), int(id_)).year
    except ValueError:
        return None


def is_note(cells: list[object]) -> bool:
    """A row without amount whose one cell is a note ("* Inkl. moms", "Kilde: …")."""
    texts = [v for v in cells if v is not None and not (type(v) is str and not v.strip())]
    return len(texts) == 1 and type(texts[0]) is str and NOTE_TEXT.match(texts[0].strip()) is not None


@lru_cache(maxsize=4096)
def unit_cell(text: str) -> Enhed | None:
    return parse_unit(text) or unit_in_text(text)


def cell_problem(value: object, identifier: bool, number_ok: bool, limit: int) -> str | None:
    """Why a cell refuses its row (too long, control character, CPR-like), or None.

    The CPR message never repeats the number. Identifier columns (CVR, P-nummer, ids, telefon)
    are exempt from the CPR check, except for the dashed form "ddmmyy-xxxx" that only a CPR
    number is written in; numbers in amount and identifier columns are not text.
    """
    if type(value) is str:
        text = value
        if (
            len(text) <= limit
            and not CONTROL.search(text)
            and not (DASHED_CPR if identifier else SIX_DIGITS).search(text)
        ):
            return None  # the common case, checked cheaply
    elif value is None or isinstance(value, bool) or (isinstance(value, int | float) and number_ok):
        return None
    else:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if len(text) > limit:
        return (
            f"Cellen har {len(text):,} tegn; grænsen er {limit:,} tegn".replace(",", ".")
            + " (indstillingen »længste celle«). Forkort teksten."
        )
    if CONTROL.search(text):
        return "Cellen indeholder et kontroltegn (usynligt tegn). Skriv teksten ind igen i Excel."
    if identifier:
        dashed = DASHED_CPR.search(text)
        cpr = find_cpr(dashed[0]) if dashed else None
    else:
        cpr = find_cpr(text)
    if cpr is not None:
        return (
            "Cellen indeholder noget, der ligner et CPR-nummer. "
            "RammeDesk gemmer aldrig CPR-numre; fjern det fra filen."
        )
    return None


@lru_cache(maxsize=4096)
def art_for(fld: Field, art_text: str | None, name: str | None) -> TakstArt | None:
    """The takst art of an amount (rules in takstfil_rows); None when art_text is unknown."""
    tillaeg = bool(TILLAEG.search(fold(name or "")))
    if tillaeg and art_text is None:
        return TakstArt.TILLAEG
    if fld is Field.BASISTAKST:
        return TakstArt.BASIS
    if fld is Field.YDELSESTAKST:
        return TakstArt.YDELSE
    if art_text is not None:
        art = ART.get(words(art_text))
        if art is None and words(art_text) in FIN:
            return TakstArt.TILLAEG if tillaeg else TakstArt.SAMLET
        return art
    return TakstArt.SAMLET


NOT_TOTALS, TOTALS_EXACT, TOTALS_PHRASE = 0, 1, 2
# Words that continue a totals phrase ("I alt for Skovbrynet", "Total 2025", "Sum inkl. moms"),
# where a name would go on with a name ("Total Omsorg ApS", "Gns. Bosted").
_TOTALS_GO_ON = frozenset(
    "for af pr per inkl incl ekskl excl inklusiv eksklusiv fratrukket kr moms alle samlet".split()
)
# Punctuation after a totals word that sets off what follows: "I alt (Skovbrynet)", "Total: …",
# "Sum – Skovbrynet"; a hyphen joined to the next word makes a name ("Sum-Huset").
_TOTALS_SET_OFF = re.compile(r"\s*[:(\[,/]|\s+-\s")


@lru_cache(maxsize=8)
def _totals_lead(totals: tuple[str, ...]) -> re.Pattern[str]:
    """A totals phrase at the start of folded text, as whole words, the longest first."""
    alternatives = sorted(
        (r"\W+".join(map(re.escape, t.split())) for t in totals if t), key=len, reverse=True
    )
    return re.compile(r"\W*(?:" + "|".join(alternatives) + r")(?![a-z0-9])\.?")


@lru_cache(maxsize=4096)
def totals_kind(text: str, totals: tuple[str, ...]) -> int:
    """Whether a key text marks a totals row: ``TOTALS_EXACT`` when it is exactly a totals
    phrase ("I alt", "Takst i alt", "Gns."), ``TOTALS_PHRASE`` when it is one with more said
    ("I alt for Skovbrynet", "Total 2025", "Skovbrynet i alt"), else ``NOT_TOTALS`` (a name
    beginning with such a word: "Total Omsorg ApS", "Sum-Huset"). ``totals``: the synonym file's
    phrases as folded words."""
    said = words(text)
    if not said:
        return NOT_TOTALS
    if said in totals:
        return TOTALS_EXACT
    if any(said.endswith(" " + t) for t in totals):
        return TOTALS_PHRASE
    folded = fold(text.replace("–", " - ").replace("—", " - "))  # fold drops dashes
    lead = _totals_lead(totals).match(folded)
    if lead is None:
        return NOT_TOTALS
    rest = folded[lead.end() :]
    following = words(rest).split(" ", 1)[0]
    if _TOTALS_SET_OFF.match(rest) or following in _TOTALS_GO_ON or following.isdigit():
        return TOTALS_PHRASE
    return NOT_TOTALS


def totals_rest(text: str, totals: tuple[str, ...]) -> str | None:
    """What a key text beginning with a totals phrase says after it, as folded words ("I alt
    Vejle Kommune" → "vejle kommune"), or None when it begins with none."""
    folded = fold(text.replace("–", " - ").replace("—", " - "))
    lead = _totals_lead(totals).match(folded)
    return None if lead is None else words(folded[lead.end() :]) or None
