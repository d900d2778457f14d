"""Engine and session factory; SQLite pragmas; friendly errors for bad database files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from rammedesk.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise UserError("Stien er en mappe, ikke en databasefil.", str(path))
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise UserError("RammeDesk har ikke adgang til at læse databasefilen.", str(path)) from exc
    if header and header != SQLITE_HEADER:
        raise UserError(
            "Filen er ikke en RammeDesk-database (ikke en SQLite-fil). Den er ikke ændret. "
            "Vælg en anden fil, eller lad RammeDesk oprette en ny et andet sted.",
            str(path),
        )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
    finally:
        cur.close()


def enable_wal(engine: Engine) -> None:
    """Switch a database we know is ours to WAL (persistent; never done to foreign files)."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # a read-only medium cannot switch to WAL; reading still works
    finally:
        raw.close()


def make_engine(url: str, *, path: Path | None = None) -> Engine:
    if path is not None:
        if path.exists():
            check_sqlite_file(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def probe(engine: Engine, where: str) -> None:
    """Open a connection and read the schema, turning driver errors into UserErrors."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar()
            if engine.dialect.name == "sqlite":
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except SQLAlchemyError as exc:
        raise translate_db_error(exc, where) from exc


def translate_db_error(exc: SQLAlchemyError, where: str) -> UserError:
    detail = str(getattr(exc, "orig", exc)).lower()
    if "locked" in detail or "busy" in detail:
        msg = "Databasen er låst af et andet program. Luk det andet program og prøv igen."
    elif "readonly" in detail or "read-only" in detail:
        msg = "Databasen er skrivebeskyttet. Kopiér den til en mappe, hvor du kan skrive."
    elif "disk" in detail and "full" in detail or "no space" in detail:
        msg = "Disken er fuld. Frigør plads og prøv igen; intet er gemt halvt."
    elif "malformed" in detail or "not a database" in detail or "corrupt" in detail:
        msg = (
            "Databasefilen er beskadiget og kan ikke åbnes. Den er ikke ændret. "
            "Brug en sikkerhedskopi eller opret en ny database."
        )
    elif "unable to open" in detail:
        msg = "Databasefilen kan ikke åbnes. Kontrollér stien og dine rettigheder."
    elif isinstance(exc, OperationalError):
        msg = f"Databasen kunne ikke bruges: {getattr(exc, 'orig', exc)}"
    else:
        msg = f"Databasefejl: {getattr(exc, 'orig', exc)}"
    return UserError(msg, where)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], where: str) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except SQLAlchemyError as exc:
        session.rollback()
        raise translate_db_error(exc, where) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
