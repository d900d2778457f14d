"""Population per kommune and year (DST FOLK1A or similar), for sharing by population.

``shares`` splits an amount among kommuner in proportion to their population; the shown
shares are rounded half-up to øre and distributed so they sum to the shown amount.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from rammedesk.domain.costs.money import allocate_map, round_oere


@dataclass(frozen=True)
class Befolkning:
    kommunekode: int
    aar: int
    indbyggere: int


def population_shares(amount: Decimal, population: Mapping[int, int]) -> dict[int, Decimal]:
    """``amount`` split by population: kommunekode → shown share (øre, footing)."""
    total = sum(population.values())
    if total <= 0:
        raise ValueError("no population to share by")
    exact = {k: amount * n / total for k, n in population.items()}
    return allocate_map(exact, round_oere(amount))
