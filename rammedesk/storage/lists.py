"""Rows ⇄ domain values for shortlists and saved searches."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rammedesk.domain import lists as d
from rammedesk.storage import tables as t


def _shortlist(session: Session, row: t.Shortlist) -> d.Shortlist:
    entries = tuple(
        d.ShortlistEntry(e.afdeling_id, e.note, e.tilfoejet)
        for e in session.scalars(
            select(t.ShortlistEntry)
            .where(t.ShortlistEntry.shortlist_id == row.id)
            .order_by(t.ShortlistEntry.tilfoejet, t.ShortlistEntry.afdeling_id)
        )
    )
    return d.Shortlist(row.id, row.navn, row.favoritter, row.oprettet, entries)


class ListStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def shortlists(self) -> list[d.Shortlist]:
        rows = self.session.scalars(
            select(t.Shortlist).order_by(t.Shortlist.favoritter.desc(), t.Shortlist.navn)
        )
        return [_shortlist(self.session, r) for r in rows]

    def shortlist(self, shortlist_id: int) -> d.Shortlist | None:
        row = self.session.get(t.Shortlist, shortlist_id)
        return _shortlist(self.session, row) if row else None

    def shortlist_by_name(self, navn: str) -> d.Shortlist | None:
        row = self.session.scalar(select(t.Shortlist).where(t.Shortlist.navn == navn))
        return _shortlist(self.session, row) if row else None

    def favourites(self) -> d.Shortlist | None:
        row = self.session.scalar(select(t.Shortlist).where(t.Shortlist.favoritter.is_(True)))
        return _shortlist(self.session, row) if row else None

    def put_shortlist(self, shortlist: d.Shortlist, *, keep_id: bool) -> int:
        row = t.Shortlist(navn=shortlist.navn, favoritter=shortlist.favoritter, oprettet=shortlist.oprettet)
        if keep_id:
            row.id = shortlist.id
        self.session.add(row)
        self.session.flush()
        for entry in shortlist.entries:
            self.put_entry(row.id, entry)
        return row.id

    def rename_shortlist(self, shortlist_id: int, navn: str) -> None:
        row = self.session.get(t.Shortlist, shortlist_id)
        if row is not None:
            row.navn = navn

    def delete_shortlist(self, shortlist_id: int) -> None:
        self.session.execute(delete(t.Shortlist).where(t.Shortlist.id == shortlist_id))

    def put_entry(self, shortlist_id: int, entry: d.ShortlistEntry) -> None:
        self.session.merge(
            t.ShortlistEntry(
                shortlist_id=shortlist_id,
                afdeling_id=entry.afdeling_id,
                note=entry.note,
                tilfoejet=entry.tilfoejet,
            )
        )

    def delete_entry(self, shortlist_id: int, afdeling_id: int) -> None:
        self.session.execute(
            delete(t.ShortlistEntry).where(
                t.ShortlistEntry.shortlist_id == shortlist_id, t.ShortlistEntry.afdeling_id == afdeling_id
            )
        )

    def afdeling_exists(self, afdeling_id: int) -> bool:
        return self.session.get(t.Afdeling, afdeling_id) is not None

    # -- saved searches ------------------------------------------------------------------------

    def saved_searches(self) -> list[d.SavedSearch]:
        return [_saved(r) for r in self.session.scalars(select(t.SavedSearch).order_by(t.SavedSearch.navn))]

    def saved_search(self, search_id: int) -> d.SavedSearch | None:
        row = self.session.get(t.SavedSearch, search_id)
        return _saved(row) if row else None

    def saved_search_by_name(self, navn: str) -> d.SavedSearch | None:
        row = self.session.scalar(select(t.SavedSearch).where(t.SavedSearch.navn == navn))
        return _saved(row) if row else None

    def put_saved_search(self, saved: d.SavedSearch, *, keep_id: bool) -> int:
        row = t.SavedSearch(
            navn=saved.navn,
            query=saved.query,
            facets_json=json.dumps(dict(saved.facets), ensure_ascii=False),
            sort=saved.sort,
            descending=saved.descending,
            oprettet=saved.oprettet,
        )
        if keep_id:
            row.id = saved.id
        self.session.add(row)
        self.session.flush()
        return row.id

    def rename_saved_search(self, search_id: int, navn: str) -> None:
        row = self.session.get(t.SavedSearch, search_id)
        if row is not None:
            row.navn = navn

    def delete_saved_search(self, search_id: int) -> None:
        self.session.execute(delete(t.SavedSearch).where(t.SavedSearch.id == search_id))


def _saved(row: t.SavedSearch) -> d.SavedSearch:
    facets = json.loads(row.facets_json or "{}")
    return d.SavedSearch(
        row.id, row.navn, row.query, tuple(sorted(facets.items())), row.sort, row.descending, row.oprettet
    )
