"""Population per kommune and year (DST FOLK1A or similar), for sharing by population."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Befolkning:
    kommunekode: int
    aar: int
    indbyggere: int
