"""What the search screen's sidebar shows: the lists, and a shortlist's afdelinger as hits.

A shortlist is shown like a search result (same columns, same export), with the notes beside
it, so the screen and the export need no second kind of row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rammedesk.domain.lists import SavedSearch, Shortlist
from rammedesk.domain.search import SearchResult
from rammedesk.errors import UserError
from rammedesk.services.catalogue import ensure_index_current
from rammedesk.storage.store import Store


@dataclass(frozen=True)
class Lists:
    shortlists: tuple[Shortlist, ...]  # favourites first, then by name
    saved_searches: tuple[SavedSearch, ...]  # by name


@dataclass(frozen=True)
class ShortlistView:
    shortlist: Shortlist
    result: SearchResult  # the entries' afdelinger, in the order they were added
    notes: dict[int, str] = field(default_factory=dict)  # afdeling id → note (non-empty only)
    missing: int = 0  # entries whose afdeling is no longer in the catalogue


def load_lists(store: Store) -> Lists:
    with store.unit_of_work() as repos:
        return Lists(tuple(repos.lists.shortlists()), tuple(repos.lists.saved_searches()))


def shortlist_view(store: Store, shortlist_id: int, today: date | None = None) -> ShortlistView:
    """The shortlist with its afdelinger as search hits (the search index's current takst)."""
    with store.unit_of_work() as repos:
        found = repos.lists.shortlist(shortlist_id)
        if found is None:
            raise UserError("Kortlisten findes ikke længere.", "Kortliste")
        ensure_index_current(repos, today)
        hits = tuple(repos.search.hits([e.afdeling_id for e in found.entries]))
    notes = {e.afdeling_id: e.note for e in found.entries if e.note}
    result = SearchResult(query="", total=len(hits), hits=hits)
    return ShortlistView(found, result, notes, missing=len(found.entries) - len(hits))
