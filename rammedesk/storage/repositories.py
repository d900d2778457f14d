"""Queries that turn rows into domain values; ORM objects never leave storage/."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from rammedesk.domain.details import TilbudDetails
from rammedesk.domain.reference import ReferenceData
from rammedesk.domain.vocab import BatchKind
from rammedesk.storage import search_index
from rammedesk.storage import tables as t
from rammedesk.storage.costs import CostStore
from rammedesk.storage.details import load_tilbud
from rammedesk.storage.imports import ImportStore
from rammedesk.storage.lists import ListStore
from rammedesk.storage.reference import upsert_reference_data
from rammedesk.storage.search import SEARCH_INDEX_GENERATION, SearchStore

SEARCH_INDEX_YEAR = "search_index_year"


@dataclass(frozen=True)
class CatalogueCounts:
    regioner: int
    kommuner: int
    paragraffer: int
    maalgrupper: int
    driftsherrer: int
    tilbud: int
    afdelinger: int
    ydelser: int
    takster: int
    pl_aar: int


# Tables holding catalogue data (not reference data), children first so deletes respect FKs.
CATALOGUE_TABLES: tuple[type[t.Base], ...] = (
    t.TakstBefore,
    t.TilbudBefore,
    t.ShortlistEntry,
    t.SearchFacet,
    t.SearchDoc,
    t.Takst,
    t.YdelseParagraf,
    t.Ydelse,
    t.Belaegning,
    t.AfdelingParagraf,
    t.AfdelingMaalgruppe,
    t.Afdeling,
    t.Tilbud,
    t.Driftsherre,
    t.PlSats,
    t.Befolkning,
    t.ImportBatch,
)


class Repositories:
    """All reads and writes of one unit of work."""

    def __init__(self, session: Session, cache: dict[str, Any] | None = None) -> None:
        self.session = session
        self.cache = cache if cache is not None else {}

    def _count(self, table: type[t.Base]) -> int:
        return int(self.session.scalar(select(func.count()).select_from(table)) or 0)

    def counts(self) -> CatalogueCounts:
        return CatalogueCounts(
            regioner=self._count(t.Region),
            kommuner=self._count(t.Kommune),
            paragraffer=self._count(t.Paragraf),
            maalgrupper=self._count(t.Maalgruppe),
            driftsherrer=self._count(t.Driftsherre),
            tilbud=self._count(t.Tilbud),
            afdelinger=self._count(t.Afdeling),
            ydelser=self._count(t.Ydelse),
            takster=self._count(t.Takst),
            pl_aar=self._count(t.PlSats),
        )

    def data_as_of(self) -> date | None:
        """The newest as-of date of any batch that brought catalogue data."""
        return self.session.scalar(
            select(func.max(t.ImportBatch.as_of)).where(t.ImportBatch.kind != BatchKind.REFERENCE)
        )

    def has_demo_data(self) -> bool:
        demo_batch = select(t.ImportBatch.id).where(t.ImportBatch.kind == BatchKind.DEMO).limit(1)
        demo_pl = select(t.PlSats.aar).where(t.PlSats.is_demo.is_(True)).limit(1)
        return (self.session.scalar(demo_batch) is not None) or (self.session.scalar(demo_pl) is not None)

    def has_catalogue_data(self) -> bool:
        """Anything beyond the reference data (tilbud, takster, P/L, batches)."""
        return any(
            self.session.scalar(select(func.count()).select_from(table))
            for table in (t.Tilbud, t.Driftsherre, t.PlSats, t.ImportBatch)
        )

    def has_real_data(self) -> bool:
        """Catalogue data that did not come from the demo generator."""
        real_batch = select(t.ImportBatch.id).where(t.ImportBatch.kind != BatchKind.DEMO).limit(1)
        real_pl = select(t.PlSats.aar).where(t.PlSats.is_demo.is_(False)).limit(1)
        return (self.session.scalar(real_batch) is not None) or (self.session.scalar(real_pl) is not None)

    def clear_catalogue(self) -> None:
        """Delete all catalogue data, keeping the reference data."""
        for table in CATALOGUE_TABLES:
            self.session.execute(delete(table))
        if self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(text("DELETE FROM search_fts"))

    def upsert_reference(self, data: ReferenceData) -> None:
        upsert_reference_data(self.session, data)

    def get_setting(self, key: str) -> str | None:
        row = self.session.get(t.AppSetting, key)
        return row.value if row else None

    def set_setting(self, key: str, value: str) -> None:
        self.session.merge(t.AppSetting(key=key, value=value))

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        rows = self.session.execute(
            select(t.AppSetting.key, t.AppSetting.value).where(t.AppSetting.key.startswith(prefix))
        )
        return {key: value for key, value in rows}

    def delete_setting(self, key: str) -> None:
        self.session.execute(delete(t.AppSetting).where(t.AppSetting.key == key))

    def rebuild_search_index(self, year: int) -> int:
        """Rebuild the search index for ``year`` (the takst and places shown are of that year)."""
        n = search_index.rebuild_search_index(self.session, year)
        self.set_setting(SEARCH_INDEX_YEAR, str(year))
        self.set_setting(SEARCH_INDEX_GENERATION, uuid.uuid4().hex)
        return n

    def load_tilbud(self, tilbud_id: int) -> TilbudDetails | None:
        return load_tilbud(self.session, tilbud_id)

    def paragraf_ids(self) -> list[str]:
        return list(self.session.scalars(select(t.Paragraf.id).order_by(t.Paragraf.id)))

    def has_paragraf(self, paragraf_id: str) -> bool:
        return self.session.get(t.Paragraf, paragraf_id) is not None

    def has_maalgruppe(self, maalgruppe_id: str) -> bool:
        return self.session.get(t.Maalgruppe, maalgruppe_id) is not None

    @property
    def imports(self) -> ImportStore:
        return ImportStore(self.session)

    @property
    def costs(self) -> CostStore:
        return CostStore(self.session)

    @property
    def lists(self) -> ListStore:
        return ListStore(self.session)

    @property
    def search(self) -> SearchStore:
        return SearchStore(self.session, self.cache)

    def invalidate_search_index(self) -> None:
        """The catalogue changed: the next search rebuilds the index first."""
        self.set_setting(SEARCH_INDEX_YEAR, "")

    def search_index_year(self) -> int | None:
        value = self.get_setting(SEARCH_INDEX_YEAR)
        return int(value) if value else None
