"""What an export holds: flat rows and the facts that produced them (pure, no file library).

The writers in ``rammedesk.fileio.export_*`` turn these into xlsx, csv and pdf. Every export
records its provenance (ARCHITECTURE rule 9) through :class:`ExportMeta`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from rammedesk.domain.search import FACETS, SearchHit, SearchResult
from rammedesk.domain.vocab import DriftsherreArt, Enhed

EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "csv", "pdf")
INDIVIDUEL_PRIS = "individuel pris"
DEMO_WARNING = "DEMODATA – fiktive tilbud og takster"

# Column headers shared by the xlsx and csv writers (the pdf groups some of them).
HEADERS: tuple[str, ...] = (
    "Tilbud",
    "Afdeling",
    "Kommune",
    "Region",
    "Driftsherre",
    "Paragraffer",
    "Målgrupper",
    "Takst (kr.)",
    "Enhed",
    "År",
    "Pladser",
    "Note",
    "Tilbuds-id",
    "Afdelings-id",
)

# The safe prefix: an apostrophe, as OWASP's CSV-injection guidance recommends. It is a
# visible character (unlike Excel's typed-in quote prefix), so it survives a round trip
# through any tool, and a cell that starts with it can never be taken as a formula.
SAFE_PREFIX = "'"
# Characters that make Excel, LibreOffice or Google Sheets evaluate a cell (OWASP: = + - @
# tab CR), plus their full-width forms, which some East-Asian Excel builds also accept.
_FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def neutralise(text: str) -> str:
    """Make ``text`` safe to put into a spreadsheet cell or csv field.

    Text starting with ``= + - @``, a tab or a carriage return (or a full-width ``＝ ＋ － ＠``)
    gets :data:`SAFE_PREFIX` in front, so it is shown as text and never run as a formula.
    Anything else is returned unchanged, so the function is idempotent. Only text is
    neutralised: numbers (negative ones too) are written as numeric cells by the writers.
    """
    if text and text[0] in _FORMULA_STARTS:
        return SAFE_PREFIX + text
    return text


@dataclass(frozen=True)
class ExportRow:
    tilbud: str
    afdeling: str
    kommune: str
    region: str
    driftsherre: str  # display label, e.g. "Selvejende"
    paragraffer: str  # labels joined with ", "
    maalgrupper: str  # labels joined with "; "
    takst: Decimal | None  # exact amount; None when there is no takst or individuel pris
    enhed: str  # unit label, e.g. "døgn"; "" without a takst
    aar: int | None  # the takst year
    individuel_pris: bool
    pladser: int | None
    note: str  # shortlist note; "" otherwise
    tilbud_id: int
    afdeling_id: int

    @property
    def takst_text(self) -> str:
        """What to show in place of an amount: 'individuel pris', or '' without a takst."""
        return INDIVIDUEL_PRIS if self.individuel_pris else ""


@dataclass(frozen=True)
class ExportMeta:
    title: str  # "Søgeresultat", "Kortliste: kandidater til sag 2026-0412"
    query: str
    facets: tuple[tuple[str, str], ...]  # (facet title, value label)
    created: datetime
    data_as_of: date | None
    version: str
    is_demo: bool
    total: int  # hits the search found (the rows exported may be fewer)


def _driftsherre_label(value: str) -> str:
    try:
        return DriftsherreArt(value).label
    except ValueError:
        return value


def _enhed_label(value: str) -> str:
    try:
        return Enhed(value).label
    except ValueError:
        return value


def row_from_hit(hit: SearchHit, note: str = "") -> ExportRow:
    takst = hit.takst
    return ExportRow(
        tilbud=hit.tilbud,
        afdeling=hit.afdeling,
        kommune=hit.kommune,
        region=hit.region,
        driftsherre=_driftsherre_label(hit.driftsherre_art),
        paragraffer=", ".join(p.label for p in hit.paragraffer),
        maalgrupper="; ".join(m.label for m in hit.maalgrupper),
        takst=takst.amount if takst is not None else None,
        enhed=_enhed_label(takst.unit) if takst is not None else "",
        aar=takst.year if takst is not None else None,
        individuel_pris=takst is not None and takst.amount is None,
        pladser=hit.pladser,
        note=note,
        tilbud_id=hit.tilbud_id,
        afdeling_id=hit.afdeling_id,
    )


def rows_from_hits(hits: Sequence[SearchHit], notes: Mapping[int, str] | None = None) -> list[ExportRow]:
    """One row per hit, in the hits' order; ``notes`` maps afdeling_id to a shortlist note."""
    notes = notes or {}
    return [row_from_hit(hit, notes.get(hit.afdeling_id, "")) for hit in hits]


def selected_facets(result: SearchResult) -> tuple[tuple[str, str], ...]:
    """The active filters as (title, value label), in facet display order."""
    labels = {(group.facet, value.value): value.label for group in result.facets for value in group.values}
    order = list(FACETS)
    ranked = sorted(result.selected.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    return tuple((FACETS.get(facet, facet), labels.get((facet, value), value)) for facet, value in ranked)


def meta_from_result(
    result: SearchResult,
    *,
    created: datetime,
    version: str,
    title: str = "Søgeresultat",
    data_as_of: date | None = None,
    is_demo: bool = False,
) -> ExportMeta:
    return ExportMeta(
        title=title,
        query=result.query,
        facets=selected_facets(result),
        created=created,
        data_as_of=data_as_of,
        version=version,
        is_demo=is_demo,
        total=result.total,
    )


_FILENAME_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def suggest_filename(meta: ExportMeta, fmt: str) -> str:
    """'soegeresultat-2026-11-23.xlsx' ('-demodata' added for demo data): the date travels
    with the file even in csv, which has no room for the rest of the provenance."""
    folded = meta.title.translate(_FILENAME_FOLD).lower()
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in folded).split()
    stem = "-".join(words)[:80].strip("-") or "udtraek"
    demo = "-demodata" if meta.is_demo else ""
    return f"{stem}-{meta.created:%Y-%m-%d}{demo}.{fmt}"
