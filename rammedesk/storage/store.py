"""The storage facade services use: open a database, run units of work, close it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from rammedesk.config import DatabaseLocation
from rammedesk.errors import DatabaseMissingError, UserError
from rammedesk.storage import migrate
from rammedesk.storage.db import (
    enable_wal,
    make_engine,
    make_session_factory,
    probe,
    transaction,
    translate_db_error,
)
from rammedesk.storage.repositories import Repositories


class Store:
    """An open, current-schema database."""

    def __init__(
        self, location: DatabaseLocation, engine: Engine, created: bool, backup: Path | None
    ) -> None:
        self.location = location
        self.engine = engine
        self.created = created
        self.upgrade_backup = backup
        self._factory = make_session_factory(engine)
        self.cache: dict[str, Any] = {}  # per-database caches of storage (search facets)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, location: DatabaseLocation, *, create: bool) -> Store:
        """Open (and migrate) a database; create it only when ``create`` is true.

        A missing SQLite file without ``create`` is a DatabaseMissingError naming the path,
        so a mistyped --db never looks like an empty catalogue.
        """
        where = location.display
        path = location.path
        existed = path is None or path.exists()
        if path is not None and not existed and not create:
            raise DatabaseMissingError(
                "Databasen findes ikke. Opret den med 'rammedesk init' (tom) eller "
                "'rammedesk demo' (demodata), eller angiv den rigtige sti med --db.",
                where,
            )
        engine = make_engine(location.url, path=path)
        try:
            probe(engine, where)
            empty = migrate.is_empty(engine)
            if empty and not create and path is not None:
                raise DatabaseMissingError(
                    "Filen er en tom database uden RammeDesk-data. Opret den med "
                    "'rammedesk init' eller 'rammedesk demo'.",
                    where,
                )
            if not empty and not migrate.has_alembic_version(engine):
                raise UserError(
                    "Databasen er ikke en RammeDesk-database (den mangler RammeDesks "
                    "skemaversion). Den er ikke ændret.",
                    where,
                )
            backup = migrate.ensure_current(engine, path if existed else None, where)
            enable_wal(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise translate_db_error(exc, where) from exc
        except BaseException:
            engine.dispose()
            if path is not None and not existed and path.exists():
                _remove_sqlite(path)  # never leave a half-created file behind
            raise
        return cls(location, engine, created=not existed or empty, backup=backup)

    @contextmanager
    def unit_of_work(self, where: str | None = None) -> Iterator[Repositories]:
        with transaction(self._factory, where or self.location.display) as session:
            yield Repositories(session, self.cache)

    def schema_version(self) -> str | None:
        return migrate.current_revision(self.engine)

    def backup(self, reason: str) -> Path | None:
        if self.location.path is None:
            return None
        return migrate.backup_sqlite(self.location.path, reason)

    @staticmethod
    def discard_backup(backup: Path | None) -> None:
        migrate.discard_backup(backup)

    def close(self) -> None:
        self.engine.dispose()


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
