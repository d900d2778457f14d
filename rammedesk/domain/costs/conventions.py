"""Conventions the sources leave open (DOMAIN.md C-01, C-02, §8 #3), as explicit settings.

The defaults are DOMAIN.md's: real calendar days, both the first and the last day charged,
a monthly takst prorated by the actual days in the month, hour tillæg = hours/week × days / 7.
``describe`` gives the Danish sentences printed with every result.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CostConventions:
    charge_first_day: bool = True  # indskrivningsdag
    charge_last_day: bool = True  # udskrivningsdag (or the last day of the notice period)
    hour_tillaeg_days_divisor: int = 7  # C-02: timer = timer pr. uge × dage / 7

    def __post_init__(self) -> None:
        if self.hour_tillaeg_days_divisor <= 0:
            raise ValueError("hour_tillaeg_days_divisor must be positive")

    def describe(self) -> list[str]:
        if self.charge_first_day and self.charge_last_day:
            days = "Både indskrivnings- og udskrivningsdag betales."
        elif self.charge_first_day:
            days = "Indskrivningsdagen betales, udskrivningsdagen betales ikke."
        elif self.charge_last_day:
            days = "Udskrivningsdagen betales, indskrivningsdagen betales ikke."
        else:
            days = "Hverken indskrivnings- eller udskrivningsdag betales."
        return [
            "Dage tælles efter den faktiske kalender (skudår giver 366 dage).",
            days,
            "En månedstakst fordeles efter det faktiske antal dage i måneden.",
            f"Timetillæg: timer = timer pr. uge × dage / {self.hour_tillaeg_days_divisor}.",
        ]


DEFAULT_CONVENTIONS = CostConventions()
