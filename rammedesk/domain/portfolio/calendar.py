"""Month arithmetic for the projection horizon."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after ``first``'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    return add_months(first, 1) - timedelta(days=1)


def days_in_month(first: date) -> int:
    return calendar.monthrange(first.year, first.month)[1]


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def month_key(first: date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def months_of(start: date, count: int) -> tuple[date, ...]:
    first = date(start.year, start.month, 1)
    return tuple(add_months(first, i) for i in range(count))
