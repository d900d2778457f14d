from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.danish_dates import NotADate, parse_date_text


@pytest.mark.parametrize(
    "text",
    ["2027-03-15", "15.03.2027", "15-03-2027", "15/3-2027", "15/03/2027", " 15.3.2027 "],
)
def test_iso_and_danish_forms(text: str) -> None:
    assert parse_date_text(text) == date(2027, 3, 15)


@pytest.mark.parametrize("text", ["31.02.2027", "2027-13-01", "15.03.27", "marts 2027", "", "2027"])
def test_anything_else_is_refused_in_danish(text: str) -> None:
    with pytest.raises(NotADate, match="dato"):
        parse_date_text(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_date_reads_back_in_both_forms(d: date) -> None:
    assert parse_date_text(d.isoformat()) == d
    assert parse_date_text(f"{d.day:02d}.{d.month:02d}.{d.year}") == d
