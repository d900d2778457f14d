"""Money helpers for cost results: rounding to øre and amounts that add up.

Amounts stay exact ``Decimal`` until shown. A shown breakdown (lines → months → years →
total) is made to foot: the total is the exact sum rounded half-up once, and its parts are
distributed by the largest-remainder method, so each shown part is at most 1 øre from its
exact value and the shown parts always sum to the shown whole — what a finance user checks
with SUM() in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TypeVar

OERE = Decimal("0.01")
ZERO = Decimal(0)

K = TypeVar("K")


def round_oere(x: Decimal) -> Decimal:
    """Half-up to 0.01: 2639.375 → 2639.38, -0.005 → -0.01."""
    return x.quantize(OERE, rounding=ROUND_HALF_UP)


def _floor_oere(x: Decimal) -> Decimal:
    return x.quantize(OERE, rounding=ROUND_FLOOR)


def allocate(exact: Sequence[Decimal], target: Decimal) -> list[Decimal]:
    """Parts rounded to øre that sum to ``target`` (largest remainder, earliest wins ties).

    ``target`` must be on the øre grid and within 1 øre per part of ``sum(exact)``, which holds
    when it is ``round_oere(sum(exact))`` or an allocated part of a larger breakdown.
    """
    floors = [_floor_oere(x) for x in exact]
    extra = int((target - sum(floors, ZERO)) / OERE)
    if not 0 <= extra <= len(exact):
        raise ValueError(f"target {target} is not within 1 øre per part of {sum(exact, ZERO)}")
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    result = list(floors)
    for i in order[:extra]:
        result[i] += OERE
    return result


def allocate_map(exact: Mapping[K, Decimal], target: Decimal) -> dict[K, Decimal]:
    """``allocate`` over a mapping, keeping its keys and order."""
    keys = list(exact)
    return dict(zip(keys, allocate([exact[k] for k in keys], target), strict=True))


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def format_kr(value: Decimal, places: int = 2) -> str:
    """Danish display for sentences in results: Decimal('2639.375') → '2.639,38'.

    The same style as ``presenters/formatting.py`` (which domain code must not import).
    """
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    return f"{sign}{_group(whole)},{fraction}" if places else f"{sign}{_group(whole)}"


def format_number(value: Decimal) -> str:
    """An exact number without trailing zeros, Danish style: 2639.375 → '2.639,375'."""
    text = f"{abs(value).normalize():f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if value < 0 else ""
    return f"{sign}{_group(whole)},{fraction}" if fraction else f"{sign}{_group(whole)}"
