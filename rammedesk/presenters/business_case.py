"""The new-tilbud business case (C-07) without Qt: form text in, year and share rows out.

``parse`` turns the fields into a ``BusinessCaseInput`` (or Danish messages per field, and
warnings such as a cover above the 75 % cap); the view resolves the sharing (population
needs the database) and calls ``show`` with the computed case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from rammedesk.domain.costs.business_case import (
    DEFAULT_COVER_PCT,
    MAX_COVER_PCT,
    MAX_YEARS,
    BusinessCase,
    BusinessCaseInput,
    ShareBasis,
    Sharing,
)
from rammedesk.domain.costs.report import Cell, ChartSeries, ColumnKind, CostReport, ReportChart, ReportTable
from rammedesk.domain.danish_numbers import NotANumber, parse_amount_text
from rammedesk.errors import UserError
from rammedesk.presenters.formatting import format_decimal

NO_POPULATION_HELP = (
    "Importér en befolkningstabel (kolonner kommunekode;år;indbyggere) med kommandoen "
    "»rammedesk population import FIL«, eller vælg lige store andele."
)


@dataclass(frozen=True)
class BusinessCaseForm:
    places: str = ""
    takst: str = ""
    first_year: str = ""
    occupancy: tuple[str, ...] = ("", "", "")
    cover: tuple[str, ...] = tuple(format_decimal(p, 0) for p in DEFAULT_COVER_PCT)
    basis: ShareBasis = ShareBasis.POPULATION
    all_hovedstaden: bool = True
    kommuner: tuple[int, ...] = ()  # chosen kommunekoder when not all of Hovedstaden


@dataclass(frozen=True)
class BusinessCaseState:
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    case: BusinessCase | None = None
    headers: tuple[str, ...] = ()
    years: tuple[tuple[str, ...], ...] = ()
    share_headers: tuple[str, ...] = ()
    shares: tuple[tuple[str, ...], ...] = ()
    sharing_note: str = ""
    assumptions: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.errors


YEAR_HEADERS = ("År", "Budget", "Takstindtægt", "Underskud", "Dækning %", "Dækning")


def _pct(text: str, key: str, errors: dict[str, str], *, required: bool) -> Decimal | None:
    stripped = text.strip().rstrip("%").strip()
    if not stripped:
        if required:
            errors[key] = "Skriv en procent, fx 80."
        return None
    try:
        value = Decimal(stripped.replace(".", "").replace(",", ".") if "," in stripped else stripped)
    except ArithmeticError:
        errors[key] = f"»{text.strip()}« er ikke en procent. Skriv fx 80 eller 72,5."
        return None
    if not value.is_finite() or not 0 <= value <= 100:
        errors[key] = "Procenten skal ligge mellem 0 og 100."
        return None
    return value


def parse(form: BusinessCaseForm) -> tuple[BusinessCaseInput | None, dict[str, str], dict[str, str]]:
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    places = form.places.strip()
    if not places.isdigit() or int(places) < 1 or int(places) > 10_000:
        errors["places"] = "Skriv et antal pladser mellem 1 og 10.000."
    takst: Decimal | None = None
    try:
        parsed = parse_amount_text(form.takst)
    except NotANumber as exc:
        errors["takst"] = f"{exc} Skriv fx 3.000,00."
    else:
        if not isinstance(parsed, Decimal) or parsed < 0:
            errors["takst"] = "Skriv taksten pr. døgn, fx 3.000,00."
        else:
            takst = parsed
    first_year = form.first_year.strip()
    if first_year and (not first_year.isdigit() or not 2000 <= int(first_year) <= 2100):
        errors["first_year"] = "Skriv et årstal mellem 2000 og 2100, eller lad feltet stå tomt."
    occupancy: list[Decimal] = []
    for i in range(MAX_YEARS):
        text = form.occupancy[i] if i < len(form.occupancy) else ""
        value = _pct(text, f"occupancy{i}", errors, required=i == 0)
        if value is None:
            if (
                i + 1 < len(form.occupancy)
                and any(t.strip() for t in form.occupancy[i + 1 :])
                and text.strip() == ""
            ):
                errors[f"occupancy{i}"] = "Udfyld årene i rækkefølge."
            break
        occupancy.append(value)
    cover: list[Decimal] = []
    for i in range(len(occupancy)):
        text = form.cover[i] if i < len(form.cover) else ""
        value = _pct(text, f"cover{i}", errors, required=True)
        if value is not None and value > MAX_COVER_PCT:
            warnings[f"cover{i}"] = "Højst 75 % (modellens loft); der regnes med 75 %."
        cover.append(value if value is not None else Decimal(0))
    if not form.all_hovedstaden and len(form.kommuner) < 1:
        errors["kommuner"] = "Vælg mindst én kommune, eller vælg alle 29 kommuner i Region Hovedstaden."
    if errors or takst is None:
        return None, errors, warnings
    inp = BusinessCaseInput(
        places=int(places),
        takst=takst,
        occupancy_pct=tuple(occupancy),
        cover_pct=tuple(cover),
        first_year=int(first_year) if first_year else None,
    )
    return inp, errors, warnings


def _year_label(number: int, calendar_year: int | None) -> str:
    return f"År {number} ({calendar_year})" if calendar_year is not None else f"År {number}"


class BusinessCasePresenter:
    def __init__(self) -> None:
        self.form = BusinessCaseForm()
        self.state = BusinessCaseState()
        self.sharing: Sharing | None = None

    def parse(self, form: BusinessCaseForm) -> BusinessCaseInput | None:
        self.form = form
        inp, errors, warnings = parse(form)
        if inp is None:
            self.state = BusinessCaseState(errors=errors, warnings=warnings)
        return inp

    def show_error(self, exc: UserError) -> BusinessCaseState:
        key = {"andele": "kommuner", "kommuner": "kommuner", "befolkning": "kommuner"}.get(
            exc.where or "", "places"
        )
        self.state = BusinessCaseState(errors={key: exc.message})
        return self.state

    def show(self, case: BusinessCase, sharing: Sharing | None) -> BusinessCaseState:
        _, _, warnings = parse(self.form)
        self.sharing = sharing
        years = tuple(
            (
                _year_label(y.number, y.calendar_year),
                format_decimal(y.budget),
                format_decimal(y.takstindtaegt),
                format_decimal(y.underskud),
                f"{format_decimal(y.cover_pct, 0)} %",
                format_decimal(y.daekning),
            )
            for y in case.years
        )
        share_headers: tuple[str, ...] = ()
        shares: tuple[tuple[str, ...], ...] = ()
        if any(y.shares for y in case.years):
            share_headers = (
                "Kommune",
                *(_year_label(y.number, y.calendar_year) for y in case.years),
                "I alt",
            )
            shares = tuple(
                (
                    case.names.get(kode, str(kode)),
                    *(format_decimal(y.shares.get(kode, Decimal(0))) for y in case.years),
                    format_decimal(sum((y.shares.get(kode, Decimal(0)) for y in case.years), Decimal(0))),
                )
                for kode in case.names
            )
        note = sharing.note if sharing is not None else "Dækningen er ikke fordelt på kommuner."
        if sharing is not None and sharing.basis is ShareBasis.POPULATION and not sharing.weights:
            note = f"{note} {NO_POPULATION_HELP}"
        self.state = BusinessCaseState(
            warnings=warnings,
            case=case,
            headers=YEAR_HEADERS,
            years=years,
            share_headers=share_headers,
            shares=shares,
            sharing_note=note,
            assumptions=tuple(case.assumptions),
        )
        return self.state

    def report(self, *, municipality: str, created: datetime, version: str, is_demo: bool) -> CostReport:
        case = self.state.case
        if case is None:
            raise UserError("Der er ingen beregning at gemme; ret felterne først.", "beregning")
        money = ColumnKind.MONEY
        years = ReportTable(
            "Underskud og dækning pr. år",
            YEAR_HEADERS,
            tuple(
                (
                    _year_label(y.number, y.calendar_year),
                    y.budget,
                    y.takstindtaegt,
                    y.underskud,
                    y.cover_pct,
                    y.daekning,
                )
                for y in case.years
            ),
            kinds=(ColumnKind.TEXT, money, money, money, ColumnKind.PERCENT, money),
            totals=("I alt", None, None, None, None, case.total_daekning),
        )
        tables = [years]
        if any(y.shares for y in case.years):
            labels = tuple(_year_label(y.number, y.calendar_year) for y in case.years)
            rows: tuple[tuple[Cell, ...], ...] = tuple(
                (
                    case.names.get(kode, str(kode)),
                    *(y.shares.get(kode, Decimal(0)) for y in case.years),
                    sum((y.shares.get(kode, Decimal(0)) for y in case.years), Decimal(0)),
                )
                for kode in case.names
            )
            tables.append(
                ReportTable(
                    "Kommunernes andele",
                    ("Kommune", *labels, "I alt"),
                    rows,
                    kinds=(ColumnKind.TEXT, *([money] * (len(labels) + 1))),
                    totals=("I alt", *(y.daekning for y in case.years), case.total_daekning),
                    note=self.state.sharing_note,
                )
            )
        form = self.form
        facts = (
            ("Pladser", form.places.strip()),
            ("Takst", f"{form.takst.strip()} kr. pr. døgn"),
            ("Fordeling", self.state.sharing_note),
        )
        return CostReport(
            title="Business case for nye pladser (Hovedstadens økonomimodel)",
            municipality=municipality,
            created=created,
            version=version,
            facts=facts,
            assumptions=tuple(case.assumptions),
            conventions=(
                "Underskud = budget − takstindtægt.",
                "Dækning = dækningsprocent (højst 75 %) × underskud; 0 ved overskud.",
            ),
            pl_note="Beløb i det indtastede takstniveau; ingen P/L-fremskrivning.",
            tables=tuple(tables),
            charts=(
                ReportChart(
                    "Underskud og dækning pr. år",
                    (
                        ChartSeries("Underskud", tuple((f"År {y.number}", y.underskud) for y in case.years)),
                        ChartSeries("Dækning", tuple((f"År {y.number}", y.daekning) for y in case.years)),
                    ),
                    bars=True,
                ),
            ),
            is_demo=is_demo,
        )
