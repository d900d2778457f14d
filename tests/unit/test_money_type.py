from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.storage.types import ScaledDecimal


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_money_round_trips_exactly(value: Decimal) -> None:
    money = ScaledDecimal(2)
    stored = money.process_bind_param(value, None)  # type: ignore[arg-type]
    assert isinstance(stored, int)
    assert money.process_result_value(stored, None) == value  # type: ignore[arg-type]


def test_float_is_refused() -> None:
    with pytest.raises(TypeError):
        ScaledDecimal(2).process_bind_param(4155.0, None)  # type: ignore[arg-type]


def test_more_decimals_than_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="decimals"):
        ScaledDecimal(2).process_bind_param(Decimal("9.395"), None)  # type: ignore[arg-type]
