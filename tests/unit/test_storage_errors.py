from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rammedesk.config import resolve_location
from rammedesk.errors import UserError
from rammedesk.services.database import init_database
from rammedesk.storage import db as storage_db


def test_locked_database_gives_a_danish_message_and_changes_nothing(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 50)
    blocker = sqlite3.connect(demo_db, timeout=0)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(UserError) as info:
            init_database(resolve_location(str(demo_db)), force=True)
        assert "låst" in info.value.message
        assert info.value.where == str(demo_db)
    finally:
        blocker.rollback()
        blocker.close()
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM tilbud").fetchone()[0] > 0


def test_translate_messages_name_the_cause() -> None:
    from sqlalchemy.exc import OperationalError

    def translated(text: str) -> str:
        exc = OperationalError("stmt", {}, sqlite3.OperationalError(text))
        return storage_db.translate_db_error(exc, "x.sqlite3").message

    assert "skrivebeskyttet" in translated("attempt to write a readonly database")
    assert "fuld" in translated("database or disk is full")
    assert "beskadiget" in translated("database disk image is malformed")
    assert "låst" in translated("database is locked")
