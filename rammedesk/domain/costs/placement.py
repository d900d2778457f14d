"""The cost of ONE placement (DOMAIN.md §5 C-01..C-05, T-11): spec in, month/year/total out.

Everything is exact ``Decimal`` until the result is built; then the shown amounts are rounded
once, half-up to øre, and distributed so they foot (see ``money.allocate``): shown lines sum
to the shown month, months to the year, years to the total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS, CostConventions
from rammedesk.domain.costs.money import (
    ZERO,
    allocate,
    allocate_map,
    format_kr,
    format_number,
    round_oere,
)
from rammedesk.domain.costs.periods import (
    Month,
    charged_days_by_month,
    charged_range,
    days_in_month,
)
from rammedesk.domain.costs.pl import PLTable
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip

PLACEMENT_UNITS = (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED)
ONE = Decimal(1)
MAX_NOTICE_DAYS = 3650
MAX_YEARS = 100  # a longer period is a typing error (2207 for 2027), not a placement


class CostInputError(UserError):
    """A placement spec that cannot be computed (end before start, negative amount, …)."""


class CostLineKind(StrEnum):
    HOVED = "hoved"
    TIMETILLAEG = "timetillaeg"
    DAGTILLAEG = "dagtillaeg"
    EGENBETALING = "egenbetaling"

    @property
    def label(self) -> str:
        return {
            "hoved": "Takst",
            "timetillaeg": "Timetillæg",
            "dagtillaeg": "Dagtillæg",
            "egenbetaling": "Egenbetaling (fratrukket)",
        }[self.value]


def format_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def default_horizon(start: date) -> date:
    """31 December of the year after the start."""
    return date(start.year + 1, 12, 31)


@dataclass(frozen=True)
class PlacementSpec:
    """One placement's inputs. Amounts in kr.; the takst is in ``takst_year``'s price level.

    ``egenbetaling_per_month`` is the resident's payment entered per month (DOMAIN §8 #15),
    prorated by days like a monthly takst over the days of the stay (not a notice period
    after moving out) and subtracted: the result is the handlekommune's net cost (T-11, C-04).
    ``daily_tillaeg_fraction`` is the scope factor of C-02 ("× 2/5").
    """

    takst: Decimal
    unit: Enhed
    start: date
    end: date | None = None
    takst_year: int | None = None  # default: the start year
    horizon: date | None = None  # used when end is None; default 31 Dec of the year after start
    tillaeg_rate: Decimal | None = None  # kr. per hour
    tillaeg_hours_per_week: Decimal | None = None
    daily_tillaeg: Decimal | None = None  # kr. per charged day
    daily_tillaeg_fraction: Decimal = ONE
    notice_given: date | None = None
    notice_days: int = 0
    egenbetaling_per_month: Decimal | None = None
    pl_to_year: int | None = None
    pl_each_year: bool = False  # løbende priser: each year's days at that year's price level

    @property
    def base_year(self) -> int:
        return self.takst_year if self.takst_year is not None else self.start.year

    @property
    def stay_end(self) -> date:
        if self.end is not None:
            return self.end
        return self.horizon if self.horizon is not None else default_horizon(self.start)

    @property
    def charge_end(self) -> date:
        """C-05: the later of the end and the day notice was given plus the notice period."""
        if self.notice_given is None:
            return self.stay_end
        return max(self.stay_end, self.notice_given + timedelta(days=self.notice_days))


@dataclass(frozen=True)
class CostLine:
    month: Month
    kind: CostLineKind
    amount: Decimal  # shown (øre), negative for egenbetaling
    exact: Decimal
    days: int


@dataclass(frozen=True)
class PlacementCost:
    total: Decimal
    per_year: dict[int, Decimal]
    per_month: dict[Month, Decimal]
    lines: list[CostLine]
    days_charged: int
    assumptions: list[str]
    exact_total: Decimal
    takst_used: Decimal  # exact, after P/L (in the start year for løbende priser)
    first_charged_day: date | None = None
    last_charged_day: date | None = None
    days_by_month: dict[Month, int] = field(default_factory=dict)

    def total_of(self, kind: CostLineKind) -> Decimal:
        """The exact sum of one kind of line, rounded once (it may differ by an øre from the
        sum of that kind's shown month lines, which are distributed to foot the months)."""
        return round_oere(sum((line.exact for line in self.lines if line.kind is kind), ZERO))

    @property
    def gross_total(self) -> Decimal:
        """Before egenbetaling: the exact sum of the other lines, rounded once."""
        exact = (line.exact for line in self.lines if line.kind is not CostLineKind.EGENBETALING)
        return round_oere(sum(exact, ZERO))


def _check(spec: PlacementSpec, pl: PLTable | None) -> None:
    if spec.unit not in PLACEMENT_UNITS:
        raise CostInputError(
            f"Enheden »{spec.unit.label}« kan ikke bruges til en anbringelse; brug døgn, dag eller måned.",
            "enhed",
        )
    amounts = {
        "takst": spec.takst,
        "tillægssats": spec.tillaeg_rate,
        "timer pr. uge": spec.tillaeg_hours_per_week,
        "dagtillæg": spec.daily_tillaeg,
        "andel for dagtillæg": spec.daily_tillaeg_fraction,
        "egenbetaling": spec.egenbetaling_per_month,
    }
    for name, value in amounts.items():
        if value is not None and (not value.is_finite() or value < 0):
            raise CostInputError(f"{name.capitalize()} må ikke være negativ.", name)
    if spec.tillaeg_hours_per_week is not None and spec.tillaeg_hours_per_week > 168:
        raise CostInputError("En uge har kun 168 timer.", "timer pr. uge")
    if (spec.tillaeg_rate is None) != (spec.tillaeg_hours_per_week is None):
        raise CostInputError(
            "Et timetillæg kræver både en sats pr. time og et antal timer pr. uge.", "timetillæg"
        )
    if not 0 <= spec.notice_days <= MAX_NOTICE_DAYS:
        raise CostInputError(
            f"Opsigelsesvarslet skal være mellem 0 og {MAX_NOTICE_DAYS} dage.", "opsigelsesvarsel"
        )
    try:
        spec.charge_end  # noqa: B018 - computes the horizon and notice end
    except (OverflowError, ValueError) as exc:
        raise CostInputError("Datoerne ligger uden for kalenderen (efter år 9999).", "dato") from exc
    if spec.stay_end < spec.start:
        where = "slutdato" if spec.end is not None else "horisont"
        raise CostInputError(
            f"Slutdatoen {format_date(spec.stay_end)} ligger før startdatoen {format_date(spec.start)}.",
            where,
        )
    if spec.notice_days and spec.notice_given is None:
        raise CostInputError(
            "Et opsigelsesvarsel kræver datoen, hvor opsigelsen blev givet.", "opsigelsesdato"
        )
    if spec.charge_end.year - spec.start.year > MAX_YEARS:
        raise CostInputError(
            f"Perioden er over {MAX_YEARS} år ({format_date(spec.start)} til "
            f"{format_date(spec.charge_end)}). Tjek datoerne.",
            "slutdato",
        )
    if (spec.pl_to_year is not None or spec.pl_each_year) and pl is None:
        raise CostInputError("P/L-fremskrivning kræver en P/L-tabel.", "P/L")
    if spec.pl_to_year is not None and spec.pl_each_year:
        raise CostInputError(
            "Vælg enten fremskrivning til ét prisniveau eller løbende priser pr. år, ikke begge.", "P/L"
        )


def _assumptions(spec: PlacementSpec, conv: CostConventions, pl: PLTable | None) -> list[str]:
    unit = spec.unit.label
    notes = conv.describe()
    notes.append(f"Takst: {format_kr(spec.takst)} kr. pr. {unit} i prisniveau {spec.base_year}.")
    if spec.unit is Enhed.DAG:
        notes.append("En dagtakst ganges med kalenderdage, som en døgntakst.")
    if spec.end is None:
        horizon = "horisonten" if spec.horizon is not None else "31. december året efter start"
        notes.append(
            f"Ingen slutdato: beregnet fra {format_date(spec.start)} til {horizon}, "
            f"{format_date(spec.stay_end)}."
        )
    else:
        notes.append(f"Periode: {format_date(spec.start)} til {format_date(spec.end)}.")
    if spec.notice_given is not None:
        notice_end = spec.notice_given + timedelta(days=spec.notice_days)
        head = (
            f"Opsigelse givet {format_date(spec.notice_given)} med {spec.notice_days} dages "
            f"varsel (til {format_date(notice_end)})"
        )
        if notice_end > spec.stay_end:
            notes.append(f"{head}: betalingen løber til {format_date(notice_end)}.")
        else:
            notes.append(f"{head}: slutdatoen er senere, så varslet forlænger ikke betalingen.")
    if spec.tillaeg_rate is not None and spec.tillaeg_hours_per_week is not None:
        notes.append(
            f"Timetillæg: {format_number(spec.tillaeg_hours_per_week)} timer pr. uge à "
            f"{format_kr(spec.tillaeg_rate)} kr. pr. time for alle betalte dage."
        )
    if spec.daily_tillaeg is not None:
        fraction = (
            f" × {format_number(spec.daily_tillaeg_fraction)}" if spec.daily_tillaeg_fraction != ONE else ""
        )
        notes.append(f"Dagtillæg: {format_kr(spec.daily_tillaeg)} kr.{fraction} pr. betalt dag.")
    if spec.egenbetaling_per_month is not None:
        notes.append(
            f"Egenbetaling {format_kr(spec.egenbetaling_per_month)} kr. pr. måned trækkes fra "
            "(handlekommunens nettoudgift); fordelt efter dage i måneden for opholdets dage, "
            "ikke for en opsigelsesperiode efter fraflytning. Den fremskrives ikke med P/L."
        )
    if spec.pl_to_year is not None and pl is not None:
        notes.extend(pl.describe(spec.base_year, spec.pl_to_year))
        factor = pl.factor(spec.base_year, spec.pl_to_year)
        uplifted = spec.takst * factor
        notes.append(
            f"Takst i prisniveau {spec.pl_to_year}: {format_kr(uplifted)} kr. pr. {unit} "
            f"(regnet med den uafrundede værdi {format_number(uplifted)}); "
            "tillæg fremskrives med samme faktor."
        )
    elif spec.pl_each_year and pl is not None:
        years = sorted({y for y, _ in charged_days_by_month(spec.start, spec.charge_end, conv)})
        low, high = min([spec.base_year, *years]), max([spec.base_year, *years])
        notes.append(
            "Løbende priser: hvert års dage betales med takst og tillæg fremskrevet fra "
            f"{spec.base_year} til det års prisniveau; egenbetalingen fremskrives ikke."
        )
        if low < spec.base_year:
            notes.extend(pl.describe(spec.base_year, low))
        if high > spec.base_year:
            notes.extend(pl.describe(spec.base_year, high))
    else:
        notes.append(f"Ingen P/L-fremskrivning: beløb i prisniveau {spec.base_year}.")
    notes.append(
        "Beløb afrundes én gang, halvt op til hele øre; måneds- og årsbeløb er fordelt, så de "
        "summer præcist til totalen (hvert højst 1 øre fra den eksakte værdi). Delsummer for "
        "takst, tillæg og egenbetaling afrundes hver for sig."
    )
    return notes


def _factors(spec: PlacementSpec, pl: PLTable | None, years: set[int]) -> dict[int, Decimal]:
    """The P/L factor applied to takst and tillæg in each calendar year."""
    if pl is not None and spec.pl_to_year is not None:
        one = pl.factor(spec.base_year, spec.pl_to_year)
        return dict.fromkeys(years, one)
    if pl is not None and spec.pl_each_year:
        return {y: pl.factor(spec.base_year, y) for y in years}
    return dict.fromkeys(years, ONE)


def compute_placement_cost(
    spec: PlacementSpec,
    conv: CostConventions = DEFAULT_CONVENTIONS,
    pl: PLTable | None = None,
) -> PlacementCost:
    _check(spec, pl)
    assumptions = _assumptions(spec, conv, pl)  # raises MissingPLYear before any arithmetic
    charged = charged_days_by_month(spec.start, spec.charge_end, conv)
    stay = charged_days_by_month(spec.start, spec.stay_end, conv)
    factors = _factors(spec, pl, {y for y, _ in charged})

    exact_lines: dict[Month, list[tuple[CostLineKind, Decimal, int]]] = {}
    for month, days in charged.items():
        factor = factors[month[0]]
        takst = spec.takst * factor
        dim = days_in_month(*month)
        hoved = takst * days / dim if spec.unit is Enhed.MAANED else takst * days
        lines = [(CostLineKind.HOVED, hoved, days)]
        if spec.tillaeg_rate is not None and spec.tillaeg_hours_per_week is not None:
            hours = spec.tillaeg_hours_per_week * days / conv.hour_tillaeg_days_divisor
            lines.append((CostLineKind.TIMETILLAEG, spec.tillaeg_rate * factor * hours, days))
        if spec.daily_tillaeg is not None:
            daily = spec.daily_tillaeg * factor * spec.daily_tillaeg_fraction * days
            lines.append((CostLineKind.DAGTILLAEG, daily, days))
        stay_days = stay.get(month, 0)
        if spec.egenbetaling_per_month is not None and stay_days:
            egen = -spec.egenbetaling_per_month * stay_days / dim
            lines.append((CostLineKind.EGENBETALING, egen, stay_days))
        exact_lines[month] = lines

    exact_months = {m: sum((x for _, x, _ in ls), ZERO) for m, ls in exact_lines.items()}
    exact_years: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for (year, _), amount in exact_months.items():
        exact_years[year] += amount
    exact_total = sum(exact_months.values(), ZERO)

    total = round_oere(exact_total)
    per_year = allocate_map(dict(exact_years), total)
    months_of: dict[int, dict[Month, Decimal]] = defaultdict(dict)
    for month, amount in exact_months.items():
        months_of[month[0]][month] = amount
    per_month: dict[Month, Decimal] = {}
    for year, shown in per_year.items():
        per_month.update(allocate_map(months_of[year], shown))
    cost_lines: list[CostLine] = []
    for month, lines in exact_lines.items():
        shown_lines = allocate([x for _, x, _ in lines], per_month[month])
        cost_lines.extend(
            CostLine(month, kind, amount, exact, days)
            for (kind, exact, days), amount in zip(lines, shown_lines, strict=True)
        )
    charged_span = charged_range(spec.start, spec.charge_end, conv)
    first, last = charged_span if charged_span else (None, None)
    return PlacementCost(
        total=total,
        per_year=per_year,
        per_month=per_month,
        lines=cost_lines,
        days_charged=sum(charged.values()),
        assumptions=assumptions,
        exact_total=exact_total,
        takst_used=spec.takst * _factors(spec, pl, {spec.start.year})[spec.start.year],
        first_charged_day=first,
        last_charged_day=last,
        days_by_month=charged,
    )
