"""»Scenarier«: the change form (Danish text → the scenario document format), descriptions,
and the comparison of scenarios with the base (table per year and chart lines per month).

Qt-free. Scenario documents are the format of ``domain/portfolio/scenario_json.py`` (the same
the CLI reads and the service stores); every change built here is parsed by it, so the GUI
can store nothing the CLI would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.domain.portfolio.calendar import month_key
from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.portfolio.projection import to_oere
from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenario_from_json
from rammedesk.domain.portfolio.scenarios import Comparison, ScenarioResult
from rammedesk.presenters.portfolio import FormError, parse_date, parse_int, parse_money, whole_kr

NO_FILTER = ""
FILTER_DIMENSIONS = (
    Dimension.PARAGRAF,
    Dimension.MAALGRUPPE,
    Dimension.GRUPPE,
    Dimension.TILBUD,
    Dimension.DRIFTSHERRE,
)


@dataclass(frozen=True)
class ChangeKind:
    key: str
    label: str
    fields: tuple[str, ...]


FIELD_LABELS = {
    "pct": "Ændring i %",
    "timer_pr_uge": "Timer pr. uge (ny værdi)",
    "faktor": "eller ganges med",
    "sagsnummer": "Sagsnummer",
    "slut": "Ny slutdato (tom = løbende)",
    "maaneder": "Flyt med måneder (±)",
    "navn": "Navn",
    "antal": "Antal pr. måned",
    "fra": "Fra måned",
    "til": "Til måned (tom = hele perioden)",
    "takst": "Takst (kr.)",
    "enhed": "Enhed",
    "takst_aar": "Takstår",
    "varighed_mdr": "Varighed i måneder (0 = løbende)",
    "paragraf": "Paragraf",
    "maalgruppe": "Målgruppe",
    "tilbud": "Tilbud",
    "dimension": "Kun for",
    "vaerdi": "med værdien",
}

CHANGE_KINDS = (
    ChangeKind("takst", "Takst ± %", ("pct", "dimension", "vaerdi")),
    ChangeKind("tillaeg_timer", "Tillægstimer", ("timer_pr_uge", "faktor", "dimension", "vaerdi")),
    ChangeKind(
        "tilgang",
        "Tilgang: nye pladser",
        (
            "navn",
            "antal",
            "fra",
            "til",
            "takst",
            "enhed",
            "takst_aar",
            "varighed_mdr",
            "paragraf",
            "maalgruppe",
            "tilbud",
        ),
    ),
    ChangeKind("afgang", "Afgang: sager der slutter", ("navn", "antal", "fra", "til", "dimension", "vaerdi")),
    ChangeKind("slutdato", "Ny slutdato for én sag", ("sagsnummer", "slut")),
    ChangeKind("flyt_slut", "Flyt planlagte slutdatoer", ("maaneder", "dimension", "vaerdi")),
)
KINDS = {k.key: k for k in CHANGE_KINDS}


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _signed_decimal(text: str, field_name: str) -> str:
    t = text.strip().replace(" ", "").replace("%", "").replace(",", ".").replace("\u2212", "-")
    try:
        value = Decimal(t)
    except ArithmeticError:
        value = Decimal("NaN")
    if not t or not value.is_finite():
        raise FormError(field_name, "Skriv et tal, fx 3 eller -2,5.")
    return _decimal_text(value)


def parse_month(text: str, field_name: str, required: bool = False) -> str | None:
    """'07.2027', '7/2027', '2027-07' or a full date → '2027-07'."""
    t = text.strip()
    if not t:
        if required:
            raise FormError(field_name, "Skriv en måned, fx 07.2027.")
        return None
    if len(t) == 7 and t[4] == "-" and t[:4].isdigit() and t[5:].isdigit():
        year, month = int(t[:4]), int(t[5:])
    else:
        parts = t.replace("/", ".").replace("-", ".").split(".")
        if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[1]) == 4:
            month, year = int(parts[0]), int(parts[1])
        else:
            day = parse_date(t, field_name)
            assert day is not None
            month, year = day.month, day.year
    if not 1 <= month <= 12:
        raise FormError(field_name, f"»{t}« er ikke en måned; skriv fx 07.2027.")
    return f"{year:04d}-{month:02d}"


def _filter(values: dict[str, str], doc: dict[str, Any]) -> None:
    dim = values.get("dimension", NO_FILTER)
    if dim:
        key = values.get("vaerdi", "").strip()
        if not key:
            raise FormError("vaerdi", "Skriv den værdi, ændringen gælder for, fx § 108.")
        doc["gruppe"] = {"dimension": dim, "vaerdi": key}


def change_from_fields(kind: str, values: dict[str, str]) -> dict[str, Any]:
    """One change in the scenario document format, from the form's text; FormError if bad."""
    for name, text in values.items():
        if looks_like_cpr(text):
            raise FormError(name, CPR_MESSAGE)
    doc: dict[str, Any] = {"type": kind}
    v = {k: values.get(k, "") for k in FIELD_LABELS}
    if kind == "takst":
        doc["pct"] = _signed_decimal(v["pct"], "pct")
        _filter(values, doc)
    elif kind == "tillaeg_timer":
        if v["timer_pr_uge"].strip() and v["faktor"].strip():
            raise FormError("faktor", "Angiv enten nye timer pr. uge eller en faktor, ikke begge.")
        if v["timer_pr_uge"].strip():
            doc["timer_pr_uge"] = _decimal_text(parse_money(v["timer_pr_uge"], "timer_pr_uge"))
        elif v["faktor"].strip():
            doc["faktor"] = _decimal_text(parse_money(v["faktor"], "faktor"))
        else:
            raise FormError("timer_pr_uge", "Angiv nye timer pr. uge eller en faktor.")
        _filter(values, doc)
    elif kind == "slutdato":
        if not v["sagsnummer"].strip():
            raise FormError("sagsnummer", "Skriv sagsnummeret.")
        doc["sagsnummer"] = v["sagsnummer"].strip()
        slut = parse_date(v["slut"], "slut")
        if slut is not None:
            doc["slut"] = slut.isoformat()
    elif kind == "flyt_slut":
        doc["maaneder"] = parse_int(v["maaneder"], "maaneder", -240, 240)
        _filter(values, doc)
    elif kind in ("tilgang", "afgang"):
        doc["navn"] = v["navn"].strip() or ("Tilgang" if kind == "tilgang" else "Afgang")
        doc["antal"] = parse_int(v["antal"], "antal", 0, 1000)
        doc["fra"] = parse_month(v["fra"], "fra", required=True)
        til = parse_month(v["til"], "til")
        if til:
            doc["til"] = til
        if kind == "tilgang":
            doc["takst"] = _decimal_text(parse_money(v["takst"], "takst", required=True))
            doc["enhed"] = values.get("enhed") or "doegn"
            doc["takst_aar"] = parse_int(v["takst_aar"], "takst_aar", 1900, 2200, default=int(doc["fra"][:4]))
            doc["varighed_mdr"] = parse_int(v["varighed_mdr"], "varighed_mdr", 0, 1200, default=0)
            for name in ("paragraf", "maalgruppe", "tilbud"):
                if v[name].strip():
                    doc[name] = v[name].strip()
        else:
            _filter(values, doc)
    else:
        raise FormError("type", f"Ukendt ændring »{kind}«.")
    try:
        scenario_from_json({"navn": "kontrol", "aendringer": [doc]})
    except ScenarioFormatError as exc:
        field_name = exc.where.rsplit(".", 1)[-1].rstrip(")").split("(")[-1].strip()
        raise FormError(field_name if field_name in FIELD_LABELS else "type", str(exc)) from None
    return doc


def pl_from_text(text: str) -> list[dict[str, Any]]:
    """'2028: 3,0; 2029: 2,5' → the document's P/L list (the rate in % over the previous year)."""
    rates = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        year_text, sep, rate_text = part.partition(":" if ":" in part else "=")
        if not sep:
            raise FormError("pl", f"»{part.strip()}« skal skrives som år: sats, fx 2028: 3,0.")
        year = parse_int(year_text, "pl", 1900, 2200)
        rates.append({"aar": year, "sats": _signed_decimal(rate_text, "pl")})
    if not rates:
        raise FormError("pl", "Skriv mindst ét år med en sats, fx 2028: 3,0.")
    try:
        scenario_from_json({"navn": "kontrol", "pl": rates})
    except ScenarioFormatError as exc:
        raise FormError("pl", str(exc)) from None
    return rates


def pl_text(doc: dict[str, Any]) -> str:
    rates = doc.get("pl") or []
    return "; ".join(f"{r['aar']}: {str(r['sats']).replace('.', ',')}" for r in rates)


def new_document(navn: str) -> dict[str, Any]:
    return {"navn": navn, "aendringer": []}


def renamed(doc: dict[str, Any], navn: str) -> dict[str, Any]:
    return {**doc, "navn": navn}


def copy_name(navn: str, taken: set[str]) -> str:
    name, n = f"Kopi af {navn}", 2
    while name in taken:
        name, n = f"Kopi af {navn} ({n})", n + 1
    return name


def describe(doc: dict[str, Any]) -> list[str]:
    """One Danish line per change (as the GUI and the exports print them)."""
    try:
        scenario = scenario_from_json(doc)
    except ScenarioFormatError as exc:
        return [f"Scenariet kan ikke læses: {exc} ({exc.where})"]
    lines = [change.describe() for change in scenario.aendringer]  # the domain's words, as the CLI
    if doc.get("pl"):
        lines.append(f"Anden P/L-tabel (% over året før): {pl_text(doc)}.")
    return lines or ["Ingen ændringer endnu — som basis."]


# -- the comparison ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def comparison_table(comparison: Comparison, fixed: bool = False) -> ComparisonTable:
    """Per year: the base, then each scenario and its difference from the base (kr.)."""
    headers = ["År", "Basis"]
    for r in comparison.scenarios:
        headers += [r.scenario.navn, f"Forskel, {r.scenario.navn}"]
    rows = []
    base_years = comparison.base.total.per_year(fixed)
    for i, year in enumerate(comparison.base.years):
        row = [str(year), whole_kr(base_years[year])]
        for r in comparison.scenarios:
            y = r.years[i]
            row += [
                whole_kr(y.scenario_fixed if fixed else y.scenario),
                signed(y.difference_fixed if fixed else y.difference),
            ]
        rows.append(tuple(row))
    total = ["I alt", whole_kr(comparison.base.total.total(fixed))]
    for r in comparison.scenarios:
        total += [whole_kr(r.projection.total.total(fixed)), signed(total_difference(comparison, r, fixed))]
    rows.append(tuple(total))
    return ComparisonTable(tuple(headers), tuple(rows))


def total_difference(comparison: Comparison, result: ScenarioResult, fixed: bool = False) -> Decimal:
    """The scenario's total minus the base's over the horizon, exact, rounded once."""
    base = comparison.base.total
    exact = sum(
        (
            result.projection.total.exact_year(y, fixed) - base.exact_year(y, fixed)
            for y in comparison.base.years
        ),
        Fraction(0),
    )
    return to_oere(exact)


def signed(value: Decimal) -> str:
    text = whole_kr(value)
    return f"+{text}" if value > 0 and text != "0" else text


def chart_lines(comparison: Comparison) -> tuple[tuple[date, ...], list[tuple[str, list[Decimal]]]]:
    """Months and one line per scenario (the base first), løbende priser."""
    months = comparison.base.months
    lines = [("Basis", comparison.base.total.per_month())]
    lines += [(r.scenario.navn, r.projection.total.per_month()) for r in comparison.scenarios]
    return months, [(name, [values[month_key(m)] for m in months]) for name, values in lines]
