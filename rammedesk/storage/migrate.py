"""Schema versions through Alembic: create, upgrade (after a backup), refuse newer schemas."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from rammedesk.errors import SchemaTooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


KEEP_BACKUPS = 10  # per reason: a yearly import each working day must not fill the disk


def backup_sqlite(path: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Copy a live SQLite database (WAL-safe, via the backup API) beside the original.

    Only the ``keep`` newest copies made for the same ``reason`` are kept.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix or '.sqlite3'}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{reason}-{stamp}-{n}{path.suffix or '.sqlite3'}")
        n += 1
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _prune_backups(path, reason, keep, target)
    return target


def _prune_backups(path: Path, reason: str, keep: int, newest: Path) -> None:
    pattern = f"{path.stem}.{reason}-*{path.suffix or '.sqlite3'}"
    # The name's timestamp (and counter, for copies within one second) orders them in time;
    # the copy just made is always kept.
    older = sorted((p for p in path.parent.glob(pattern) if p != newest), key=_made_when)
    for stale in older[: max(0, len(older) - (keep - 1))]:
        stale.unlink(missing_ok=True)


def _made_when(backup: Path) -> tuple[str, int]:
    found = re.search(r"-(\d{8}-\d{6})(?:-(\d+))?$", backup.stem)
    return (found.group(1), int(found.group(2) or 0)) if found else ("", 0)


def discard_backup(backup: Path | None) -> None:
    """Remove a backup made before a change that was rolled back (it equals the database)."""
    if backup is not None:
        backup.unlink(missing_ok=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def _run(engine: Engine, step: Callable[[Config], None]) -> None:
    """Run migrations with SQLite's foreign keys off.

    Batch migrations re-create tables; with foreign keys on, SQLite's DROP TABLE of the old
    copy would cascade-delete every child row (all takster when ydelse is rebuilt).
    """
    cfg = _config()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()  # the pragma is ignored inside a transaction
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()


def ensure_current(engine: Engine, path: Path | None, where: str) -> Path | None:
    """Bring the schema to head. Returns the backup made before upgrading, if any."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    script = _script()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            "Databasen er lavet af en nyere version af RammeDesk (skemaversion "
            f"{current}), end denne ({head}). Opdatér RammeDesk; databasen er ikke ændret.",
            where,
        )
    backup = None
    if current is not None and path is not None:
        backup = backup_sqlite(path, "foer-opgradering")
    upgrade(engine)
    return backup


def has_alembic_version(engine: Engine) -> bool:
    return "alembic_version" in inspect(engine).get_table_names()


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate sees only ORM tables: the FTS5 table and its shadow tables are raw SQL."""
    return not (type_ == "table" and name is not None and name.startswith("search_fts"))
