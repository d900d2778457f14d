"""Exact decimals stored as scaled integers, so money never passes through float.

SQLite has no decimal type (NUMERIC columns come back as float); an integer of øre is
exact on every backend and sorts and compares correctly in SQL (``takst < 3000``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Dialect
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal with at most ``scale`` decimals, stored as ``value * 10**scale``."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError("ScaledDecimal refuses float; pass a Decimal")
            value = Decimal(value)
        scaled = value * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)  # exact, with exactly ``scale`` decimals

    def __repr__(self) -> str:  # how Alembic renders the type in a revision
        return f"ScaledDecimal(scale={self.scale})"

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type in column declarations
    """Kroner with øre."""
    return ScaledDecimal(2)


def Percent() -> ScaledDecimal:  # noqa: N802
    """A percentage with three decimals (2.145 %)."""
    return ScaledDecimal(3)
