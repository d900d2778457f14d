"""services.shortlist_view: the sidebar's lists and a shortlist's afdelinger as hits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from rammedesk.errors import UserError
from rammedesk.services import lists
from rammedesk.services.shortlist_view import load_lists, shortlist_view
from rammedesk.storage.store import Store
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE

TODAY = date(2026, 11, 23)


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    s.ids = build(s, CATALOGUE)  # type: ignore[attr-defined]
    yield s
    s.close()


def test_lists_favourites_first(store: Store) -> None:
    lists.create_shortlist(store, "A-sag")
    lists.favourites(store)
    lists.save_search(store, "Zeta", "z", {})
    lists.save_search(store, "Alfa", "a", {})
    found = load_lists(store)
    assert [s.navn for s in found.shortlists] == ["Favoritter", "A-sag"]
    assert [s.navn for s in found.saved_searches] == ["Alfa", "Zeta"]


def test_shortlist_as_hits_in_added_order_with_notes(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    sl = lists.create_shortlist(store, "Sag")
    lists.add_entry(store, sl.id, ids["Zebra afd"], "Ring")
    lists.add_entry(store, sl.id, ids["Kollegiet"])
    view = shortlist_view(store, sl.id, today=TODAY)
    assert [h.tilbud for h in view.result.hits] == ["Zebra Huset", "Ærø Ungdomskollegiet"]
    assert view.result.total == 2 and view.missing == 0
    assert view.notes == {ids["Zebra afd"]: "Ring"}
    assert view.result.hits[0].takst is not None and view.result.hits[0].takst.year == 2026


def test_missing_shortlist_is_a_user_error(store: Store) -> None:
    with pytest.raises(UserError, match="findes ikke længere"):
        shortlist_view(store, 999)
