from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from rammedesk.config import resolve_location
from rammedesk.errors import DatabaseMissingError, SchemaTooNewError, UserError
from rammedesk.services.database import describe, open_store
from rammedesk.storage import migrate
from rammedesk.storage.tables import Base


def test_upgrade_head_on_empty_database_equals_orm_metadata(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": migrate.include_name}
            ),
            Base.metadata,
        )
    engine.dispose()
    assert diff == []


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO region (kode, navn) VALUES (1082, 'Region Midtjylland')"))
    engine.dispose()

    store = open_store(resolve_location(str(path)))
    try:
        assert store.schema_version() == migrate.head_revision()
        assert store.upgrade_backup is not None
        backup = store.upgrade_backup
        assert describe(store).counts.regioner == 1  # data kept
    finally:
        store.close()
    assert backup.exists() and backup.parent == tmp_path
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT navn FROM region").fetchall() == [("Region Midtjylland",)]


def test_newer_schema_is_refused_and_left_alone(empty_db: Path) -> None:
    with sqlite3.connect(empty_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = empty_db.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        open_store(resolve_location(str(empty_db)))
    assert "nyere version" in info.value.message
    assert info.value.where == str(empty_db)
    assert empty_db.read_bytes() == before
    assert list(empty_db.parent.glob("*foer-opgradering*")) == []


def test_current_database_opens_without_backup(empty_db: Path) -> None:
    store = open_store(resolve_location(str(empty_db)))
    store.close()
    assert store.upgrade_backup is None
    assert list(empty_db.parent.glob("*foer-*")) == []


def test_missing_database_is_not_created_by_readers(tmp_path: Path) -> None:
    path = tmp_path / "typo.sqlite3"
    with pytest.raises(DatabaseMissingError) as info:
        open_store(resolve_location(str(path)))
    assert info.value.where == str(path)
    assert not path.exists()


@pytest.mark.parametrize(
    "content",
    [b"hello, this is text", b"PK\x03\x04 zip file", b"SQLite format 3\x00" + b"\x00" * 10],
)
def test_broken_or_foreign_file_is_refused_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "not-a-db.sqlite3"
    path.write_bytes(content)
    with pytest.raises(UserError) as info:
        open_store(resolve_location(str(path)), create=True)
    assert info.value.where == str(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(UserError) as info:
        open_store(resolve_location(str(path)), create=True)
    assert "ikke en RammeDesk-database" in info.value.message
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_sqlite_pragmas(empty_db: Path) -> None:
    store = open_store(resolve_location(str(empty_db)))
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        store.close()


def test_upgrade_keeps_every_row_of_a_filled_database(demo_db: Path) -> None:
    """Batch migrations re-create tables: no cascade may eat child rows on the way."""
    with sqlite3.connect(demo_db) as conn:
        before = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("tilbud", "afdeling", "ydelse", "takst", "afdeling_paragraf")
        }
    engine = create_engine(f"sqlite:///{demo_db}")
    migrate.downgrade(engine, "0004")
    engine.dispose()
    store = open_store(resolve_location(str(demo_db)))
    try:
        assert store.schema_version() == migrate.head_revision()
        assert store.upgrade_backup is not None
    finally:
        store.close()
    with sqlite3.connect(demo_db) as conn:
        after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before and before["takst"] > 0
