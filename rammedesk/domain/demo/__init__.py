"""Deterministic demo catalogue: a realistic, clearly fictitious tilbudsvifte with takster.

Pure: takes the word lists (:class:`DemoInputs`), the reference data, a size (number of
afdelinger) and a seed, and yields plain rows with integer ids. Same inputs, size and seed
give identical rows. Only ``random.Random`` instances seeded from ``seed`` are used.

``generate_demo`` makes the cheap plan at once (P/L table, driftsherrer, one skeleton per
tilbud); :meth:`DemoCatalogue.iter_tilbud` then yields the tilbud one at a time, so a
catalogue of 200 000 afdelinger never has to sit in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from random import Random

from rammedesk.domain.demo.context import Context, build_context
from rammedesk.domain.demo.inputs import DemoInputs, check_inputs
from rammedesk.domain.demo.plan import TilbudPlan, make_pl_table, make_plan
from rammedesk.domain.demo.records import (
    DEMO_AS_OF,
    DEMO_BATCH_KILDE,
    DEMO_PL_KILDE,
    FIRST_YEAR,
    LAST_YEAR,
    RULE_BELAEGNING,
    RULE_HOVEDSTADEN_PL,
    RULE_MIDT_TAKSTAFTALE,
    YEARS,
    DemoAfdeling,
    DemoAfdelingMaalgruppe,
    DemoAfdelingParagraf,
    DemoBelaegning,
    DemoDriftsherre,
    DemoPlSats,
    DemoTakst,
    DemoTilbud,
    DemoTilbudBundle,
    DemoYdelse,
)
from rammedesk.domain.demo.takster import Ids
from rammedesk.domain.demo.tilbud import build_bundle
from rammedesk.domain.reference import ReferenceData

MAX_SIZE = 200_000

__all__ = [
    "DEMO_AS_OF",
    "DEMO_BATCH_KILDE",
    "DEMO_PL_KILDE",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_SIZE",
    "RULE_BELAEGNING",
    "RULE_HOVEDSTADEN_PL",
    "RULE_MIDT_TAKSTAFTALE",
    "YEARS",
    "DemoAfdeling",
    "DemoAfdelingMaalgruppe",
    "DemoAfdelingParagraf",
    "DemoBelaegning",
    "DemoCatalogue",
    "DemoDriftsherre",
    "DemoInputs",
    "DemoPlSats",
    "DemoTakst",
    "DemoTilbud",
    "DemoTilbudBundle",
    "DemoYdelse",
    "check_inputs",
    "generate_demo",
]


@dataclass(frozen=True)
class DemoCatalogue:
    size: int  # number of afdelinger
    seed: int
    pl_satser: tuple[DemoPlSats, ...]
    driftsherrer: tuple[DemoDriftsherre, ...]
    plans: tuple[TilbudPlan, ...]
    context: Context = field(repr=False, compare=False)

    @property
    def tilbud_count(self) -> int:
        return len(self.plans)

    @property
    def afdeling_count(self) -> int:
        return sum(plan.afdelinger for plan in self.plans)

    def iter_tilbud(self) -> Iterator[DemoTilbudBundle]:
        """Every tilbud with its rows, in id order; each call starts afresh, identically."""
        ids = Ids()
        pl_milli = {row.aar: int(row.sats_pct * 1000) for row in self.pl_satser}
        driftsherrer = {d.id: d for d in self.driftsherrer}
        for plan in self.plans:
            yield build_bundle(self.context, plan, driftsherrer[plan.driftsherre_id], pl_milli, ids)


def generate_demo(inputs: DemoInputs, reference: ReferenceData, *, size: int, seed: int) -> DemoCatalogue:
    """Plan a demo catalogue of ``size`` afdelinger. Raises ValueError on bad size or inputs."""
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"size must be 1..{MAX_SIZE}, not {size}")
    context = build_context(inputs, reference, seed)
    rng = Random(seed)
    pl_satser = make_pl_table(rng)
    driftsherrer, plans = make_plan(context, rng, size)
    return DemoCatalogue(size, seed, pl_satser, driftsherrer, plans, context)
