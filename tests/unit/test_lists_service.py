from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rammedesk.errors import UserError
from rammedesk.services import lists
from rammedesk.storage.store import Store
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    s.ids = build(s, CATALOGUE)  # type: ignore[attr-defined]
    yield s
    s.close()


def test_shortlist_with_notes_and_undo(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    sl = lists.create_shortlist(store, "  kandidater til sag   2026-0412 ")
    assert sl.navn == "kandidater til sag 2026-0412"
    lists.add_entry(store, sl.id, ids["Hjerneskadecentret"], "Ring til lederen")
    lists.add_entry(store, sl.id, ids["Kollegiet"])
    assert [e.note for e in lists.get_shortlist(store, sl.id).entries] == ["Ring til lederen", ""]

    snapshot = lists.delete_shortlist(store, sl.id)
    assert lists.list_shortlists(store) == []
    lists.restore_shortlist(store, snapshot)  # undo
    assert lists.get_shortlist(store, sl.id) == snapshot

    old = lists.rename_shortlist(store, sl.id, "Sag 2026-0412")
    assert old == "kandidater til sag 2026-0412"
    lists.rename_shortlist(store, sl.id, old)  # undo
    assert lists.get_shortlist(store, sl.id).navn == old


def test_cpr_like_note_or_name_is_refused_and_nothing_stored(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    sl = lists.create_shortlist(store, "Sag 2026-0412")
    with pytest.raises(UserError) as info:
        lists.add_entry(store, sl.id, ids["Kollegiet"], "borger 010190-1234")
    assert "CPR" in info.value.message and info.value.where == "Note"
    assert lists.get_shortlist(store, sl.id).entries == ()
    with pytest.raises(UserError):
        lists.create_shortlist(store, "Borger 0101901234")
    with pytest.raises(UserError):
        lists.save_search(store, "x", "0101901234", {})


def test_duplicate_and_empty_names(store: Store) -> None:
    lists.create_shortlist(store, "A")
    with pytest.raises(UserError):
        lists.create_shortlist(store, "A")
    with pytest.raises(UserError):
        lists.create_shortlist(store, "   ")


def test_favourites_are_created_once(store: Store) -> None:
    first = lists.favourites(store)
    assert first.favoritter and first.navn == "Favoritter"
    assert lists.favourites(store).id == first.id


def test_remove_entry_and_undo(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    fav = lists.favourites(store)
    lists.add_entry(store, fav.id, ids["Dagbehandling"], "note")
    removed = lists.remove_entry(store, fav.id, ids["Dagbehandling"])
    assert removed is not None and lists.get_shortlist(store, fav.id).entries == ()
    lists.put_entry(store, fav.id, removed)
    assert lists.get_shortlist(store, fav.id).entries == (removed,)


def test_saved_search_round_trip_and_undo(store: Store) -> None:
    saved = lists.save_search(store, "Autisme i Midt", "autisme", {"region": "1082"}, sort="navn")
    assert lists.list_saved_searches(store) == [saved]
    assert dict(saved.facets) == {"region": "1082"}
    snapshot = lists.delete_saved_search(store, saved.id)
    assert lists.list_saved_searches(store) == []
    lists.restore_saved_search(store, snapshot)
    assert lists.list_saved_searches(store) == [saved]
