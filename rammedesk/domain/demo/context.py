"""Lookups shared by the generator's steps, built once per run."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import Generic, TypeVar

from rammedesk.domain.demo.inputs import By, DemoInputs, TilbudsType, check_inputs
from rammedesk.domain.reference import ParagrafRef, ReferenceData
from rammedesk.domain.vocab import Aldersgruppe

T = TypeVar("T")

# Added to every kommune's weight so that small kommuner also run a few tilbud.
KOMMUNE_BASE_WEIGHT = 15


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """Items with cumulative weights, for ``Random.choices`` without re-summing each time."""

    items: tuple[T, ...]
    cum: tuple[int, ...]

    @classmethod
    def of(cls, pairs: Sequence[tuple[T, int]]) -> Weighted[T]:
        kept = [(item, w) for item, w in pairs if w > 0]
        if not kept:
            raise ValueError("no item has a positive weight")
        return cls(tuple(i for i, _ in kept), tuple(itertools.accumulate(w for _, w in kept)))

    def pick(self, rng: Random) -> T:
        return rng.choices(self.items, cum_weights=self.cum)[0]


@dataclass(frozen=True)
class Context:
    inputs: DemoInputs
    seed: int
    kommune_navn: dict[int, str]
    kommune_region: dict[int, int]
    region_navn: dict[int, str]
    kommuner: Weighted[int]
    region_kommuner: dict[int, Weighted[int]]
    regioner: Weighted[int]
    byer: dict[int, Weighted[By]]
    typer: Weighted[int]  # index into inputs.typer
    type_index: dict[str, int]
    paragraf: dict[str, ParagrafRef]
    maalgruppe_alder: dict[str, Aldersgruppe]

    def type(self, index: int) -> TilbudsType:
        return self.inputs.typer[index]


def build_context(inputs: DemoInputs, reference: ReferenceData, seed: int) -> Context:
    problems = check_inputs(inputs, reference)
    if problems:
        raise ValueError("Demo inputs do not match the reference data: " + "; ".join(problems))
    kommune_region = {k.kode: k.region_kode for k in reference.kommuner}
    weight: dict[int, int] = dict.fromkeys(kommune_region, KOMMUNE_BASE_WEIGHT)
    towns: dict[int, list[tuple[By, int]]] = {}
    for by in inputs.byer:
        weight[by.kommune_kode] += by.vaegt
        towns.setdefault(by.kommune_kode, []).append((by, max(by.vaegt, 1)))
    region_pairs: dict[int, list[tuple[int, int]]] = {}
    for kode, region in kommune_region.items():
        region_pairs.setdefault(region, []).append((kode, weight[kode]))
    return Context(
        inputs=inputs,
        seed=seed,
        kommune_navn={k.kode: k.navn for k in reference.kommuner},
        kommune_region=kommune_region,
        region_navn={r.kode: r.navn for r in reference.regioner},
        kommuner=Weighted.of(list(weight.items())),
        region_kommuner={r: Weighted.of(pairs) for r, pairs in region_pairs.items()},
        regioner=Weighted.of([(r, sum(w for _, w in pairs)) for r, pairs in region_pairs.items()]),
        byer={k: Weighted.of(pairs) for k, pairs in towns.items()},
        typer=Weighted.of([(i, t.vaegt) for i, t in enumerate(inputs.typer)]),
        type_index={t.id: i for i, t in enumerate(inputs.typer)},
        paragraf={p.id: p for p in reference.paragraffer},
        maalgruppe_alder={m.id: m.aldersgruppe for m in reference.maalgrupper},
    )
