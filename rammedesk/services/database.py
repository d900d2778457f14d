"""Open, create and describe the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rammedesk.config import DatabaseLocation
from rammedesk.errors import UserError
from rammedesk.fileio.reference_csv import load_reference_data
from rammedesk.storage.migrate import head_revision
from rammedesk.storage.repositories import CatalogueCounts
from rammedesk.storage.store import Store


@dataclass(frozen=True)
class DatabaseInfo:
    location: str
    is_default_location: bool
    dialect: str
    schema_version: str | None
    schema_head: str
    counts: CatalogueCounts
    data_as_of: date | None
    is_demo: bool
    has_real_data: bool


def open_store(location: DatabaseLocation, *, create: bool = False) -> Store:
    """Open a database (creating it with reference data when ``create``)."""
    store = Store.open(location, create=create)
    if store.created:
        try:
            load_reference(store)
        except BaseException:
            store.close()
            raise
    return store


def load_reference(store: Store) -> None:
    data = load_reference_data()
    with store.unit_of_work() as repos:
        repos.upsert_reference(data)


def describe(store: Store) -> DatabaseInfo:
    with store.unit_of_work() as repos:
        counts = repos.counts()
        as_of = repos.data_as_of()
        demo = repos.has_demo_data()
        real = repos.has_real_data()
    return DatabaseInfo(
        location=store.location.display,
        is_default_location=store.location.is_default,
        dialect=store.dialect,
        schema_version=store.schema_version(),
        schema_head=head_revision(),
        counts=counts,
        data_as_of=as_of,
        is_demo=demo,
        has_real_data=real,
    )


@dataclass(frozen=True)
class InitResult:
    info: DatabaseInfo
    created: bool
    backup: Path | None


def init_database(location: DatabaseLocation, *, force: bool) -> InitResult:
    """An empty database with reference data only. Existing data is kept unless ``force``."""
    store = open_store(location, create=True)
    try:
        with store.unit_of_work() as repos:
            has_data = repos.has_catalogue_data()
        backup = None
        if has_data:
            if not force:
                raise UserError(
                    "Databasen indeholder allerede data og er ikke ændret. Brug --force for at "
                    "erstatte den med en tom database (der tages en sikkerhedskopi først).",
                    location.display,
                )
            backup = store.backup("foer-init")
            with store.unit_of_work() as repos:
                repos.clear_catalogue()
        load_reference(store)
        return InitResult(describe(store), created=store.created, backup=backup)
    finally:
        store.close()
