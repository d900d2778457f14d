"""Favourites, shortlists with notes, saved searches — each change returns what undo needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from rammedesk.domain.cpr import refuse_cpr
from rammedesk.domain.lists import (
    FAVOURITES_NAME,
    MAX_NAME,
    MAX_NOTE,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
)
from rammedesk.errors import UserError
from rammedesk.storage.store import Store


def _clean_name(navn: str, what: str) -> str:
    cleaned = " ".join(navn.split())
    if not cleaned:
        raise UserError(f"Giv {what} et navn.", "Navn")
    if len(cleaned) > MAX_NAME:
        raise UserError(f"Navnet er for langt (højst {MAX_NAME} tegn).", "Navn")
    if any(ord(ch) < 32 for ch in cleaned):
        raise UserError("Navnet indeholder kontroltegn.", "Navn")
    refuse_cpr(cleaned, "Navn")
    return cleaned


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise UserError(f"Noten er for lang (højst {MAX_NOTE} tegn).", "Note")
    refuse_cpr(note, "Note")
    return note


# -- shortlists --------------------------------------------------------------------------------


def list_shortlists(store: Store) -> list[Shortlist]:
    with store.unit_of_work() as repos:
        return repos.lists.shortlists()


def get_shortlist(store: Store, shortlist_id: int) -> Shortlist:
    with store.unit_of_work() as repos:
        found = repos.lists.shortlist(shortlist_id)
    if found is None:
        raise UserError(f"Kortlisten (id {shortlist_id}) findes ikke længere.", "Kortliste")
    return found


def create_shortlist(store: Store, navn: str, now: datetime | None = None) -> Shortlist:
    cleaned = _clean_name(navn, "kortlisten")
    with store.unit_of_work() as repos:
        if repos.lists.shortlist_by_name(cleaned):
            raise UserError(f"Der findes allerede en kortliste med navnet »{cleaned}«.", "Navn")
        new = Shortlist(0, cleaned, False, now or datetime.now())
        new_id = repos.lists.put_shortlist(new, keep_id=False)
    return replace(new, id=new_id)


def favourites(store: Store) -> Shortlist:
    """The favourites list, created on first use."""
    with store.unit_of_work() as repos:
        found = repos.lists.favourites()
        if found is not None:
            return found
        new = Shortlist(0, FAVOURITES_NAME, True, datetime.now())
        return replace(new, id=repos.lists.put_shortlist(new, keep_id=False))


def rename_shortlist(store: Store, shortlist_id: int, navn: str) -> str:
    """Rename; returns the old name (for undo)."""
    cleaned = _clean_name(navn, "kortlisten")
    with store.unit_of_work() as repos:
        current = repos.lists.shortlist(shortlist_id)
        if current is None:
            raise UserError("Kortlisten findes ikke længere.", "Kortliste")
        other = repos.lists.shortlist_by_name(cleaned)
        if other is not None and other.id != shortlist_id:
            raise UserError(f"Der findes allerede en kortliste med navnet »{cleaned}«.", "Navn")
        repos.lists.rename_shortlist(shortlist_id, cleaned)
        return current.navn


def delete_shortlist(store: Store, shortlist_id: int) -> Shortlist:
    """Delete; returns the whole list so undo can put it back exactly."""
    with store.unit_of_work() as repos:
        current = repos.lists.shortlist(shortlist_id)
        if current is None:
            raise UserError("Kortlisten findes ikke længere.", "Kortliste")
        repos.lists.delete_shortlist(shortlist_id)
        return current


def restore_shortlist(store: Store, snapshot: Shortlist) -> None:
    with store.unit_of_work() as repos:
        if repos.lists.shortlist_by_name(snapshot.navn):
            raise UserError(f"Der findes allerede en kortliste med navnet »{snapshot.navn}«.", "Fortryd")
        entries = tuple(e for e in snapshot.entries if repos.lists.afdeling_exists(e.afdeling_id))
        repos.lists.put_shortlist(replace(snapshot, entries=entries), keep_id=True)


def add_entry(
    store: Store, shortlist_id: int, afdeling_id: int, note: str = "", now: datetime | None = None
) -> ShortlistEntry | None:
    """Add (or update the note of) an afdeling. Returns the previous entry, for undo."""
    cleaned = _clean_note(note)
    with store.unit_of_work() as repos:
        current = repos.lists.shortlist(shortlist_id)
        if current is None:
            raise UserError("Kortlisten findes ikke længere.", "Kortliste")
        if not repos.lists.afdeling_exists(afdeling_id):
            raise UserError(f"Afdelingen (id {afdeling_id}) findes ikke.", "Afdeling")
        previous = next((e for e in current.entries if e.afdeling_id == afdeling_id), None)
        added = previous.tilfoejet if previous else (now or datetime.now())
        repos.lists.put_entry(shortlist_id, ShortlistEntry(afdeling_id, cleaned, added))
        return previous


def remove_entry(store: Store, shortlist_id: int, afdeling_id: int) -> ShortlistEntry | None:
    """Remove; returns the removed entry (for undo)."""
    with store.unit_of_work() as repos:
        current = repos.lists.shortlist(shortlist_id)
        if current is None:
            return None
        previous = next((e for e in current.entries if e.afdeling_id == afdeling_id), None)
        repos.lists.delete_entry(shortlist_id, afdeling_id)
        return previous


def put_entry(store: Store, shortlist_id: int, entry: ShortlistEntry) -> None:
    """Undo helper: put an entry back exactly as it was."""
    _clean_note(entry.note)
    with store.unit_of_work() as repos:
        repos.lists.put_entry(shortlist_id, entry)


# -- saved searches ----------------------------------------------------------------------------


def list_saved_searches(store: Store) -> list[SavedSearch]:
    with store.unit_of_work() as repos:
        return repos.lists.saved_searches()


def save_search(
    store: Store,
    navn: str,
    query: str,
    facets: Mapping[str, str],
    *,
    sort: str = "relevans",
    descending: bool = False,
    now: datetime | None = None,
) -> SavedSearch:
    cleaned = _clean_name(navn, "søgningen")
    refuse_cpr(query, "Søgning")
    with store.unit_of_work() as repos:
        if repos.lists.saved_search_by_name(cleaned):
            raise UserError(f"Der findes allerede en gemt søgning med navnet »{cleaned}«.", "Navn")
        new = SavedSearch(
            0, cleaned, query, tuple(sorted(facets.items())), sort, descending, now or datetime.now()
        )
        return replace(new, id=repos.lists.put_saved_search(new, keep_id=False))


def rename_saved_search(store: Store, search_id: int, navn: str) -> str:
    cleaned = _clean_name(navn, "søgningen")
    with store.unit_of_work() as repos:
        current = repos.lists.saved_search(search_id)
        if current is None:
            raise UserError("Den gemte søgning findes ikke længere.", "Gemt søgning")
        other = repos.lists.saved_search_by_name(cleaned)
        if other is not None and other.id != search_id:
            raise UserError(f"Der findes allerede en gemt søgning med navnet »{cleaned}«.", "Navn")
        repos.lists.rename_saved_search(search_id, cleaned)
        return current.navn


def delete_saved_search(store: Store, search_id: int) -> SavedSearch:
    with store.unit_of_work() as repos:
        current = repos.lists.saved_search(search_id)
        if current is None:
            raise UserError("Den gemte søgning findes ikke længere.", "Gemt søgning")
        repos.lists.delete_saved_search(search_id)
        return current


def restore_saved_search(store: Store, snapshot: SavedSearch) -> None:
    with store.unit_of_work() as repos:
        if repos.lists.saved_search_by_name(snapshot.navn):
            raise UserError(f"Der findes allerede en gemt søgning med navnet »{snapshot.navn}«.", "Fortryd")
        repos.lists.put_saved_search(snapshot, keep_id=True)
