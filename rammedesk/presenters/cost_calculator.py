"""The single-placement calculator without Qt: form text in, result rows and messages out.

The view hands over what the fields hold (``CalculatorForm``); ``compute`` parses it, runs the
pure cost core (cheap, no database: the P/L table is held here once loaded) and returns a
``CalculatorState`` with a Danish message per faulty field, or the result as display rows
(Danish numbers) and the assumptions in plain Danish. ``report`` builds the export document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.pl import MissingPLYear, PLTable
from rammedesk.domain.costs.placement import (
    MONTHS,
    CostInputError,
    PlacementCost,
    PlacementSpec,
    compute_placement_cost,
    default_horizon,
)
from rammedesk.domain.costs.report import ChartSeries, ColumnKind, CostReport, ReportChart, ReportTable
from rammedesk.domain.costs.takst_ref import StoredTakst
from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.domain.danish_numbers import NotANumber, parse_amount_text
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.presenters.formatting import format_date, format_decimal, format_int, format_kr

UNITS: tuple[Enhed, ...] = (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED)
MIN_YEAR, MAX_YEAR = 1990, 2100

# CostInputError.where (the core's Danish field names) → the form field showing the message.
_CORE_FIELDS = {
    "takst": "takst",
    "enhed": "takst",
    "tillægssats": "tillaeg_rate",
    "timer pr. uge": "tillaeg_hours",
    "timetillæg": "tillaeg_rate",
    "dagtillæg": "daily_tillaeg",
    "andel for dagtillæg": "takst",
    "egenbetaling": "egenbetaling",
    "slutdato": "end",
    "horisont": "horizon",
    "opsigelsesvarsel": "notice_days",
    "opsigelsesdato": "notice_given",
    "P/L": "pl_to",
}


@dataclass(frozen=True)
class CalculatorForm:
    """What the fields hold. Text fields are raw text; dates are None when empty."""

    takst: str = ""
    unit: Enhed = Enhed.DOEGN
    takst_year: str = ""
    start: date | None = None
    end: date | None = None
    horizon: date | None = None
    tillaeg_rate: str = ""
    tillaeg_hours: str = ""
    daily_tillaeg: str = ""
    notice: bool = False
    notice_given: date | None = None
    notice_days: str = ""
    egenbetaling: str = ""
    pl_to: str = ""
    charge_first_day: bool = True
    charge_last_day: bool = True
    sagsnr: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    days: str
    amount: str


@dataclass(frozen=True)
class CalculatorState:
    errors: dict[str, str] = field(default_factory=dict)
    result: PlacementCost | None = None
    total: str = ""
    days: str = ""
    headline: str = ""
    months: tuple[Row, ...] = ()
    years: tuple[Row, ...] = ()
    assumptions: tuple[str, ...] = ()
    horizon_text: str = ""  # what an empty end date means, always shown

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.errors


def _amount(text: str, key: str, errors: dict[str, str], *, required: bool = False) -> Decimal | None:
    try:
        value = parse_amount_text(text)
    except NotANumber as exc:
        errors[key] = f"{exc} Skriv fx 2.500,00."
        return None
    if value is None:
        if required:
            errors[key] = "Skriv et beløb, fx 2.500,00."
        return None
    if not isinstance(value, Decimal):
        errors[key] = "Skriv et beløb; individuel pris kan ikke regnes med."
        return None
    if value < 0:
        errors[key] = "Beløbet må ikke være negativt."
        return None
    return value


def _number(text: str, key: str, errors: dict[str, str]) -> Decimal | None:
    """Hours and the like: a Danish decimal without rounding to øre."""
    stripped = text.strip().replace(" ", "")
    if not stripped:
        return None
    try:
        normal = stripped.replace(".", "").replace(",", ".") if "," in stripped else stripped
        value = Decimal(normal)
    except ArithmeticError:
        errors[key] = f"»{stripped}« er ikke et tal. Skriv fx 20 eller 7,5."
        return None
    if not value.is_finite() or value < 0:
        errors[key] = "Tallet må ikke være negativt."
        return None
    return value


def _int(text: str, key: str, errors: dict[str, str], *, low: int, high: int, what: str) -> int | None:
    stripped = text.strip()
    if not stripped:
        return None
    if not stripped.isdigit() or not low <= int(stripped) <= high:
        errors[key] = f"Skriv {what} mellem {low} og {high}."
        return None
    return int(stripped)


def parse_form(form: CalculatorForm) -> tuple[PlacementSpec | None, dict[str, str]]:
    """The spec, or the Danish messages per field that stop it."""
    errors: dict[str, str] = {}
    if form.sagsnr.strip() and looks_like_cpr(form.sagsnr):
        errors["sagsnr"] = CPR_MESSAGE
    takst = _amount(form.takst, "takst", errors, required=True)
    year = _int(form.takst_year, "takst_year", errors, low=MIN_YEAR, high=MAX_YEAR, what="et årstal")
    rate = _amount(form.tillaeg_rate, "tillaeg_rate", errors)
    hours = _number(form.tillaeg_hours, "tillaeg_hours", errors)
    daily = _amount(form.daily_tillaeg, "daily_tillaeg", errors)
    egen = _amount(form.egenbetaling, "egenbetaling", errors)
    pl_to = _int(form.pl_to, "pl_to", errors, low=MIN_YEAR, high=MAX_YEAR, what="et årstal")
    if form.start is None:
        errors["start"] = "Vælg en startdato."
    notice_days = 0
    notice_given = None
    if form.notice:
        days = _int(form.notice_days, "notice_days", errors, low=0, high=3650, what="et antal dage")
        notice_days = days or 0
        notice_given = form.notice_given
        if notice_given is None:
            errors["notice_given"] = "Vælg datoen, hvor opsigelsen blev givet."
    if (rate is None) != (hours is None) and "tillaeg_rate" not in errors and "tillaeg_hours" not in errors:
        key = "tillaeg_hours" if hours is None else "tillaeg_rate"
        errors[key] = "Et timetillæg kræver både en sats pr. time og et antal timer pr. uge."
    if errors or takst is None or form.start is None:
        return None, errors
    spec = PlacementSpec(
        takst=takst,
        unit=form.unit,
        start=form.start,
        end=form.end,
        takst_year=year,
        horizon=form.horizon if form.end is None else None,
        tillaeg_rate=rate,
        tillaeg_hours_per_week=hours,
        daily_tillaeg=daily,
        notice_given=notice_given,
        notice_days=notice_days,
        egenbetaling_per_month=egen,
        pl_to_year=pl_to,
    )
    return spec, errors


def _days_per_year(result: PlacementCost) -> dict[int, int]:
    per_year: dict[int, int] = {}
    for (year, _), count in result.days_by_month.items():
        per_year[year] = per_year.get(year, 0) + count
    return per_year


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1].capitalize()} {year}"


class CostCalculatorPresenter:
    def __init__(self) -> None:
        self.pl_table: PLTable | None = None  # loaded by the view through the runner
        self.form = CalculatorForm()
        self.state = CalculatorState()
        self.chosen: StoredTakst | None = None

    # -- input -------------------------------------------------------------------------------

    def set_pl_table(self, table: PLTable) -> None:
        self.pl_table = table

    def choose_takst(self, stored: StoredTakst) -> CalculatorForm:
        """The fields a catalogue takst fills: amount, unit and takst year."""
        if stored.beloeb is None:
            raise UserError(f"Taksten for {stored.label} er individuel pris; skriv beløbet selv.", "takst")
        if stored.enhed not in UNITS:
            raise UserError(
                f"Taksten for {stored.label} er pr. {stored.enhed.label}; et forløb regnes i døgn, dag "
                "eller måned.",
                "takst",
            )
        self.chosen = stored
        self.form = replace(
            self.form,
            takst=format_decimal(stored.beloeb, 2),
            unit=stored.enhed,
            takst_year=str(stored.aar),
        )
        return self.form

    def clear_choice(self) -> None:
        self.chosen = None

    @staticmethod
    def horizon_for(form: CalculatorForm) -> date | None:
        if form.end is not None or form.start is None:
            return None
        return form.horizon or default_horizon(form.start)

    # -- compute -----------------------------------------------------------------------------

    def compute(self, form: CalculatorForm) -> CalculatorState:
        self.form = form
        horizon = self.horizon_for(form)
        horizon_text = (
            f"Uden slutdato regnes forløbet til {format_date(horizon)}." if horizon is not None else ""
        )
        spec, errors = parse_form(form)
        if spec is None:
            self.state = CalculatorState(errors=errors, horizon_text=horizon_text)
            return self.state
        if spec.pl_to_year is not None and self.pl_table is None:
            errors["pl_to"] = "P/L-tabellen er ikke indlæst endnu."
            self.state = CalculatorState(errors=errors, horizon_text=horizon_text)
            return self.state
        conv = CostConventions(charge_first_day=form.charge_first_day, charge_last_day=form.charge_last_day)
        try:
            result = compute_placement_cost(spec, conv, self.pl_table if spec.pl_to_year else None)
        except MissingPLYear as exc:
            errors["pl_to"] = exc.message
        except CostInputError as exc:
            errors[_CORE_FIELDS.get(exc.where or "", "takst")] = exc.message
        if errors:
            self.state = CalculatorState(errors=errors, horizon_text=horizon_text)
            return self.state
        self.state = self._state(result, horizon_text)
        return self.state

    def _state(self, result: PlacementCost, horizon_text: str) -> CalculatorState:
        months = tuple(
            Row(month_label(*month), format_int(result.days_by_month.get(month, 0)), format_decimal(amount))
            for month, amount in result.per_month.items()
        )
        year_days = _days_per_year(result)
        years = tuple(
            Row(str(year), format_int(year_days.get(year, 0)), format_decimal(amount))
            for year, amount in result.per_year.items()
        )
        days = f"{format_int(result.days_charged)} {'dag' if result.days_charged == 1 else 'dage'}"
        span = ""
        if result.first_charged_day and result.last_charged_day:
            span = f" ({format_date(result.first_charged_day)}–{format_date(result.last_charged_day)})"
        return CalculatorState(
            result=result,
            total=format_kr(result.total),
            days=days,
            headline=f"{days} betalt{span}",
            months=months,
            years=years,
            assumptions=tuple(result.assumptions),
            horizon_text=horizon_text,
        )

    # -- export ------------------------------------------------------------------------------

    def report(self, *, municipality: str, created: datetime, version: str, is_demo: bool) -> CostReport:
        result = self.state.result
        if result is None:
            raise UserError("Der er ingen beregning at gemme; ret felterne først.", "beregning")
        form = self.form
        month_table = ReportTable(
            "Pr. måned",
            ("Måned", "Betalte dage", "Udgift (kr.)"),
            tuple(
                (month_label(*m), result.days_by_month.get(m, 0), amount)
                for m, amount in result.per_month.items()
            ),
            kinds=(ColumnKind.TEXT, ColumnKind.INT, ColumnKind.MONEY),
            totals=("I alt", result.days_charged, result.total),
        )
        year_days = _days_per_year(result)
        year_table = ReportTable(
            "Pr. år",
            ("År", "Betalte dage", "Udgift (kr.)"),
            tuple((year, year_days.get(year, 0), amount) for year, amount in result.per_year.items()),
            kinds=(ColumnKind.YEAR, ColumnKind.INT, ColumnKind.MONEY),
            totals=("I alt", result.days_charged, result.total),
        )
        facts: list[tuple[str, str]] = []
        if form.sagsnr.strip():
            facts.append(("Sagsnummer", form.sagsnr.strip()))
        if self.chosen is not None:
            facts.append(("Tilbud", self.chosen.label))
        facts.append(("Takst", f"{form.takst} kr. pr. {form.unit.label}"))
        facts.append(("I alt", format_kr(result.total)))
        facts.append(("Betalte dage", self.state.days))
        pl_rates = tuple(self.pl_table.rates) if self.pl_table is not None else ()
        spec, _ = parse_form(form)
        pl_note = "Ingen P/L-fremskrivning."
        if spec is not None and spec.pl_to_year is not None:
            pl_note = f"Basisår {spec.base_year}, fremskrevet til prisniveau {spec.pl_to_year}."
        conv = CostConventions(charge_first_day=form.charge_first_day, charge_last_day=form.charge_last_day)
        return CostReport(
            title="Udgift til ét forløb",
            municipality=municipality,
            created=created,
            version=version,
            facts=tuple(facts),
            assumptions=tuple(a for a in result.assumptions if a not in conv.describe()),
            conventions=tuple(conv.describe()),
            pl_rates=pl_rates,
            pl_note=pl_note,
            tables=(year_table, month_table),
            charts=(self._month_chart(result),),
            is_demo=is_demo,
        )

    @staticmethod
    def _month_chart(result: PlacementCost) -> ReportChart:
        points = tuple((f"{MONTHS[m - 1][:3]} {y}", amount) for (y, m), amount in result.per_month.items())
        return ReportChart("Udgift pr. måned", (ChartSeries("Udgift (kr.)", points),), bars=True)
