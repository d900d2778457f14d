"""Ydelser and their takster 2019-2027 for one afdeling, following the tilbud's yearly trend.

All amounts are Decimal built from integers; each year's takst is the previous year's times
the tilbud's factor, rounded half-up to øre. Tilbud in Hovedstaden (2020-22, T-08) and
Midtjylland (2019-22, T-06) keep their agreement unless the plan marks them as breaking it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from random import Random

from rammedesk.domain.demo.inputs import TilbudsType, YdelseSpec
from rammedesk.domain.demo.plan import REGION_HOVEDSTADEN, REGION_MIDTJYLLAND, TilbudPlan
from rammedesk.domain.demo.records import (
    FIRST_YEAR,
    LAST_YEAR,
    RULE_HOVEDSTADEN_PL,
    RULE_MIDT_TAKSTAFTALE,
    YEARS,
    DemoTakst,
    DemoYdelse,
)
from rammedesk.domain.vocab import (
    DriftsherreArt,
    Enhed,
    Finansiering,
    MomsBasis,
    TakstArt,
    TakstStatus,
    Tilbudsform,
)

OERE = Decimal("0.01")
KRONE = Decimal(1)
_SCALE = Decimal(100_000)  # factors are (100 000 + change in thousandths of a %) / 100 000
SPLIT_YEAR_H = 2022  # Hovedstaden splits into basis + ydelsestakst from 1 Jan 2022 (T-12)
SHARE_SPLIT_FROM_2022 = 0.3
AGREEMENT_LAST_YEAR = 2022


def year_factors(rng: Random, plan: TilbudPlan, pl_milli: Mapping[int, int]) -> dict[int, Decimal]:
    """The tilbud's takst factor for each year after 2019 (nominal, incl. P/L)."""
    breach08 = rng.randint(2020, 2022) if RULE_HOVEDSTADEN_PL in plan.brud else None
    breach06 = rng.randint(2020, 2022) if RULE_MIDT_TAKSTAFTALE in plan.brud else None
    factors: dict[int, Decimal] = {}
    for aar in YEARS[1:]:
        pl = pl_milli[aar]
        in_window = aar <= AGREEMENT_LAST_YEAR
        if in_window and plan.region_kode == REGION_HOVEDSTADEN:
            # T-08: at most P/L from the 2019 level; a breaker rises well above it.
            if breach08 is None:
                change = pl - rng.randint(300, 1500)
            elif aar >= breach08:
                change = pl + rng.randint(1500, 6000)
            else:
                change = pl - rng.randint(0, 300)
        elif in_window and plan.region_kode == REGION_MIDTJYLLAND:
            # T-06: no rise in faste priser, at least 2 % down over the period.
            change = pl + rng.randint(500, 4000) if aar == breach06 else pl - rng.randint(900, 1800)
        else:
            roll = rng.random()
            if roll < 0.04:
                change = pl + rng.randint(4000, 10_000)  # new staffing norm, rebuilt house
            elif roll < 0.07:
                change = pl - rng.randint(3000, 8000)  # efficiency programme
            else:
                change = pl + rng.randint(-1500, 2500)
        factors[aar] = Decimal(100_000 + change) / _SCALE
    return factors


def draw_amount(rng: Random, low: Decimal, high: Decimal) -> Decimal:
    """Whole kroner for large amounts, øre for small ones (km, urinprøve)."""
    if low >= 100 and low == low.to_integral_value() and high == high.to_integral_value():
        return Decimal(rng.randint(int(low), int(high)))
    return Decimal(rng.randint(int(low * 100), int(high * 100))) / 100


@dataclass
class Ids:
    """Running ids of the rows the generator creates."""

    ydelse: int = 0
    takst: int = 0
    paragraf: int = 0
    belaegning: int = 0


@dataclass
class AfdelingTakster:
    """Builds the ydelser and takster of one afdeling."""

    rng: Random
    plan: TilbudPlan
    factors: Mapping[int, Decimal]
    afdeling_id: int
    paragraf_id: str
    moms: MomsBasis
    foreloebig_2027: bool
    ids: Ids
    ydelser: list[DemoYdelse] = field(default_factory=list)
    takster: list[DemoTakst] = field(default_factory=list)

    def _ydelse(self, navn: str, niveau: str | None, paragraf_id: str | None) -> int:
        self.ids.ydelse += 1
        self.ydelser.append(DemoYdelse(self.ids.ydelse, self.afdeling_id, navn, niveau, paragraf_id))
        return self.ids.ydelse

    def line(
        self,
        ydelse_id: int,
        art: TakstArt,
        enhed: Enhed,
        base: Decimal | None,
        *,
        first: int,
        last: int,
        finansiering: Finansiering = Finansiering.TAKST,
    ) -> None:
        """Takster for years first..last; ``base`` is the 2019-level amount (None: individuel)."""
        ids, factors, moms, append = self.ids, self.factors, self.moms, self.takster.append
        final = TakstStatus.FORELOEBIG if self.foreloebig_2027 else TakstStatus.ENDELIG
        amount = base
        for aar in range(FIRST_YEAR, last + 1):
            if amount is not None and aar > FIRST_YEAR:
                amount = (amount * factors[aar]).quantize(OERE, ROUND_HALF_UP)
            if aar >= first:
                ids.takst += 1
                status = final if aar == LAST_YEAR else TakstStatus.ENDELIG
                append(
                    DemoTakst(
                        ids.takst,
                        ydelse_id,
                        aar,
                        amount,
                        amount is None,
                        enhed,
                        art,
                        moms,
                        finansiering,
                        status,
                    )
                )

    def build(self, typ: TilbudsType) -> None:
        rng, plan = self.rng, self.plan
        start, slut = plan.start_aar, plan.slut_aar
        hoved = typ.hovedydelse
        # Most afdelinger have one or two niveauer; the min of two draws skews low.
        levels = min(rng.randint(*hoved.niveauer), rng.randint(*hoved.niveauer))
        amounts = [draw_amount(rng, *hoved.beloeb)]
        for _ in range(levels - 1):
            step = Decimal(rng.randint(115, 170)) / 100
            amounts.append((amounts[-1] * step).quantize(KRONE, ROUND_HALF_UP))
        split = self._split_mode(typ)
        rate = draw_amount(rng, *typ.split_beloeb) if typ.split_beloeb else None
        basis_share = Decimal(rng.randint(75, 90)) / 100
        for n, amount in enumerate(amounts, start=1):
            niveau = hoved.niveauform.format(n=n) if levels > 1 else None
            yid = self._ydelse(hoved.navn, niveau, self.paragraf_id)
            basis = (amount * basis_share).quantize(KRONE, ROUND_HALF_UP)
            if split == "none" or rate is None:
                self.line(yid, TakstArt.SAMLET, hoved.enhed, amount, first=start, last=slut)
            elif split == "always":
                self.line(yid, TakstArt.BASIS, hoved.enhed, basis, first=start, last=slut)
                self.line(yid, TakstArt.YDELSE, Enhed.TIME, rate, first=start, last=slut)
            else:  # samlet until 2021, basis + ydelsestakst from 2022
                if start < SPLIT_YEAR_H:
                    self.line(
                        yid,
                        TakstArt.SAMLET,
                        hoved.enhed,
                        amount,
                        first=start,
                        last=min(slut, SPLIT_YEAR_H - 1),
                    )
                if slut >= SPLIT_YEAR_H:
                    first = max(start, SPLIT_YEAR_H)
                    self.line(yid, TakstArt.BASIS, hoved.enhed, basis, first=first, last=slut)
                    self.line(yid, TakstArt.YDELSE, Enhed.TIME, rate, first=first, last=slut)
        if typ.maanedstakst_andel and rng.randrange(100) < typ.maanedstakst_andel:
            yid = self._ydelse(f"{hoved.navn}, månedstakst", None, self.paragraf_id)
            monthly = (amounts[0] * 365 / 12).quantize(KRONE, ROUND_HALF_UP)
            self.line(yid, TakstArt.SAMLET, Enhed.MAANED, monthly, first=start, last=slut)
        for spec, andel in typ.ekstra_ydelser:
            if rng.randrange(100) < andel:
                self._spec(spec, TakstArt.SAMLET, start)
        if typ.objektiv is not None:
            self._spec(typ.objektiv, TakstArt.SAMLET, start, Finansiering.OBJEKTIV)
        for spec, andel in typ.tillaeg:
            if rng.randrange(100) < andel:
                later = rng.random() < 0.25 and start < min(slut, 2024)
                first = rng.randint(start + 1, min(slut, 2024)) if later else start
                self._spec(spec, TakstArt.TILLAEG, first)

    def _spec(
        self, spec: YdelseSpec, art: TakstArt, first: int, finansiering: Finansiering = Finansiering.TAKST
    ) -> None:
        paragraf = None if spec.enhed in (Enhed.KM, Enhed.STK) else self.paragraf_id
        yid = self._ydelse(spec.navn, None, paragraf)
        base = draw_amount(self.rng, *spec.beloeb) if spec.beloeb is not None else None
        self.line(yid, art, spec.enhed, base, first=first, last=self.plan.slut_aar, finansiering=finansiering)

    def _split_mode(self, typ: TilbudsType) -> str:
        if typ.split_beloeb is None:
            return "none"
        if self.rng.randrange(100) < typ.split_andel:
            return "always"
        plan = self.plan
        if (
            plan.region_kode == REGION_HOVEDSTADEN
            and plan.art in (DriftsherreArt.KOMMUNAL, DriftsherreArt.REGIONAL)
            and typ.tilbudsform is Tilbudsform.DOEGN
            and RULE_HOVEDSTADEN_PL not in plan.brud
            and self.rng.random() < SHARE_SPLIT_FROM_2022
        ):
            return "from2022"
        return "none"
