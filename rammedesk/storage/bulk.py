"""Fast insert of a generated demo catalogue: SQLAlchemy Core executemany, in chunks.

Rows go in as dicts holding Decimals, so money and percentages pass through ScaledDecimal
like every other write. Everything runs inside the caller's transaction (one unit of work):
a failure or a cancel raised from ``on_progress`` rolls all of it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session

from rammedesk.domain.demo import (
    DemoAfdeling,
    DemoAfdelingMaalgruppe,
    DemoAfdelingParagraf,
    DemoBelaegning,
    DemoCatalogue,
    DemoTakst,
    DemoTilbud,
    DemoYdelse,
)
from rammedesk.domain.vocab import BatchKind
from rammedesk.storage import tables as t

CHUNK_ROWS = 40_000  # rows buffered before a flush (and a progress report)
SQLITE_CACHE_KIB = 65_536  # a larger page cache while bulk loading (64 MiB)


@dataclass(frozen=True)
class InsertCounts:
    driftsherrer: int = 0
    tilbud: int = 0
    afdelinger: int = 0
    maalgrupper: int = 0
    paragraffer: int = 0
    ydelser: int = 0
    takster: int = 0
    belaegning: int = 0
    pl_satser: int = 0

    @property
    def rows(self) -> int:
        return sum(vars(self).values())


def _table(model: type[t.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], chunk: int = CHUNK_ROWS
) -> None:
    """executemany in chunks; every dict must have the same keys."""
    for start in range(0, len(rows), chunk):
        session.execute(insert(table), rows[start : start + chunk])


def add_import_batch(
    session: Session, *, kind: BatchKind, kilde: str, as_of: date, importeret: datetime
) -> int:
    batch = t.ImportBatch(kind=kind, kilde=kilde, as_of=as_of, importeret=importeret)
    session.add(batch)
    session.flush()
    return batch.id


class _Sink:
    """Per-table buffers, flushed parents first so foreign keys hold at every statement."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session = session
        self.batch_id = batch_id
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in _ORDER}
        self.counts: dict[str, int] = dict.fromkeys(_ORDER, 0)
        self.pending = 0

    def add(self, name: str, rows: Iterable[NamedTuple], *, with_batch: bool) -> None:
        keys = _KEYS[name]
        buffer = self.buffers[name]
        before = len(buffer)
        if with_batch:
            batch = self.batch_id
            buffer.extend(dict(zip(keys, row, strict=False), import_batch_id=batch) for row in rows)
        else:
            buffer.extend(dict(zip(keys, row, strict=False)) for row in rows)
        self.pending += len(buffer) - before

    def flush(self) -> None:
        for name in _ORDER:
            buffer = self.buffers[name]
            if buffer:
                insert_rows(self.session, _TABLES[name], buffer, chunk=len(buffer))
                self.counts[name] += len(buffer)
                buffer.clear()
        self.pending = 0


_TABLES: dict[str, Table] = {
    "tilbud": _table(t.Tilbud),
    "afdelinger": _table(t.Afdeling),
    "maalgrupper": _table(t.AfdelingMaalgruppe),
    "paragraffer": _table(t.AfdelingParagraf),
    "ydelser": _table(t.Ydelse),
    "takster": _table(t.Takst),
    "belaegning": _table(t.Belaegning),
}
_ORDER = tuple(_TABLES)  # parents before children
_RECORDS: dict[str, type[Any]] = {
    "tilbud": DemoTilbud,
    "afdelinger": DemoAfdeling,
    "maalgrupper": DemoAfdelingMaalgruppe,
    "paragraffer": DemoAfdelingParagraf,
    "ydelser": DemoYdelse,
    "takster": DemoTakst,
    "belaegning": DemoBelaegning,
}


def _column_keys(name: str) -> tuple[str, ...]:
    """The record's fields that are columns (DemoTilbud.brud is not), in record order."""
    fields = tuple(_RECORDS[name]._fields)
    kept = tuple(f for f in fields if f in _TABLES[name].columns)
    # Rows are zipped positionally with these keys, so extra fields may only trail.
    if fields[: len(kept)] != kept:
        raise AssertionError(f"{name}: a non-column field comes before a column")
    return kept


_KEYS = {name: _column_keys(name) for name in _ORDER}


def insert_demo_catalogue(
    session: Session,
    catalogue: DemoCatalogue,
    batch_id: int,
    *,
    on_progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> InsertCounts:
    """Insert the whole catalogue; ``on_progress(afdelinger_done)`` runs after each flush.

    The catalogue tables must be empty (the generator's ids start at 1).
    """
    pl_rows = [row._asdict() for row in catalogue.pl_satser]
    insert_rows(session, _table(t.PlSats), pl_rows)
    insert_rows(session, _table(t.Driftsherre), [row._asdict() for row in catalogue.driftsherrer])
    sink = _Sink(session, batch_id)
    restore = _tune_sqlite(session)
    try:
        done = 0
        for bundle in catalogue.iter_tilbud():
            sink.add("tilbud", (bundle.tilbud,), with_batch=True)
            sink.add("afdelinger", bundle.afdelinger, with_batch=True)
            sink.add("maalgrupper", bundle.maalgrupper, with_batch=False)
            sink.add("paragraffer", bundle.paragraffer, with_batch=True)
            sink.add("ydelser", bundle.ydelser, with_batch=False)
            sink.add("takster", bundle.takster, with_batch=True)
            sink.add("belaegning", bundle.belaegning, with_batch=True)
            done += len(bundle.afdelinger)
            if sink.pending >= chunk_rows:
                sink.flush()
                if on_progress is not None:
                    on_progress(done)
        sink.flush()
        if on_progress is not None:
            on_progress(done)
    finally:
        restore()
    _advance_sequences(session)
    return InsertCounts(driftsherrer=len(catalogue.driftsherrer), pl_satser=len(pl_rows), **sink.counts)


def _tune_sqlite(session: Session) -> Callable[[], None]:
    """Give SQLite a larger page cache for the load; returns the undo."""
    if session.get_bind().dialect.name != "sqlite":
        return lambda: None
    old = session.execute(text("PRAGMA cache_size")).scalar()
    session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))

    def restore() -> None:
        session.execute(text(f"PRAGMA cache_size = {int(old or -2000)}"))

    return restore


def _advance_sequences(session: Session) -> None:
    """PostgreSQL: explicit ids do not move the serial sequences; move them past the rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in (t.Driftsherre, t.Tilbud, t.Afdeling, t.AfdelingParagraf, t.Ydelse, t.Takst, t.Belaegning):
        name = _table(model).name
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            )
        )
