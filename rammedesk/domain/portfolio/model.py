"""The portfolio's domain objects: placements (by case number only), budgets, til-/afgang.

Amounts are Decimal kroner to øre; hours per week to two decimals. The bounds below keep the
projection's integer arithmetic (øre × days in int64) far from overflow and catch typing errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from rammedesk.domain.cpr import CPR_MESSAGE, looks_like_cpr
from rammedesk.domain.vocab import Enhed

MAX_TAKST = Decimal("10000000")  # kr. per unit; more is a typing error
MAX_HOURS_PER_WEEK = Decimal("168")
MAX_TILLAEG_RATE = Decimal("100000")
UNITS = (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED)


class Dimension(StrEnum):
    """What a budget line or a total groups by."""

    PARAGRAF = "paragraf"
    MAALGRUPPE = "maalgruppe"
    GRUPPE = "gruppe"  # the municipality's own grouping
    TILBUD = "tilbud"
    DRIFTSHERRE = "driftsherre"

    @property
    def label(self) -> str:
        return _DIMENSION_LABELS[self]


_DIMENSION_LABELS = {
    Dimension.PARAGRAF: "Paragraf",
    Dimension.MAALGRUPPE: "Målgruppe",
    Dimension.GRUPPE: "Gruppe",
    Dimension.TILBUD: "Tilbud",
    Dimension.DRIFTSHERRE: "Driftsherre",
}


NOT_GIVEN = "(ikke angivet)"
_KEY_FIELDS = {
    Dimension.PARAGRAF: "paragraf",
    Dimension.MAALGRUPPE: "maalgruppe",
    Dimension.GRUPPE: "gruppe",
    Dimension.TILBUD: "tilbud_navn",
    Dimension.DRIFTSHERRE: "driftsherre",
}


class PortfolioInputError(ValueError):
    """A value the model refuses; ``field`` names it, ``str(exc)`` is Danish."""

    def __init__(self, message: str, field_name: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class Placement:
    """One case's placement. ``sagsnummer`` is the only reference to the citizen."""

    sagsnummer: str
    takst: Decimal
    enhed: Enhed
    takst_aar: int
    start: date
    slut: date | None = None  # planned end (last day); None = open-ended
    tilbud_navn: str = ""
    tilbud_id: int | None = None
    afdeling_id: int | None = None
    driftsherre: str = ""
    paragraf: str = ""
    maalgruppe: str = ""
    gruppe: str = ""
    opsigelse_givet: date | None = None  # the day notice was given
    varsel_dage: int = 0  # opsigelsesvarsel in days
    tillaeg_timesats: Decimal = Decimal(0)  # kr. per hour
    tillaeg_timer_pr_uge: Decimal = Decimal(0)
    egenbetaling_maaned: Decimal = Decimal(0)  # kr. per month, prorated by days of the stay

    def __post_init__(self) -> None:
        validate_placement(self)

    @property
    def charge_end(self) -> date | None:
        """The last day charged (C-05): the later of the end and notice given + varsel;
        None for an open-ended placement (it runs to the horizon)."""
        if self.slut is None:
            return None
        if self.opsigelse_givet is None:
            return self.slut
        return max(self.slut, self.opsigelse_givet + timedelta(days=self.varsel_dage))

    def key(self, dimension: Dimension) -> str:
        value: str = getattr(self, _KEY_FIELDS[dimension])
        return value or NOT_GIVEN


def _text_fields(p: Placement) -> dict[str, str]:
    return {
        "sagsnummer": p.sagsnummer,
        "tilbud": p.tilbud_navn,
        "driftsherre": p.driftsherre,
        "paragraf": p.paragraf,
        "maalgruppe": p.maalgruppe,
        "gruppe": p.gruppe,
    }


def validate_placement(p: Placement) -> None:
    for name, text in _text_fields(p).items():
        if looks_like_cpr(text):
            raise PortfolioInputError(CPR_MESSAGE, name)
        if len(text) > 200:
            raise PortfolioInputError("Teksten er længere end 200 tegn.", name)
    if not p.sagsnummer.strip():
        raise PortfolioInputError("Sagsnummeret mangler.", "sagsnummer")
    if p.enhed not in UNITS:
        raise PortfolioInputError("Enheden skal være døgn, dag eller måned.", "enhed")
    _amount(p.takst, MAX_TAKST, "takst")
    _amount(p.tillaeg_timesats, MAX_TILLAEG_RATE, "tillaeg_timesats")
    _amount(p.tillaeg_timer_pr_uge, MAX_HOURS_PER_WEEK, "tillaeg_timer_pr_uge")
    _amount(p.egenbetaling_maaned, MAX_TAKST, "egenbetaling_maaned")
    if not 1900 <= p.takst_aar <= 2200:
        raise PortfolioInputError(f"Takståret {p.takst_aar} er ikke et gyldigt år.", "takst_aar")
    if p.slut is not None and p.slut < p.start:
        raise PortfolioInputError("Slutdatoen ligger før startdatoen.", "slut")
    if p.varsel_dage < 0 or p.varsel_dage > 3660:
        raise PortfolioInputError("Varslet skal være mellem 0 og 3660 dage.", "varsel_dage")
    if p.varsel_dage and p.opsigelse_givet is None:
        raise PortfolioInputError("Et varsel kræver en dato for opsigelsen.", "opsigelse_givet")


def _amount(value: Decimal, limit: Decimal, name: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PortfolioInputError("Beløbet er ikke et tal.", name)
    if value < 0:
        raise PortfolioInputError("Beløbet må ikke være negativt.", name)
    if value > limit:
        raise PortfolioInputError(f"Beløbet er større end {limit} — er det skrevet rigtigt?", name)
    if value != value.quantize(Decimal("0.01")):
        raise PortfolioInputError("Højst to decimaler.", name)


@dataclass(frozen=True)
class BudgetLine:
    """A yearly budget for one group (all placements whose ``dimension`` equals ``key``)."""

    dimension: Dimension
    key: str
    aar: int
    beloeb: Decimal


@dataclass(frozen=True)
class Tilgang:
    """Expected new placements: ``antal`` start on the 1st of each month from ``fra`` to ``til``
    (inclusive, first-of-month dates; ``til`` None = to the horizon), each lasting
    ``varighed_mdr`` months (0 = open-ended), with a typical takst."""

    navn: str
    antal: int
    fra: date
    takst: Decimal
    enhed: Enhed
    takst_aar: int
    varighed_mdr: int = 0
    til: date | None = None
    paragraf: str = ""
    maalgruppe: str = ""
    gruppe: str = ""
    tilbud_navn: str = ""
    driftsherre: str = ""
    tillaeg_timesats: Decimal = Decimal(0)
    tillaeg_timer_pr_uge: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if not 0 <= self.antal <= 1000:
            raise PortfolioInputError("Antal pr. måned skal være mellem 0 og 1000.", "antal")
        if not 0 <= self.varighed_mdr <= 1200:
            raise PortfolioInputError("Varigheden skal være mellem 0 og 1200 måneder.", "varighed_mdr")
        if self.til is not None and self.til < self.fra:
            raise PortfolioInputError("Slutmåneden ligger før startmåneden.", "til")
        Placement(  # the typical placement must itself be valid
            sagsnummer=self.navn or "tilgang",
            takst=self.takst,
            enhed=self.enhed,
            takst_aar=self.takst_aar,
            start=self.fra,
            paragraf=self.paragraf,
            maalgruppe=self.maalgruppe,
            gruppe=self.gruppe,
            tilbud_navn=self.tilbud_navn,
            driftsherre=self.driftsherre,
            tillaeg_timesats=self.tillaeg_timesats,
            tillaeg_timer_pr_uge=self.tillaeg_timer_pr_uge,
        )


@dataclass(frozen=True)
class Afgang:
    """Expected endings: ``antal`` open-ended placements matching the filter end on the last
    day of each month from ``fra`` to ``til``; the longest-running are chosen first."""

    navn: str
    antal: int
    fra: date
    til: date | None = None
    dimension: Dimension | None = None
    key: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.antal <= 1000:
            raise PortfolioInputError("Antal pr. måned skal være mellem 0 og 1000.", "antal")


@dataclass(frozen=True)
class Portfolio:
    navn: str
    kommune: str = ""
    placements: tuple[Placement, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    tilgang: tuple[Tilgang, ...] = ()
    afgang: tuple[Afgang, ...] = field(default_factory=tuple)
