"""The details of one tilbud: names, contact fields, afdelinger, pladser, målgrupper, belægning."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from random import Random

from rammedesk.domain.demo.context import Context
from rammedesk.domain.demo.inputs import By, TilbudsType
from rammedesk.domain.demo.plan import TilbudPlan
from rammedesk.domain.demo.records import (
    LAST_ACTUAL_YEAR,
    LAST_YEAR,
    RULE_BELAEGNING,
    DemoAfdeling,
    DemoAfdelingMaalgruppe,
    DemoAfdelingParagraf,
    DemoBelaegning,
    DemoDriftsherre,
    DemoTakst,
    DemoTilbud,
    DemoTilbudBundle,
    DemoYdelse,
)
from rammedesk.domain.demo.takster import AfdelingTakster, Ids, year_factors
from rammedesk.domain.demo.text import (
    LETTERS,
    adresse,
    fake_p_nummer,
    paragraf_text,
    pick_fragments,
    render,
    slug,
    telefon,
    unique_name,
)
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt, MomsBasis, Tilbudsform

HISTORIC_UNTIL = 2023  # BL paragraphs replaced SEL §§ 32, 36, 66 from 1 Jan 2024
# Budgeted belægning in tenths of a percent: inside 95-100 % (T-03) ...
BUDGET_TENTHS = (950, 960, 965, 970, 970, 975, 980, 980, 980, 985, 990, 1000)
# ... and outside it, for afdelinger breaking the rule on purpose.
BREACH_TENTHS = (850, 880, 900, 920, 930, 935, 940, 945, 1010, 1020)


@dataclass(frozen=True)
class _Place:
    by: By
    values: Mapping[str, object]  # placeholders for names and texts


def build_bundle(
    ctx: Context, plan: TilbudPlan, driftsherre: DemoDriftsherre, pl_milli: Mapping[int, int], ids: Ids
) -> DemoTilbudBundle:
    rng = Random(f"rammedesk-demo:{ctx.seed}:{plan.id}")
    typ = ctx.type(plan.type_index)
    texts = ctx.inputs.tekster
    by = ctx.byer[plan.kommune_kode].pick(rng)
    values: dict[str, object] = {
        "stamme": rng.choice(ctx.inputs.stammer),
        "by": by.navn,
        "kommune": ctx.kommune_navn[plan.kommune_kode],
        "retning": rng.choice(texts.retninger),
        "bogstav": rng.choice(LETTERS),
        "nr": rng.randint(1, 9),
        "socialtilsyn": texts.socialtilsyn[plan.region_kode],
        "typetekst": typ.typetekst,
    }
    navn = render(rng.choice(typ.navne), values)
    values["navn"] = navn
    place = _Place(by, values)
    factors = year_factors(rng, plan, pl_milli)
    foreloebig = rng.random() < 0.7
    moms_fratrukket = plan.art in (DriftsherreArt.PRIVAT, DriftsherreArt.SELVEJENDE) and (rng.random() < 0.35)
    afd_types = [typ] * plan.afdelinger
    if typ.dagafdeling is not None and plan.afdelinger > 1 and rng.randrange(100) < typ.dagafdeling[1]:
        afd_types[-1] = ctx.type(ctx.type_index[typ.dagafdeling[0]])
    breach_afdeling = plan.first_afdeling_id if RULE_BELAEGNING in plan.brud else None
    afdelinger: list[DemoAfdeling] = []
    maalgrupper: list[DemoAfdelingMaalgruppe] = []
    paragraffer: list[DemoAfdelingParagraf] = []
    belaegning: list[DemoBelaegning] = []
    ydelser: list[DemoYdelse] = []
    takster: list[DemoTakst] = []
    taken: set[str] = set()
    phrases: list[str] = []
    for i, (afd_type, tp_id) in enumerate(zip(afd_types, plan.tp_afdelingsids, strict=True)):
        afd_id = plan.first_afdeling_id + i
        afd_navn = _afdeling_name(rng, ctx, afd_type, place, count=plan.afdelinger, taken=taken)
        pladser = rng.randint(*afd_type.pladser)
        mg_ids, mg_phrase = _maalgrupper(rng, ctx, afd_type)
        phrases.append(mg_phrase)
        maalgrupper += [DemoAfdelingMaalgruppe(afd_id, m) for m in mg_ids]
        paragraffer += _paragraffer(rng, ctx, afd_type, afd_id=afd_id, pladser=pladser, plan=plan, ids=ids)
        belaegning += _belaegning(rng, afd_id, plan, ids, breach=afd_id == breach_afdeling)
        afd_values = {
            **values,
            "navn": afd_navn,
            "pladser": pladser,
            "maalgruppe": mg_phrase,
            "paragraf": paragraf_text(ctx.paragraf[afd_type.paragraf], texts.lovnavne),
        }
        residential = afd_type.tilbudsform is Tilbudsform.DOEGN  # the fragments describe housing
        beskrivelse = " ".join(
            render(template, afd_values)
            for template in (
                rng.choice(texts.afdeling_skabeloner),
                *(pick_fragments(rng, texts.afdeling_fragmenter, 0, 2) if residential else ()),
            )
        )
        afdelinger.append(DemoAfdeling(afd_id, plan.id, afd_navn, tp_id, afd_type.tilbudsform, beskrivelse))
        builder = AfdelingTakster(
            rng,
            plan,
            factors,
            afd_id,
            afd_type.paragraf,
            MomsBasis.FRATRUKKET if moms_fratrukket else MomsBasis.INKL,
            foreloebig,
            ids,
        )
        builder.build(afd_type)
        ydelser += builder.ydelser
        takster += builder.takster
    tilbud = _tilbud_record(rng, ctx, plan, typ=typ, driftsherre=driftsherre, place=place, phrase=phrases[0])
    return DemoTilbudBundle(
        tilbud,
        tuple(afdelinger),
        tuple(maalgrupper),
        tuple(paragraffer),
        tuple(ydelser),
        tuple(takster),
        tuple(belaegning),
    )


def _tilbud_record(
    rng: Random,
    ctx: Context,
    plan: TilbudPlan,
    *,
    typ: TilbudsType,
    driftsherre: DemoDriftsherre,
    place: _Place,
    phrase: str,
) -> DemoTilbud:
    texts = ctx.inputs.tekster
    navn = str(place.values["navn"])
    text_values = {
        **place.values,
        "maalgruppe": phrase,
        "pladser": "",
        "paragraf": paragraf_text(ctx.paragraf[typ.paragraf], texts.lovnavne),
    }
    beskrivelse = " ".join(
        render(t, text_values)
        for t in (
            rng.choice(texts.tilbud_skabeloner),
            *pick_fragments(rng, typ.fragmenter, 1, 2),
            *pick_fragments(rng, texts.generelle_fragmenter, 1, 3),
        )
    )
    local = slug(navn)
    email: str | None
    web: str | None
    if plan.art is DriftsherreArt.KOMMUNAL:
        domain = f"{slug(ctx.kommune_navn[plan.kommune_kode])}.dk"
        email, web = f"{local}@{domain}", f"https://www.{domain}/{local}"
    elif plan.art is DriftsherreArt.REGIONAL:
        domain = texts.region_domaener[plan.region_kode]
        email, web = f"{local}@{domain}", f"https://www.{domain}/{local}"
    else:
        domain = f"{slug(navn, sep='', max_len=30)}.dk"
        email, web = f"kontakt@{domain}", f"https://www.{domain}"
    if rng.random() < 0.08:
        email = None
    if rng.random() < 0.12:
        web = None
    return DemoTilbud(
        id=plan.id,
        navn=navn,
        driftsherre_id=plan.driftsherre_id,
        kommune_kode=plan.kommune_kode,
        tp_tilbudsid=plan.tp_tilbudsid,
        tilbudsform=typ.tilbudsform,
        beskrivelse=beskrivelse,
        adresse=None if typ.hemmelig_adresse else adresse(rng, ctx.inputs.gader),
        postnr=place.by.postnr,
        by=place.by.navn,
        telefon=telefon(rng, texts.telefon_forvalg[plan.region_kode]),
        email=email,
        web=web,
        cvr=driftsherre.cvr,
        p_nummer=fake_p_nummer(rng) if rng.random() < 0.7 else None,
        landsdaekkende=typ.landsdaekkende,
        sikret=typ.sikret,
        brud=plan.brud,
    )


def _afdeling_name(
    rng: Random, ctx: Context, typ: TilbudsType, place: _Place, *, count: int, taken: set[str]
) -> str:
    if count == 1 and rng.random() < 0.6:
        return unique_name(lambda: str(place.values["navn"]), taken)
    patterns = typ.afdelingsnavne + ctx.inputs.tekster.afdeling_navne

    def make() -> str:
        return render(
            rng.choice(patterns),
            {
                **place.values,
                "stamme": rng.choice(ctx.inputs.stammer),
                "bogstav": rng.choice(LETTERS),
                "nr": rng.randint(1, 9),
                "retning": rng.choice(ctx.inputs.tekster.retninger),
            },
        )

    return unique_name(make, taken)


def _maalgrupper(rng: Random, ctx: Context, typ: TilbudsType) -> tuple[list[str], str]:
    """1-3 topics of the type; their fitting målgruppe ids and a phrase for the texts."""
    chosen: list[str] = []
    phrase = ""
    for emne_id in rng.sample(typ.emner, k=min(len(typ.emner), rng.randint(1, 3))):
        emne = ctx.inputs.emner[emne_id]
        fitting = [
            m for m in emne.maalgrupper if ctx.maalgruppe_alder[m] in (typ.aldersgruppe, Aldersgruppe.ALLE)
        ]
        if not fitting:
            continue
        for m in rng.sample(fitting, k=min(len(fitting), rng.randint(1, 2))):
            if m not in chosen:
                chosen.append(m)
        if not phrase:
            pool = emne.boern_unge if typ.aldersgruppe is Aldersgruppe.BOERN_UNGE else emne.voksne
            phrase = rng.choice(pool)
    if not chosen:  # every topic unfitting: fall back to the first that fits (checked on load)
        emne = next(
            ctx.inputs.emner[e]
            for e in typ.emner
            if any(
                ctx.maalgruppe_alder[m] in (typ.aldersgruppe, Aldersgruppe.ALLE)
                for m in ctx.inputs.emner[e].maalgrupper
            )
        )
        chosen = [
            m for m in emne.maalgrupper if ctx.maalgruppe_alder[m] in (typ.aldersgruppe, Aldersgruppe.ALLE)
        ][:1]
        pool = emne.boern_unge if typ.aldersgruppe is Aldersgruppe.BOERN_UNGE else emne.voksne
        phrase = rng.choice(pool)
    return chosen, phrase


def _paragraffer(
    rng: Random,
    ctx: Context,
    typ: TilbudsType,
    *,
    afd_id: int,
    pladser: int,
    plan: TilbudPlan,
    ids: Ids,
) -> list[DemoAfdelingParagraf]:
    """Pladser per paragraf and year: the primary paragraf, sometimes one more."""
    grundlag = [(typ.paragraf, pladser, True)]
    if typ.ekstra_paragraffer and rng.random() < 0.2:
        grundlag.append((rng.choice(typ.ekstra_paragraffer), max(1, pladser // rng.randint(3, 6)), False))
    historic = ctx.inputs.historiske_paragraffer
    rows = []
    for paragraf_id, base, primaer in grundlag:
        current = base
        for aar in range(plan.start_aar, plan.slut_aar + 1):
            if aar > plan.start_aar and rng.random() < 0.12:
                current = max(1, current + rng.choice((-3, -2, -1, 1, 1, 2, 3)))
            used = historic.get(paragraf_id, paragraf_id) if aar <= HISTORIC_UNTIL else paragraf_id
            ids.paragraf += 1
            rows.append(DemoAfdelingParagraf(ids.paragraf, afd_id, used, aar, current, primaer))
    return rows


def _belaegning(rng: Random, afd_id: int, plan: TilbudPlan, ids: Ids, breach: bool) -> list[DemoBelaegning]:
    budget = rng.choice(BUDGET_TENTHS)
    breach_years: set[int] = set()
    years = range(plan.start_aar, plan.slut_aar + 1)
    if breach:
        breach_years = (
            set(years) if rng.random() < 0.4 else set(rng.sample(list(years), k=rng.randint(1, len(years))))
        )
    rows = []
    for aar in years:
        if aar > plan.start_aar and rng.random() < 0.15:
            budget = rng.choice(BUDGET_TENTHS)
        planned = rng.choice(BREACH_TENTHS) if aar in breach_years else budget
        actual = None
        if aar <= LAST_ACTUAL_YEAR:
            actual = Decimal(min(1040, max(600, planned + rng.randint(-90, 40)))) / 10
        ids.belaegning += 1
        rows.append(DemoBelaegning(ids.belaegning, afd_id, aar, Decimal(planned) / 10, actual))
    assert plan.slut_aar <= LAST_YEAR
    return rows
