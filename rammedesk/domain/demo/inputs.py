"""The word lists and tilbud types the demo generator draws from (read from database/demo/)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from rammedesk.domain.reference import ReferenceData
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt, Enhed, Tilbudsform

# Placeholders a name or text template may use.
NAME_FIELDS = frozenset({"stamme", "by", "kommune", "retning", "bogstav", "nr"})
TEXT_FIELDS = frozenset(
    {"navn", "typetekst", "paragraf", "maalgruppe", "pladser", "by", "kommune", "socialtilsyn"}
)


@dataclass(frozen=True)
class By:
    """A town with its postnummer; ``vaegt`` weights where tilbud are placed."""

    kommune_kode: int
    postnr: int
    navn: str
    vaegt: int


@dataclass(frozen=True)
class Emne:
    """A målgruppe topic: reference målgruppe ids plus phrases for descriptions."""

    id: str
    maalgrupper: tuple[str, ...]
    voksne: tuple[str, ...]
    boern_unge: tuple[str, ...]


@dataclass(frozen=True)
class YdelseSpec:
    """A priced line; ``beloeb`` (2019 level, min and max) is None for 'individuel pris'."""

    navn: str
    enhed: Enhed
    beloeb: tuple[Decimal, Decimal] | None


@dataclass(frozen=True)
class Hovedydelse:
    navn: str
    enhed: Enhed
    beloeb: tuple[Decimal, Decimal]
    niveauer: tuple[int, int]  # how many takstniveauer, min and max
    niveauform: str  # e.g. "Niveau {n}"


@dataclass(frozen=True)
class TilbudsType:
    id: str
    vaegt: int
    tilbudsform: Tilbudsform
    aldersgruppe: Aldersgruppe
    driftsherrer: tuple[tuple[DriftsherreArt, int], ...]  # art and weight
    navne: tuple[str, ...]
    afdelingsnavne: tuple[str, ...]
    typetekst: str
    paragraf: str
    ekstra_paragraffer: tuple[str, ...]
    emner: tuple[str, ...]
    pladser: tuple[int, int]
    fragmenter: tuple[str, ...]
    hovedydelse: Hovedydelse
    split_andel: int  # % of afdelinger with basis + ydelsestakst in every year
    split_beloeb: tuple[Decimal, Decimal] | None  # the ydelsestakst per time
    maanedstakst_andel: int
    tillaeg: tuple[tuple[YdelseSpec, int], ...]  # spec and % of afdelinger having it
    ekstra_ydelser: tuple[tuple[YdelseSpec, int], ...]
    objektiv: YdelseSpec | None
    dagafdeling: tuple[str, int] | None  # type id of a day afdeling and % of tilbud having one
    sikret: bool
    landsdaekkende: bool
    hemmelig_adresse: bool


@dataclass(frozen=True)
class DemoTexts:
    kommune_driftsherre: str
    kommune_undtagelser: Mapping[int, str]
    region_domaener: Mapping[int, str]
    socialtilsyn: Mapping[int, str]
    telefon_forvalg: Mapping[int, tuple[str, ...]]
    lovnavne: Mapping[str, str]
    retninger: tuple[str, ...]
    privat_driftsherre: tuple[str, ...]
    selvejende_driftsherre: tuple[str, ...]
    tilbud_skabeloner: tuple[str, ...]
    afdeling_skabeloner: tuple[str, ...]
    generelle_fragmenter: tuple[str, ...]
    afdeling_fragmenter: tuple[str, ...]
    afdeling_navne: tuple[str, ...]


@dataclass(frozen=True)
class DemoInputs:
    stammer: tuple[str, ...]
    gader: tuple[str, ...]
    byer: tuple[By, ...]
    emner: Mapping[str, Emne]
    typer: tuple[TilbudsType, ...]
    historiske_paragraffer: Mapping[str, str]  # current id -> id used before 2024
    tekster: DemoTexts


def check_inputs(inputs: DemoInputs, reference: ReferenceData) -> list[str]:
    """Problems linking the inputs to the reference data (empty when all is well)."""
    problems: list[str] = []
    paragraffer = {p.id for p in reference.paragraffer}
    maalgrupper = {m.id for m in reference.maalgrupper}
    ages = {m.id: m.aldersgruppe for m in reference.maalgrupper}
    kommuner = {k.kode for k in reference.kommuner}
    regioner = {r.kode for r in reference.regioner}
    type_ids = {t.id for t in inputs.typer}
    towns = {b.kommune_kode for b in inputs.byer}
    problems += [f"kommune {k} har ingen by i byer.csv" for k in sorted(kommuner - towns)]
    problems += [f"by i ukendt kommune {k}" for k in sorted(towns - kommuner)]
    for table, codes in (
        ("region_domaener", inputs.tekster.region_domaener),
        ("socialtilsyn", inputs.tekster.socialtilsyn),
        ("telefon_forvalg", inputs.tekster.telefon_forvalg),
    ):
        problems += [f"{table} mangler region {r}" for r in sorted(regioner - set(codes))]
    for new, old in inputs.historiske_paragraffer.items():
        problems += [f"ukendt paragraf {p}" for p in (new, old) if p not in paragraffer]
    for emne in inputs.emner.values():
        problems += [
            f"emne {emne.id}: ukendt målgruppe {m}" for m in emne.maalgrupper if m not in maalgrupper
        ]
    for typ in inputs.typer:
        for p in (typ.paragraf, *typ.ekstra_paragraffer):
            if p not in paragraffer:
                problems.append(f"type {typ.id}: ukendt paragraf {p}")
        for e in typ.emner:
            if e not in inputs.emner:
                problems.append(f"type {typ.id}: ukendt emne {e}")
        fitting = [
            m
            for e in typ.emner
            if e in inputs.emner
            for m in inputs.emner[e].maalgrupper
            if ages.get(m) in (typ.aldersgruppe, Aldersgruppe.ALLE)
        ]
        if not fitting:
            problems.append(f"type {typ.id}: ingen målgruppe passer til {typ.aldersgruppe}")
        if typ.dagafdeling is not None and typ.dagafdeling[0] not in type_ids:
            problems.append(f"type {typ.id}: ukendt dagafdeling {typ.dagafdeling[0]}")
    return problems
