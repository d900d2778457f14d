"""Charged days of a period, month by month, with the day conventions applied."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from rammedesk.domain.costs.conventions import CostConventions

Month = tuple[int, int]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def charged_range(start: date, end: date, conv: CostConventions) -> tuple[date, date] | None:
    """The first and last charged day of the inclusive period ``start``..``end``, or None."""
    first = start if conv.charge_first_day else start + timedelta(days=1)
    last = end if conv.charge_last_day else end - timedelta(days=1)
    return (first, last) if first <= last else None


def days_by_month(first: date, last: date) -> dict[Month, int]:
    """Days of the inclusive range ``first``..``last`` per (year, month), in order."""
    result: dict[Month, int] = {}
    day = first
    while day <= last:
        month_end = date(day.year, day.month, days_in_month(day.year, day.month))
        stop = min(month_end, last)
        result[(day.year, day.month)] = (stop - day).days + 1
        day = stop + timedelta(days=1)
    return result


def charged_days_by_month(start: date, end: date, conv: CostConventions) -> dict[Month, int]:
    """Charged days per (year, month) of the inclusive period ``start``..``end``.

    Empty when nothing is charged (end before start, or a one-day stay whose only day the
    conventions leave out).
    """
    charged = charged_range(start, end, conv)
    return days_by_month(*charged) if charged else {}
