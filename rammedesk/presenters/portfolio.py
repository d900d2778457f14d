"""»Portefølje«: placement rows, the placement form, budget lines and the projection's view.

Qt-free: the tab shows what these functions return and sends the user's text through
``placement_from_form`` / ``budget_from_text``, which refuse bad input with a Danish message
naming the field (``FormError``). Amounts are rounded once, when shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from fractions import Fraction

from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.domain.danish_dates import NotADate, parse_date_text
from rammedesk.domain.danish_numbers import NotANumber, parse_amount_text
from rammedesk.domain.portfolio.calendar import days_in_month, days_in_year, month_key
from rammedesk.domain.portfolio.model import (
    BudgetLine,
    Dimension,
    Placement,
    PortfolioInputError,
)
from rammedesk.domain.portfolio.projection import Projection, Series, to_oere
from rammedesk.domain.vocab import Enhed
from rammedesk.presenters.formatting import MONTHS, format_date, format_decimal

MAX_YEARS = 10
UNIT_CHOICES = (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED)
COLUMNS = (
    "Sagsnummer",
    "Tilbud",
    "Paragraf",
    "Målgruppe",
    "Gruppe",
    "Takst",
    "Enhed",
    "Start",
    "Slut",
    "Tillæg",
)
TOTAL_DIMENSIONS = (Dimension.PARAGRAF, Dimension.MAALGRUPPE, Dimension.TILBUD, Dimension.DRIFTSHERRE)
BUDGET_DIMENSIONS = (Dimension.PARAGRAF, Dimension.MAALGRUPPE, Dimension.GRUPPE)


class FormError(ValueError):
    """Bad input in one field; ``field`` is the form field's key, ``str(exc)`` Danish."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


# -- formatting -------------------------------------------------------------------------------


def money(value: Decimal) -> str:
    return format_decimal(value, 2)


def whole_kr(value: Decimal) -> str:
    """Amounts in a projection table: whole kroner (1.234.567), rounded half-up once."""
    return format_decimal(value, 0)


def month_label(first: date) -> str:
    return f"{MONTHS[first.month - 1][:3]}. {first.year}" if first.month != 5 else f"maj {first.year}"


def tillaeg_text(p: Placement) -> str:
    if not p.tillaeg_timer_pr_uge or not p.tillaeg_timesats:
        return ""
    hours = format_decimal(p.tillaeg_timer_pr_uge, 2).rstrip("0").rstrip(",")
    return f"{hours} t/uge à {money(p.tillaeg_timesats)}"


def placement_row(p: Placement) -> tuple[str, ...]:
    return (
        p.sagsnummer,
        p.tilbud_navn,
        p.paragraf,
        p.maalgruppe,
        p.gruppe,
        money(p.takst),
        p.enhed.label,
        format_date(p.start),
        format_date(p.slut) if p.slut else "løbende",
        tillaeg_text(p),
    )


# -- the placement form -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementForm:
    """The form's text fields, as typed."""

    sagsnummer: str = ""
    tilbud: str = ""
    driftsherre: str = ""
    paragraf: str = ""
    maalgruppe: str = ""
    gruppe: str = ""
    takst: str = ""
    enhed: str = Enhed.DOEGN.value
    takst_aar: str = ""
    start: str = ""
    slut: str = ""
    opsigelse_givet: str = ""
    varsel_dage: str = ""
    tillaeg_timesats: str = ""
    tillaeg_timer: str = ""
    egenbetaling: str = ""


FORM_LABELS = {
    "sagsnummer": "Sagsnummer",
    "tilbud": "Tilbud",
    "driftsherre": "Driftsherre",
    "paragraf": "Paragraf",
    "maalgruppe": "Målgruppe",
    "gruppe": "Gruppe",
    "takst": "Takst (kr.)",
    "enhed": "Enhed",
    "takst_aar": "Takstår",
    "start": "Start",
    "slut": "Slut",
    "opsigelse_givet": "Opsigelse givet",
    "varsel_dage": "Varsel (dage)",
    "tillaeg_timesats": "Tillæg, timesats (kr.)",
    "tillaeg_timer": "Tillæg, timer pr. uge",
    "egenbetaling": "Egenbetaling pr. måned (kr.)",
}
# the model's field names → the form's
_MODEL_TO_FORM = {
    "tilbud_navn": "tilbud",
    "tillaeg_timer_pr_uge": "tillaeg_timer",
    "egenbetaling_maaned": "egenbetaling",
}


def form_from_placement(p: Placement) -> PlacementForm:
    def opt(d: date | None) -> str:
        return format_date(d) if d else ""

    def amount(v: Decimal) -> str:
        return format_decimal(v, 2) if v else ""

    return PlacementForm(
        sagsnummer=p.sagsnummer,
        tilbud=p.tilbud_navn,
        driftsherre=p.driftsherre,
        paragraf=p.paragraf,
        maalgruppe=p.maalgruppe,
        gruppe=p.gruppe,
        takst=format_decimal(p.takst, 2),
        enhed=p.enhed.value,
        takst_aar=str(p.takst_aar),
        start=format_date(p.start),
        slut=opt(p.slut),
        opsigelse_givet=opt(p.opsigelse_givet),
        varsel_dage=str(p.varsel_dage) if p.varsel_dage else "",
        tillaeg_timesats=amount(p.tillaeg_timesats),
        tillaeg_timer=amount(p.tillaeg_timer_pr_uge),
        egenbetaling=amount(p.egenbetaling_maaned),
    )


def parse_date(text: str, field_name: str, required: bool = False) -> date | None:
    """'15.03.2027', '15-03-2027', '15/3-2027' or '2027-03-15'."""
    if not text.strip():
        if required:
            raise FormError(field_name, "Skriv en dato, fx 01.03.2027.")
        return None
    try:
        return parse_date_text(text)
    except NotADate as exc:
        raise FormError(field_name, str(exc)) from None


def parse_money(text: str, field_name: str, required: bool = False) -> Decimal:
    t = text.strip()
    if not t:
        if required:
            raise FormError(field_name, "Skriv et beløb, fx 2.450,50.")
        return Decimal(0)
    try:
        value = parse_amount_text(t)
    except NotANumber as exc:
        raise FormError(field_name, str(exc)) from None
    if not isinstance(value, Decimal):
        raise FormError(field_name, "Skriv et beløb, fx 2.450,50.")
    if value < 0:
        raise FormError(field_name, "Beløbet må ikke være negativt.")
    return value


def parse_int(text: str, field_name: str, low: int, high: int, default: int | None = None) -> int:
    t = text.strip().replace(".", "")
    if not t and default is not None:
        return default
    if not t.lstrip("-").isdigit():
        raise FormError(field_name, f"Skriv et helt tal mellem {low} og {high}.")
    value = int(t)
    if not low <= value <= high:
        raise FormError(field_name, f"Skriv et helt tal mellem {low} og {high}.")
    return value


def placement_from_form(form: PlacementForm) -> Placement:
    """The placement the form describes, or ``FormError`` naming the first bad field."""
    for f in fields(form):
        if looks_like_cpr(getattr(form, f.name)):
            raise FormError(f.name, CPR_MESSAGE)
    start = parse_date(form.start, "start", required=True)
    assert start is not None
    try:
        enhed = Enhed(form.enhed)
    except ValueError:
        raise FormError("enhed", "Enheden skal være døgn, dag eller måned.") from None
    try:
        return Placement(
            sagsnummer=" ".join(form.sagsnummer.split()),
            takst=parse_money(form.takst, "takst", required=True),
            enhed=enhed,
            takst_aar=parse_int(form.takst_aar, "takst_aar", 1900, 2200, default=start.year),
            start=start,
            slut=parse_date(form.slut, "slut"),
            tilbud_navn=form.tilbud.strip(),
            driftsherre=form.driftsherre.strip(),
            paragraf=form.paragraf.strip(),
            maalgruppe=form.maalgruppe.strip(),
            gruppe=form.gruppe.strip(),
            opsigelse_givet=parse_date(form.opsigelse_givet, "opsigelse_givet"),
            varsel_dage=parse_int(form.varsel_dage, "varsel_dage", 0, 3660, default=0),
            tillaeg_timesats=parse_money(form.tillaeg_timesats, "tillaeg_timesats"),
            tillaeg_timer_pr_uge=parse_money(form.tillaeg_timer, "tillaeg_timer"),
            egenbetaling_maaned=parse_money(form.egenbetaling, "egenbetaling"),
        )
    except PortfolioInputError as exc:
        raise FormError(_MODEL_TO_FORM.get(exc.field, exc.field), str(exc)) from None


def form_error_text(exc: FormError) -> str:
    return f"{FORM_LABELS.get(exc.field, exc.field)}: {exc}"


# -- budget -----------------------------------------------------------------------------------


def budget_rows(lines: Iterable[BudgetLine]) -> list[tuple[str, str, str, str]]:
    return [(b.dimension.label, b.key, str(b.aar), money(b.beloeb)) for b in lines]


def budget_from_text(dimension: str, key: str, year: str, amount: str) -> BudgetLine:
    """One budget line from the budget dialog's fields."""
    try:
        dim = Dimension(dimension)
    except ValueError:
        raise FormError("dimension", "Vælg paragraf, målgruppe eller gruppe.") from None
    k = " ".join(key.split())
    if not k:
        raise FormError("key", "Skriv gruppens navn, fx § 108.")
    if looks_like_cpr(k):
        raise FormError("key", CPR_MESSAGE)
    aar = parse_int(year, "aar", 1900, 2200)
    return BudgetLine(dim, k, aar, parse_money(amount, "beloeb", required=True))


# -- the projection -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    month: date
    forecast: Decimal  # løbende priser, shown amount
    forecast_fixed: Decimal
    budget: Decimal | None  # None: no budget for that year
    over: bool

    @property
    def key(self) -> str:
        return month_key(self.month)

    def cells(self) -> tuple[str, ...]:
        diff = "" if self.budget is None else whole_kr(self.forecast - self.budget)
        return (
            month_label(self.month),
            whole_kr(self.forecast),
            whole_kr(self.forecast_fixed),
            "" if self.budget is None else whole_kr(self.budget),
            diff,
        )


MONTH_HEADERS = ("Måned", "Prognose", "Faste priser", "Budget", "Forskel")


@dataclass(frozen=True)
class BudgetSubject:
    """What the chart compares: the whole portfolio or one budget group."""

    label: str
    dimension: Dimension | None  # None: the whole portfolio
    key: str = ""


def budget_subjects(projection: Projection) -> list[BudgetSubject]:
    subjects = [BudgetSubject("Hele porteføljen", None)]
    subjects += [
        BudgetSubject(f"{c.dimension.label}: {c.key}", c.dimension, c.key) for c in projection.budget
    ]
    return subjects


def _budget_dimension(projection: Projection) -> Dimension | None:
    """The whole portfolio's budget: the sum over the dimension with the most budget groups
    (summing two dimensions would count the same placements twice)."""
    counts: dict[Dimension, int] = {}
    for c in projection.budget:
        counts[c.dimension] = counts.get(c.dimension, 0) + 1
    return max(counts, key=lambda d: (counts[d], -list(Dimension).index(d))) if counts else None


def budget_note(projection: Projection, subject: BudgetSubject) -> str:
    if subject.dimension is not None:
        return f"Budget for {subject.dimension.label.lower()} {subject.key}."
    dim = _budget_dimension(projection)
    if dim is None:
        return "Der er ikke indtastet noget budget."
    return f"Budget: summen af budgetterne pr. {dim.label.lower()}."


def month_rows(projection: Projection, subject: BudgetSubject | None = None) -> list[MonthRow]:
    """Month by month: forecast, budget and whether the month is over budget (exact values)."""
    subject = subject or BudgetSubject("", None)
    months = projection.months
    if subject.dimension is None:
        series: Series = projection.total
        dim = _budget_dimension(projection)
        comparisons = [c for c in projection.budget if c.dimension == dim]
    else:
        series = projection.by_dimension[subject.dimension].get(subject.key) or projection.total
        comparisons = [
            c for c in projection.budget if (c.dimension, c.key) == (subject.dimension, subject.key)
        ]
        if subject.key not in projection.by_dimension[subject.dimension]:
            series = Series(months, (0,) * len(months), (0,) * len(months), projection.total.den)
    shown = series.per_month()
    shown_fixed = series.per_month(fixed=True)
    rows = []
    for i, m in enumerate(months):
        exact_budget: Fraction | None = None
        for c in comparisons:
            if m.year in c.budget_per_year:
                part = Fraction(c.budget_per_year[m.year]) * days_in_month(m) / days_in_year(m.year)
                exact_budget = part if exact_budget is None else exact_budget + part
        key = month_key(m)
        rows.append(
            MonthRow(
                month=m,
                forecast=shown[key],
                forecast_fixed=shown_fixed[key],
                budget=None if exact_budget is None else to_oere(exact_budget),
                over=exact_budget is not None and series.exact_month(i) > exact_budget,
            )
        )
    return rows


def over_budget_summary(rows: Sequence[MonthRow]) -> str:
    budgeted = [r for r in rows if r.budget is not None]
    if not budgeted:
        return "Intet budget for perioden — prognosen vises alene."
    over = [r for r in budgeted if r.over]
    if not over:
        return f"Ingen af de {len(budgeted)} måneder med budget er over budget."
    first = month_label(over[0].month)
    return f"{len(over)} af {len(budgeted)} måneder er over budget (første: {first})."


@dataclass(frozen=True)
class TotalsTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def totals_table(projection: Projection, dimension: Dimension) -> TotalsTable:
    years = projection.years
    headers = (dimension.label, *(str(y) for y in years), "I alt")
    rows = []
    for key, series in projection.by_dimension[dimension].items():
        per_year = series.per_year()
        rows.append((key, *(whole_kr(per_year.get(y, Decimal(0))) for y in years), whole_kr(series.total())))
    per_year = projection.total.per_year()
    rows.append(
        ("I alt", *(whole_kr(per_year.get(y, Decimal(0))) for y in years), whole_kr(projection.total.total()))
    )
    return TotalsTable(headers, tuple(rows))


def projection_summary(projection: Projection) -> str:
    a = projection.assumptions
    first, last = projection.months[0], projection.months[-1]
    parts = [
        f"{month_label(first)} – {month_label(last)}",
        f"{a.placements_known} kendte anbringelser",
    ]
    if a.placements_generated:
        parts.append(f"{a.placements_generated} forventede nye")
    if a.placements_ended_by_afgang:
        parts.append(f"{a.placements_ended_by_afgang} forventede afgange")
    parts.append(f"i alt {whole_kr(projection.total.total())} kr. i løbende priser")
    return " · ".join(parts) + "."


def assumption_lines(projection: Projection) -> list[str]:
    """The projection's assumptions, as printed beside the numbers and in exports."""
    a = projection.assumptions
    lines = [
        f"Periode: {month_label(a.start)} og {a.months} måneder frem.",
        "Første dag betales." if a.charge_first_day else "Første dag betales ikke.",
        "Sidste dag betales." if a.charge_last_day else "Sidste dag betales ikke.",
    ]
    for (base, target), factor in sorted(a.pl_factors.items()):
        if target > base:
            lines.append(f"P/L-faktor {base} → {target}: {format_decimal(factor, 6)}")
    lines.extend(a.rules)
    return lines
