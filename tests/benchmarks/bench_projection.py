"""Portfolio projection benchmark: project() over 1k/10k/50k placements × 60 months.

    python -m tests.benchmarks.bench_projection                  (1k, 10k, 50k; 5 runs)
    python -m tests.benchmarks.bench_projection --sizes 10000 --months 120 --repeat 3

Target (issue 15): 10 000 placements × 60 months ≤ 0.5 s, including the totals per
paragraf, målgruppe, gruppe, tilbud and driftsherre, faste priser and the budget comparison.

Two baselines, measured in the same run:
- "numpy floor": the charged-days matrix and one int64 matrix product for the total — what any
  vectorised engine must at least do; the ratio is the price of exactness and the breakdowns.
- "one-by-one": ``compute_placement_cost`` (the exact single-placement Decimal engine) per
  placement on 300 placements, scaled linearly to the size — what summing placements one by
  one would cost; the ratio is the speed-up of the grouped integer engine.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.costs.placement import PlacementSpec, compute_placement_cost
from rammedesk.domain.portfolio.calendar import month_end, months_of
from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement, Portfolio
from rammedesk.domain.portfolio.projection import ProjectionSettings, project
from rammedesk.domain.vocab import Enhed
from tests.benchmarks.common import median, timed

TARGET_MS = 500.0
PL = PLTable([PLRate(y, Decimal("2.4")) for y in range(2020, 2040)])
CONV = CostConventions()
START = date(2027, 1, 1)
PARAGRAFFER = ("SEL_107", "SEL_108", "SEL_104", "SEL_103", "SEL_85", "BL_43_1", "BL_32_1")


def placements(n: int, seed: int = 2027) -> list[Placement]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(365 * 8))
        ends = rng.random() < 0.6
        notice = ends and rng.random() < 0.2
        slut = start + timedelta(days=rng.randrange(30, 2000)) if ends else None
        hours = rng.random() < 0.25
        out.append(
            Placement(
                sagsnummer=f"2027-{i:06d}",
                takst=Decimal(rng.randrange(80_000, 900_000)) / 100,
                enhed=rng.choice((Enhed.DOEGN, Enhed.DOEGN, Enhed.DAG, Enhed.MAANED)),
                takst_aar=rng.choice((2025, 2026, 2027)),
                start=start,
                slut=slut,
                tilbud_navn=f"Tilbud {rng.randrange(max(1, n // 12))}",
                driftsherre=f"Driftsherre {rng.randrange(98)}",
                paragraf=rng.choice(PARAGRAFFER),
                maalgruppe=f"Målgruppe {rng.randrange(30)}",
                gruppe=f"Gruppe {rng.randrange(10)}",
                opsigelse_givet=slut - timedelta(days=10) if notice and slut else None,
                varsel_dage=30 if notice else 0,
                tillaeg_timesats=Decimal(417) if hours else Decimal(0),
                tillaeg_timer_pr_uge=Decimal("12.5") if hours else Decimal(0),
            )
        )
    return out


def _portfolio(ps: list[Placement]) -> Portfolio:
    budget = tuple(
        BudgetLine(Dimension.PARAGRAF, p, y, Decimal(len(ps)) * 150_000)
        for p in PARAGRAFFER
        for y in range(2027, 2032)
    )
    return Portfolio("Benchmark", placements=tuple(ps), budget=budget)


def _numpy_floor(ps: list[Placement], months: int) -> int:
    ms = months_of(START, months)
    starts = np.array([m.toordinal() for m in ms])
    ends = np.array([month_end(m).toordinal() for m in ms])
    first = np.array([p.start.toordinal() for p in ps])
    last = np.array([(p.slut or month_end(ms[-1])).toordinal() for p in ps])
    takst = np.array([int(p.takst * 100) for p in ps], dtype=np.int64)
    days = np.maximum(np.minimum(last[:, None], ends) - np.maximum(first[:, None], starts) + 1, 0)
    return int((takst @ days).sum())


def _one_by_one(ps: list[Placement], months: int) -> None:
    horizon = month_end(months_of(START, months)[-1])
    for p in ps:
        spec = PlacementSpec(
            takst=p.takst,
            unit=p.enhed,
            start=max(p.start, START),
            end=min(p.slut, horizon) if p.slut else None,
            horizon=horizon,
            takst_year=p.takst_aar,
            tillaeg_rate=p.tillaeg_timesats,
            tillaeg_hours_per_week=p.tillaeg_timer_pr_uge,
        )
        if spec.stay_end >= spec.start:
            compute_placement_cost(spec, CONV)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    settings = ProjectionSettings(START, args.months)
    sample = placements(300, seed=7)
    per_placement = median(timed(lambda: _one_by_one(sample, args.months), 3)) / len(sample)
    print(f"projection over {args.months} months (median of {args.repeat}; P/L from 3 takst years)")
    for n in args.sizes:
        portfolio = _portfolio(placements(n))
        ps = list(portfolio.placements)
        repeat = args.repeat if n <= 10_000 else max(1, args.repeat // 2)
        floor = median(timed(lambda: _numpy_floor(ps, args.months), repeat))  # noqa: B023
        full = median(timed(lambda: project(portfolio, settings, PL, CONV), repeat))  # noqa: B023
        naive = per_placement * n
        print(
            f"{n:>7} placements: project {full:8.1f} ms   numpy floor {floor:7.1f} ms "
            f"(ratio {full / floor:5.1f}x)   one-by-one ≈{naive / 1000:7.1f} s "
            f"(speed-up {naive / full:5.0f}x)"
        )
        if n == 10_000 and args.months == 60:
            print(f"target 10 000 × 60 ≤ {TARGET_MS:.0f} ms: {'OK' if full <= TARGET_MS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
