"""The P/L (pris- og lønfremskrivning) index table, DOMAIN.md C-03.

Each rate is the % change over the previous year. ``factor(base, target)`` is
Π(1 + rate_y/100) for y = base+1..target; for a target before the base it is the inverse
(faste priser of an earlier year). A missing year is an error naming it — never a silent 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rammedesk.domain.costs.money import format_number
from rammedesk.errors import UserError

ONE = Decimal(1)
HUNDRED = Decimal(100)


class MissingPLYear(UserError):
    """The P/L table has no rate for a year a calculation needs."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"P/L-tabellen mangler en sats for {year}. Indlæs satsen for {year} "
            "(rammedesk pl import) før der fremskrives til eller over det år."
        )
        self.year = year


@dataclass(frozen=True)
class PLRate:
    year: int
    rate_pct: Decimal  # % over the previous year, e.g. Decimal("2.5")
    source: str = ""


class PLTable:
    """Immutable year → rate table."""

    def __init__(self, rates: Iterable[PLRate] = ()) -> None:
        by_year: dict[int, PLRate] = {}
        for rate in rates:
            if rate.year in by_year:
                raise ValueError(f"year {rate.year} given twice")
            if rate.rate_pct <= -HUNDRED:
                raise ValueError(f"rate {rate.rate_pct} for {rate.year} is not above -100 %")
            by_year[rate.year] = rate
        self._rates = dict(sorted(by_year.items()))

    @property
    def years(self) -> list[int]:
        return list(self._rates)

    @property
    def rates(self) -> list[PLRate]:
        return list(self._rates.values())

    def __len__(self) -> int:
        return len(self._rates)

    def rate(self, year: int) -> PLRate:
        try:
            return self._rates[year]
        except KeyError:
            raise MissingPLYear(year) from None

    def _product(self, low: int, high: int) -> Decimal:
        """Π(1 + rate_y/100) for y = low+1..high."""
        result = ONE
        for year in range(low + 1, high + 1):
            result *= ONE + self.rate(year).rate_pct / HUNDRED
        return result

    def factor(self, base_year: int, target_year: int) -> Decimal:
        if target_year >= base_year:
            return self._product(base_year, target_year)
        return ONE / self._product(target_year, base_year)

    def describe(self, base_year: int, target_year: int) -> list[str]:
        """Danish sentences: the base year, each rate used with its source, the factor."""
        if base_year == target_year:
            return [f"Ingen P/L-fremskrivning: prisniveau {base_year} (basisår {base_year})."]
        low, high = sorted((base_year, target_year))
        used = []
        for year in range(low + 1, high + 1):
            rate = self.rate(year)
            source = f" ({rate.source})" if rate.source else ""
            used.append(f"{year}: {format_number(rate.rate_pct)} %{source}")
        direction = "fremskrevet" if target_year > base_year else "tilbageregnet (faste priser)"
        return [
            f"P/L: basisår {base_year}, {direction} til prisniveau {target_year}.",
            "P/L-satser brugt: " + "; ".join(used) + ".",
            f"P/L-faktor {base_year}→{target_year}: "
            f"{format_number(self.factor(base_year, target_year).quantize(Decimal('1e-6')))}.",
        ]
