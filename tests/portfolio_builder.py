"""A realistic demo portfolio (fictive case numbers) and a P/L table, for GUI tests and screenshots.

demo_placements(n, seed) → list[Placement]
install_demo_portfolio(store, n=40) → portfolio id (with budgets per paragraf and P/L 2025-2036)
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from rammedesk.domain.costs.pl import PLRate
from rammedesk.domain.portfolio.model import BudgetLine, Dimension, Placement
from rammedesk.domain.vocab import Enhed

PL_RATES = tuple(
    PLRate(year, Decimal(rate), "Demo (KL-skøn)")
    for year, rate in zip(
        range(2025, 2037),
        ("2.9", "2.6", "2.4", "2.5", "2.5", "2.3", "2.3", "2.2", "2.2", "2.1", "2.1", "2.0"),
        strict=True,
    )
)

# (tilbud, driftsherre, paragraf, målgruppe, gruppe, takst range per døgn)
OFFERS: tuple[tuple[str, str, str, str, str, int, int], ...] = (
    ("Bostedet Koglen", "Region Midtjylland", "§ 108", "Autisme", "Voksne, længerevarende", 2900, 3600),
    ("Grenen, afd. Åben", "Aarhus Kommune", "§ 107", "Sindslidelse", "Voksne, midlertidige", 1900, 2400),
    ("Skovbrynet", "Randers Kommune", "§ 108", "Udviklingshæmning", "Voksne, længerevarende", 2400, 3100),
    ("Ungecenter Fjorden", "Region Midtjylland", "§ 66", "Børn og unge, adfærd", "Børn og unge", 4800, 6200),
    ("Kollegiet Lærkevej", "Privat", "§ 107", "ADHD", "Voksne, midlertidige", 1500, 1900),
    ("Søhuset, sikret afd.", "Region Midtjylland", "§ 66", "Sikret afdeling", "Børn og unge", 8200, 9400),
    (
        "Bofællesskabet Engen",
        "Silkeborg Kommune",
        "§ 105",
        "Fysisk handicap",
        "Voksne, længerevarende",
        2100,
        2700,
    ),
)


def demo_placements(n: int = 40, seed: int = 27) -> list[Placement]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        tilbud, drift, paragraf, maal, gruppe, low, high = OFFERS[i % len(OFFERS)]
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
        ends = rng.random() < 0.45
        slut = start + timedelta(days=rng.randrange(180, 1400)) if ends else None
        tillaeg = rng.random() < 0.25
        out.append(
            Placement(
                sagsnummer=f"27.15.04-G01-{100 + i}-{start.year % 100:02d}",
                takst=Decimal(rng.randrange(low * 100, high * 100)).scaleb(-2),
                enhed=Enhed.DOEGN,
                takst_aar=2026,
                start=start,
                slut=slut,
                tilbud_navn=tilbud,
                driftsherre=drift,
                paragraf=paragraf,
                maalgruppe=maal,
                gruppe=gruppe,
                tillaeg_timesats=Decimal("412.50") if tillaeg else Decimal(0),
                tillaeg_timer_pr_uge=Decimal(rng.choice((5, 8, 10, 15))) if tillaeg else Decimal(0),
            )
        )
    return out


def demo_budget(years: range = range(2027, 2030)) -> list[BudgetLine]:
    base = {
        "§ 108": Decimal("9400000"),
        "§ 107": Decimal("6500000"),
        "§ 66": Decimal("27000000"),
        "§ 105": Decimal("1200000"),
    }
    return [
        BudgetLine(
            Dimension.PARAGRAF,
            key,
            year,
            (amount * Decimal("1.02") ** (year - years[0])).quantize(Decimal(1)),
        )
        for key, amount in base.items()
        for year in years
    ]


def put_pl(store: Any, rates: tuple[PLRate, ...] = PL_RATES) -> None:
    from rammedesk.storage.costs import CostStore

    with store.unit_of_work() as repos:
        CostStore(repos.session).put_pl_rates(list(rates), date(2026, 11, 1))


def install_demo_portfolio(
    store: Any, n: int = 40, name: str = "Budget 2027-29", kommune: str = "Favrskov"
) -> int:
    from rammedesk.services import portfolio as svc

    put_pl(store)
    pid = svc.create_portfolio(store, name, kommune)
    for p in demo_placements(n):
        svc.add_placement(store, pid, p)
    svc.set_budget(store, pid, demo_budget())
    return pid
