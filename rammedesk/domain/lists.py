"""Shortlists (favourites and named lists with notes) and saved searches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FAVOURITES_NAME = "Favoritter"
MAX_NAME = 200
MAX_NOTE = 2000


@dataclass(frozen=True)
class ShortlistEntry:
    afdeling_id: int
    note: str
    tilfoejet: datetime


@dataclass(frozen=True)
class Shortlist:
    id: int
    navn: str
    favoritter: bool
    oprettet: datetime
    entries: tuple[ShortlistEntry, ...] = ()

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class SavedSearch:
    id: int
    navn: str
    query: str
    facets: tuple[tuple[str, str], ...]
    sort: str
    descending: bool
    oprettet: datetime
