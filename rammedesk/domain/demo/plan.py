"""The cheap first pass: P/L table, driftsherrer and one skeleton per tilbud.

Everything that needs one running random sequence (ids, Tilbudsportalen numbers, which
tilbud break a rule) is decided here; the details of each tilbud are drawn afterwards from
its own random sequence, so they can be produced lazily, one tilbud at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from random import Random

from rammedesk.domain.demo.context import Context
from rammedesk.domain.demo.records import (
    DEMO_PL_KILDE,
    FIRST_YEAR,
    LAST_YEAR,
    RULE_BELAEGNING,
    RULE_HOVEDSTADEN_PL,
    RULE_MIDT_TAKSTAFTALE,
    YEARS,
    DemoDriftsherre,
    DemoPlSats,
)
from rammedesk.domain.demo.text import fake_cvr, render, unique_name
from rammedesk.domain.vocab import DriftsherreArt

REGION_HOVEDSTADEN = 1084
REGION_MIDTJYLLAND = 1082

# A plausible P/L path in thousandths of a percent (2.000 % = 2000); each year gets noise.
PL_PROFILE = {
    2019: 2000,
    2020: 1700,
    2021: 1900,
    2022: 3400,
    2023: 3800,
    2024: 2700,
    2025: 2600,
    2026: 2300,
    2027: 2200,
}
PL_MIN, PL_MAX = 1500, 4000

AFDELINGER_WEIGHTS = ((1, 40), (2, 30), (3, 20), (4, 10))  # mean 2 afdelinger per tilbud
SHARE_T08 = 0.08  # of Hovedstaden tilbud running 2019-2022
SHARE_T06 = 0.08  # of Midtjylland tilbud running 2019-2022
SHARE_T03 = 0.03  # of all tilbud (one afdeling budgets belægning outside 95-100 %)
REUSE_PRIVATE = 0.4  # chance a private/selvejende tilbud joins an existing driftsherre


@dataclass(frozen=True, slots=True)
class TilbudPlan:
    id: int
    type_index: int
    driftsherre_id: int
    art: DriftsherreArt
    kommune_kode: int
    region_kode: int
    first_afdeling_id: int
    tp_tilbudsid: int | None
    tp_afdelingsids: tuple[int | None, ...]  # one per afdeling
    start_aar: int  # first year with takster
    slut_aar: int  # last year with takster
    brud: frozenset[str]

    @property
    def afdelinger(self) -> int:
        return len(self.tp_afdelingsids)


def make_pl_table(rng: Random) -> tuple[DemoPlSats, ...]:
    rows = []
    for aar in YEARS:
        milli = min(PL_MAX, max(PL_MIN, PL_PROFILE[aar] + 100 * rng.randint(-3, 3)))
        rows.append(DemoPlSats(aar, Decimal(milli) / 1000, DEMO_PL_KILDE, date(aar - 1, 6, 1), True))
    return tuple(rows)


@dataclass
class _Planner:
    ctx: Context
    rng: Random
    driftsherrer: list[DemoDriftsherre] = field(default_factory=list)
    kommunal: dict[int, int] = field(default_factory=dict)  # kommune -> driftsherre id
    regional: dict[int, int] = field(default_factory=dict)  # region -> driftsherre id
    private: dict[tuple[DriftsherreArt, int], list[int]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def _add(self, navn: str, art: DriftsherreArt, kommune: int | None, region: int, cvr: str | None) -> int:
        dh = DemoDriftsherre(len(self.driftsherrer) + 1, navn, art, kommune, region, cvr)
        self.driftsherrer.append(dh)
        return dh.id

    def kommunal_for(self, kommune: int) -> int:
        if kommune not in self.kommunal:
            texts = self.ctx.inputs.tekster
            navn = texts.kommune_undtagelser.get(kommune) or render(
                texts.kommune_driftsherre, {"kommune": self.ctx.kommune_navn[kommune]}
            )
            self.kommunal[kommune] = self._add(
                navn, DriftsherreArt.KOMMUNAL, kommune, self.ctx.kommune_region[kommune], None
            )
        return self.kommunal[kommune]

    def regional_for(self, region: int) -> int:
        if region not in self.regional:
            self.regional[region] = self._add(
                self.ctx.region_navn[region], DriftsherreArt.REGIONAL, None, region, None
            )
        return self.regional[region]

    def private_for(self, art: DriftsherreArt) -> tuple[int, int]:
        """A private or selvejende driftsherre and the kommune of its (next) tilbud."""
        rng, ctx = self.rng, self.ctx
        kommune = ctx.kommuner.pick(rng)
        region = ctx.kommune_region[kommune]
        pool = self.private.setdefault((art, region), [])
        if pool and rng.random() < REUSE_PRIVATE:
            dh = self.driftsherrer[rng.choice(pool) - 1]
            assert dh.kommune_kode is not None
            if rng.random() < 0.7:
                kommune = dh.kommune_kode
            return dh.id, kommune
        texts = ctx.inputs.tekster
        templates = texts.privat_driftsherre if art is DriftsherreArt.PRIVAT else texts.selvejende_driftsherre
        town = ctx.byer[kommune].pick(rng).navn

        def make() -> str:
            return render(
                rng.choice(templates),
                {
                    "stamme": rng.choice(ctx.inputs.stammer),
                    "by": town,
                    "retning": rng.choice(texts.retninger),
                    "kommune": ctx.kommune_navn[kommune],
                },
            )

        dh_id = self._add(unique_name(make, self.names), art, kommune, region, fake_cvr(rng))
        pool.append(dh_id)
        return dh_id, kommune


def _years(rng: Random) -> tuple[int, int]:
    """The years a tilbud has takster: most run 2019-2027; some open later or close."""
    start = FIRST_YEAR if rng.random() < 0.75 else rng.randint(FIRST_YEAR + 1, 2025)
    slut = LAST_YEAR if rng.random() < 0.86 else rng.randint(max(start + 1, 2022), LAST_YEAR - 1)
    return start, slut


def _rule_eligible(region: int, start: int, slut: int, rule: str) -> bool:
    window = start == FIRST_YEAR and slut >= 2022
    if rule == RULE_HOVEDSTADEN_PL:
        return window and region == REGION_HOVEDSTADEN
    if rule == RULE_MIDT_TAKSTAFTALE:
        return window and region == REGION_MIDTJYLLAND
    return True


def make_plan(
    ctx: Context, rng: Random, size: int
) -> tuple[tuple[DemoDriftsherre, ...], tuple[TilbudPlan, ...]]:
    """Skeletons for exactly ``size`` afdelinger (about size/2 tilbud)."""
    planner = _Planner(ctx, rng)
    shares = {RULE_HOVEDSTADEN_PL: SHARE_T08, RULE_MIDT_TAKSTAFTALE: SHARE_T06, RULE_BELAEGNING: SHARE_T03}
    plans: list[TilbudPlan] = []
    next_afdeling, tp_tilbud, tp_afdeling = 1, 5000, 200_000
    counts = [n for n, _ in AFDELINGER_WEIGHTS]
    weights = [w for _, w in AFDELINGER_WEIGHTS]
    while next_afdeling <= size:
        type_index = ctx.typer.pick(rng)
        typ = ctx.type(type_index)
        art = rng.choices([a for a, _ in typ.driftsherrer], [w for _, w in typ.driftsherrer])[0]
        if art is DriftsherreArt.KOMMUNAL:
            kommune = ctx.kommuner.pick(rng)
            dh_id = planner.kommunal_for(kommune)
        elif art is DriftsherreArt.REGIONAL:
            region = ctx.regioner.pick(rng)
            kommune = ctx.region_kommuner[region].pick(rng)
            dh_id = planner.regional_for(region)
        else:
            dh_id, kommune = planner.private_for(art)
        region = ctx.kommune_region[kommune]
        n_afd = min(rng.choices(counts, weights)[0], size - next_afdeling + 1)
        has_tp = rng.random() < 0.88
        tp_id = None
        if has_tp:
            tp_tilbud += rng.randint(1, 29)
            tp_id = tp_tilbud
        tp_afd: list[int | None] = []
        for _ in range(n_afd):
            if has_tp and rng.random() < 0.93:
                tp_afdeling += rng.randint(1, 9)
                tp_afd.append(tp_afdeling)
            else:
                tp_afd.append(None)
        start, slut = _years(rng)
        brud = frozenset(
            rule
            for rule, share in shares.items()
            if _rule_eligible(region, start, slut, rule) and rng.random() < share
        )
        plans.append(
            TilbudPlan(
                id=len(plans) + 1,
                type_index=type_index,
                driftsherre_id=dh_id,
                art=art,
                kommune_kode=kommune,
                region_kode=region,
                first_afdeling_id=next_afdeling,
                tp_tilbudsid=tp_id,
                tp_afdelingsids=tuple(tp_afd),
                start_aar=start,
                slut_aar=slut,
                brud=brud,
            )
        )
        next_afdeling += n_afd
    _ensure_each_rule(plans, shares)
    return tuple(planner.driftsherrer), tuple(plans)


def _ensure_each_rule(plans: list[TilbudPlan], rules: dict[str, float]) -> None:
    """Make sure even a small demo has one tilbud breaking each rule, if any could."""
    for rule in rules:
        if any(rule in plan.brud for plan in plans):
            continue
        for i, plan in enumerate(plans):
            if _rule_eligible(plan.region_kode, plan.start_aar, plan.slut_aar, rule):
                plans[i] = replace(plan, brud=plan.brud | {rule})
                break
