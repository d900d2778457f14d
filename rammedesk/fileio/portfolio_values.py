"""Cell values and header words of a portfolio file (placements, budget, til-/afgang sheets).

Headers are matched after Danish folding (å→aa, æ→ae, ø→oe) with all but letters and digits
removed, so "Sags-nr.", "Sagsnr" and "SAGSNUMMER" meet. A value error raises ``CellError`` with
a Danish reason; the reader adds file, sheet, row and column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from rammedesk.domain.danish_numbers import INDIVIDUEL, NotANumber, parse_amount
from rammedesk.domain.folding import fold
from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.units import parse_unit
from rammedesk.domain.vocab import Enhed

_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_YM = re.compile(r"^(\d{4})-(\d{1,2})$")


class CellError(ValueError):
    """A cell value that cannot be used; ``str(exc)`` is Danish."""


def header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(str(text))) if text is not None else ""


def _keys(*words: str) -> frozenset[str]:
    return frozenset(header_key(w) for w in words)


PLACEMENT_COLUMNS: dict[str, frozenset[str]] = {
    "sagsnummer": _keys(
        "Sagsnummer", "Sagsnr", "Sags-nr.", "Sag", "Sags-id", "Sagsid", "Journalnummer", "J.nr."
    ),
    "tilbud": _keys("Tilbud", "Tilbudsnavn", "Tilbuddets navn", "Botilbud", "Leverandør"),
    "afdeling": _keys("Afdeling", "Afdelingsnavn"),
    "tilbud_id": _keys("Tilbud-id", "Tilbuds-id", "TilbudID", "Tilbud nr."),
    "afdeling_id": _keys("Afdeling-id", "Afdelings-id", "AfdelingID"),
    "driftsherre": _keys("Driftsherre", "Driftsform", "Ejer"),
    "paragraf": _keys("Paragraf", "§", "Lovgrundlag", "Lovparagraf", "Hjemmel"),
    "maalgruppe": _keys("Målgruppe", "Maalgruppe", "Malgruppe"),
    "gruppe": _keys("Gruppe", "Budgetgruppe", "Egen gruppe", "Gruppering"),
    "takst": _keys("Takst", "Pris", "Beløb", "Takst (kr.)", "Takstbeløb", "Døgntakst", "Takst kr."),
    "enhed": _keys("Enhed", "Takstenhed", "Pr."),
    "takst_aar": _keys("Takstår", "Takst år", "Prisår", "Prisniveau", "År"),
    "start": _keys(
        "Start", "Startdato", "Indskrevet", "Indskrivning", "Indskrivningsdato", "Fra", "Fra dato"
    ),
    "slut": _keys(
        "Slut",
        "Slutdato",
        "Planlagt slut",
        "Forventet slut",
        "Udskrivning",
        "Udskrivningsdato",
        "Til",
        "Til dato",
    ),
    "opsigelse_givet": _keys("Opsigelse givet", "Opsigelsesdato", "Opsagt", "Opsigelse"),
    "varsel_dage": _keys(
        "Varsel", "Varsel (dage)", "Opsigelsesvarsel", "Opsigelsesvarsel (dage)", "Varsel dage"
    ),
    "tillaeg_timesats": _keys("Timesats", "Tillæg timesats", "Tillæg pr. time", "Tillægssats", "Timetakst"),
    "tillaeg_timer_pr_uge": _keys(
        "Timer pr. uge", "Timer/uge", "Tillæg timer pr. uge", "Ugentlige timer", "Timer"
    ),
    "egenbetaling_maaned": _keys("Egenbetaling", "Egenbetaling pr. måned", "Egenbetaling/md."),
}
BUDGET_COLUMNS: dict[str, frozenset[str]] = {
    "dimension": _keys("Dimension", "Grupperes efter", "Gruppering", "Type"),
    "key": _keys("Gruppe", "Værdi", "Paragraf", "Målgruppe", "Navn"),
    "aar": _keys("År", "Budgetår"),
    "beloeb": _keys("Beløb", "Budget", "Årsbudget", "Budget (kr.)"),
}
TILGANG_COLUMNS: dict[str, frozenset[str]] = {
    "navn": _keys("Navn", "Beskrivelse"),
    "antal": _keys("Antal", "Antal pr. måned", "Antal/md."),
    "fra": _keys("Fra", "Fra måned", "Start"),
    "til": _keys("Til", "Til måned", "Slut"),
    "takst": PLACEMENT_COLUMNS["takst"],
    "enhed": PLACEMENT_COLUMNS["enhed"],
    "takst_aar": PLACEMENT_COLUMNS["takst_aar"],
    "varighed_mdr": _keys("Varighed", "Varighed (mdr.)", "Varighed i måneder", "Måneder"),
    "paragraf": PLACEMENT_COLUMNS["paragraf"],
    "maalgruppe": PLACEMENT_COLUMNS["maalgruppe"],
    "gruppe": PLACEMENT_COLUMNS["gruppe"],
    "tilbud": PLACEMENT_COLUMNS["tilbud"],
    "driftsherre": PLACEMENT_COLUMNS["driftsherre"],
    "tillaeg_timesats": PLACEMENT_COLUMNS["tillaeg_timesats"],
    "tillaeg_timer_pr_uge": PLACEMENT_COLUMNS["tillaeg_timer_pr_uge"],
}
AFGANG_COLUMNS: dict[str, frozenset[str]] = {
    "navn": TILGANG_COLUMNS["navn"],
    "antal": TILGANG_COLUMNS["antal"],
    "fra": TILGANG_COLUMNS["fra"],
    "til": TILGANG_COLUMNS["til"],
    "dimension": BUDGET_COLUMNS["dimension"],
    "key": _keys("Gruppe", "Værdi"),
}

_DIMENSIONS = (
    {header_key(d.value): d for d in Dimension}
    | {header_key(d.label): d for d in Dimension}
    | {
        header_key("Egen gruppe"): Dimension.GRUPPE,
        header_key("§"): Dimension.PARAGRAF,
    }
)


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a case number typed as a number: 12345.0 → "12345"
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def amount(value: object) -> Decimal | None:
    try:
        parsed = parse_amount(value)
    except NotANumber as exc:
        raise CellError(str(exc)) from None
    if parsed is INDIVIDUEL:
        raise CellError("»Individuel pris« kan ikke fremskrives. Skriv den aftalte takst i kr.")
    assert parsed is None or isinstance(parsed, Decimal)
    if parsed is not None and parsed < 0:
        raise CellError("Beløbet må ikke være negativt.")
    return parsed


def number(value: object) -> Decimal | None:
    """Hours or a factor: up to two decimals, Danish comma allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CellError("Cellen indeholder ikke et tal.")
    raw = str(round(value, 6)) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        result = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"»{_short(value)}« er ikke et tal.") from None
    if not result.is_finite() or result < 0:
        raise CellError("Tallet skal være 0 eller større.")
    if result != result.quantize(Decimal("0.01")):
        raise CellError("Højst to decimaler.")
    return result


def integer(value: object) -> int | None:
    n = number(value)
    if n is None:
        return None
    if n != n.to_integral_value():
        raise CellError("Skal være et helt tal.")
    return int(n)


def a_date(value: object, month_ok: bool = False) -> date | None:
    """A date cell: a real date, an Excel serial, "2027-03-15", "15-03-2027", "15.3.2027"
    (and "2027-03" where a month is asked for)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():  # an Excel serial without a date format
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError("Tallet er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD.")
    raw = str(value).strip()
    try:
        if month_ok and (m := _YM.match(raw)):
            return date(int(m.group(1)), int(m.group(2)), 1)
        if m := _DMY.match(raw):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(raw[:10])
    except ValueError:
        form = "ÅÅÅÅ-MM-DD (eller ÅÅÅÅ-MM)" if month_ok else "ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ"
        raise CellError(f"»{_short(raw)}« er ikke en dato. Skriv den som {form}.") from None


def unit(value: object) -> Enhed:
    found = parse_unit(text(value)) if value is not None else None
    if found not in (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED):
        raise CellError("Enheden skal være døgn, dag eller måned.")
    return found


def dimension(value: object) -> Dimension:
    found = _DIMENSIONS.get(header_key(value))
    if found is None:
        raise CellError("Skal være paragraf, målgruppe, gruppe, tilbud eller driftsherre.")
    return found


def _short(value: object, limit: int = 40) -> str:
    s = str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"
