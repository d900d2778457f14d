"""Rows for the takstfil import: catalogue lookups, the apply, and undo of the last import."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from rammedesk.domain.folding import folded_text
from rammedesk.domain.takstfil import TakstRow
from rammedesk.domain.vocab import (
    BatchKind,
    DriftsherreArt,
    Enhed,
    Finansiering,
    MomsBasis,
    TakstArt,
    TakstStatus,
    Tilbudsform,
)
from rammedesk.storage import tables as t
from rammedesk.storage.bulk import _table, insert_rows
from rammedesk.storage.types import ScaledDecimal

StrEnumT = TypeVar("StrEnumT", bound=StrEnum)

# A tilbud's (cvr, p_nummer, telefon).
TilbudIds = tuple[str | None, str | None, str | None]


@dataclass(frozen=True)
class TilbudKey:
    id: int
    navn: str
    kommune_kode: int
    tp_tilbudsid: int | None


@dataclass(frozen=True)
class AfdelingKey:
    id: int
    tilbud_id: int
    navn: str
    tp_afdelingsid: int | None


@dataclass(frozen=True)
class StoredTakst:
    id: int
    beloeb: Decimal | None
    individuel_pris: bool
    enhed: Enhed
    status: TakstStatus
    finansiering: Finansiering
    moms_basis: MomsBasis
    import_batch_id: int


@dataclass(frozen=True)
class NewTakst:
    beloeb: Decimal | None
    enhed: Enhed
    status: TakstStatus
    finansiering: Finansiering
    moms_basis: MomsBasis


def _by_value(enum: type[StrEnumT]) -> dict[str, StrEnumT]:
    return {m.value: m for m in enum}


_ENHED, _STATUS = _by_value(Enhed), _by_value(TakstStatus)
_FINANSIERING, _MOMS, _ART = _by_value(Finansiering), _by_value(MomsBasis), _by_value(TakstArt)

_YDELSE_COLUMNS = ("id", "afdeling_id", "navn", "niveau", "paragraf_id", "import_batch_id")
_TAKST_COLUMNS = (
    "ydelse_id", "aar", "art", "beloeb", "individuel_pris", "enhed", "status", "finansiering",
    "moms_basis", "import_batch_id",
)  # fmt: skip


def _oere(amount: object) -> int | None:
    """Kroner → øre as Money() stores them; more than two decimals is a bug, not rounded."""
    if amount is None:
        return None
    assert isinstance(amount, Decimal)
    oere = int(scaled := amount.scaleb(2))
    if oere != scaled:
        raise ValueError(f"{amount} has more than 2 decimals")
    return oere


def _kroner(oere: object) -> Decimal | None:
    if oere is None:
        return None
    assert isinstance(oere, int)
    return Decimal(oere).scaleb(-2)


def _money_columns(table: Table, names: tuple[str, ...]) -> list[int]:
    return [i for i, n in enumerate(names) if isinstance(table.c[n].type, ScaledDecimal)]


class ImportStore:
    def __init__(self, session: Session) -> None:
        self.s = session
        self._next_id: dict[str, int] = {}
        self._new: defaultdict[str, list[dict[str, object]]] = defaultdict(list)
        self._new_ydelser: list[tuple[object, ...]] = []
        self._new_ydelse_paragraffer: list[tuple[object, ...]] = []
        self._new_takster: list[tuple[object, ...]] = []
        self._befores: list[dict[str, object]] = []
        self._changes: list[dict[str, object]] = []
        self._tilbud_befores: list[dict[str, object]] = []
        self._tilbud_changes: list[dict[str, object]] = []
        self._kommunal: dict[int, int] | None = None
        self._by_name: dict[str, int] | None = None

    # -- lookups -------------------------------------------------------------------------------

    def kommuner(self) -> dict[str, int]:
        """Folded kommune name and kommunekode text → kommunekode."""
        out: dict[str, int] = {}
        for kode, navn in self.s.execute(select(t.Kommune.kode, t.Kommune.navn)):
            out[folded_text(navn)] = kode
            out[str(kode)] = kode
        return out

    def kommune_navne(self) -> dict[int, str]:
        return {kode: navn for kode, navn in self.s.execute(select(t.Kommune.kode, t.Kommune.navn))}

    def tilbud(self) -> list[TilbudKey]:
        rows = self.s.execute(
            select(t.Tilbud.id, t.Tilbud.navn, t.Tilbud.kommune_kode, t.Tilbud.tp_tilbudsid)
        )
        return [TilbudKey(*r) for r in rows]

    def tilbud_ids(self, tilbud_ids: set[int]) -> dict[int, TilbudIds]:
        """Tilbud id → its stored (cvr, p_nummer, telefon), as stored."""
        k = t.Tilbud
        ids = sorted(tilbud_ids)
        out: dict[int, TilbudIds] = {}
        for start in range(0, len(ids), 900):
            query = select(k.id, k.cvr, k.p_nummer, k.telefon).where(k.id.in_(ids[start : start + 900]))
            for t_id, cvr, p_nr, tlf in self.s.execute(query):
                out[t_id] = (cvr, p_nr, tlf)
        return out

    def afdelinger(self) -> list[AfdelingKey]:
        rows = self.s.execute(
            select(t.Afdeling.id, t.Afdeling.tilbud_id, t.Afdeling.navn, t.Afdeling.tp_afdelingsid)
        )
        return [AfdelingKey(*r) for r in rows]

    def ydelser(
        self, afdeling_ids: set[int], fold: Callable[[str], str] = folded_text
    ) -> dict[tuple[int, str, str], int]:
        """(afdeling id, folded name, folded niveau) → ydelse id; ``fold`` may be a memoised folded_text."""
        out: dict[tuple[int, str, str], int] = {}
        ids = sorted(afdeling_ids)
        query = select(t.Ydelse.id, t.Ydelse.afdeling_id, t.Ydelse.navn, t.Ydelse.niveau)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            if self._driver_executemany():  # plain text and ints: the driver's rows as they are
                rows: Any = self._raw(
                    "SELECT id, afdeling_id, navn, niveau FROM ydelse WHERE afdeling_id IN "
                    f"({', '.join('?' * len(chunk))})",
                    chunk,
                )
            else:
                rows = self.s.execute(query.where(t.Ydelse.afdeling_id.in_(chunk)))
            for y_id, a_id, navn, niveau in rows:
                out.setdefault((a_id, fold(navn), fold(niveau or "")), y_id)
        return out

    def _raw(self, sql: str, params: list[int]) -> list[tuple[Any, ...]]:
        """SQLite only: rows straight from the sqlite3 cursor, inside this session's transaction
        (SQLAlchemy's per-row result objects cost more than the query itself)."""
        dbapi = self.s.connection().connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def takster(self, ydelse_ids: set[int]) -> dict[tuple[int, int, TakstArt], StoredTakst]:
        """(ydelse id, year, art) → the stored takst (columns only: no ORM objects per row)."""
        k = t.Takst
        cols = (
            k.id, k.beloeb, k.individuel_pris, k.enhed, k.status, k.finansiering, k.moms_basis,
            k.import_batch_id, k.ydelse_id, k.aar, k.art,
        )  # fmt: skip
        out: dict[tuple[int, int, TakstArt], StoredTakst] = {}
        ids = sorted(ydelse_ids)
        driver = self._driver_executemany()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            if driver:
                out.update(self._takster_sqlite(chunk))
                continue
            # Core, not the ORM: no identity map or entity loading for tens of thousands of rows.
            for *values, y_id, aar, art in self.s.connection().execute(
                select(*cols).where(k.ydelse_id.in_(chunk))
            ):
                out[(y_id, aar, art)] = StoredTakst(*values)
        return out

    def _takster_sqlite(self, ids: list[int]) -> dict[tuple[int, int, TakstArt], StoredTakst]:
        """What ``takster`` reads, straight from the driver: SQLAlchemy's per-value result
        processing cost more than the query. Values are converted as the column types would."""
        sql = (
            "SELECT id, beloeb, individuel_pris, enhed, status, finansiering, moms_basis, import_batch_id, "
            f"ydelse_id, aar, art FROM takst WHERE ydelse_id IN ({', '.join('?' * len(ids))})"
        )
        enhed, status, fin, moms, art = _ENHED, _STATUS, _FINANSIERING, _MOMS, _ART
        out: dict[tuple[int, int, TakstArt], StoredTakst] = {}
        for t_id, oere, ip, e, st, f, m, batch, y_id, aar, a in self._raw(sql, ids):
            out[(y_id, aar, art[a])] = StoredTakst(
                t_id, _kroner(oere), bool(ip), enhed[e], status[st], fin[f], moms[m], batch
            )
        return out

    def kommunal_driftsherre(self, kommune_kode: int, batch_id: int) -> int:
        """The kommune's own driftsherre, created (queued) the first time it is needed."""
        if self._kommunal is None:
            self._kommunal = {}
            for d_id, kode in self.s.execute(
                select(t.Driftsherre.id, t.Driftsherre.kommune_kode)
                .where(t.Driftsherre.art == DriftsherreArt.KOMMUNAL, t.Driftsherre.kommune_kode.is_not(None))
                .order_by(t.Driftsherre.id)
            ):
                if kode is not None:
                    self._kommunal.setdefault(kode, d_id)
        found = self._kommunal.get(kommune_kode)
        if found is None:
            navn = self.s.scalar(select(t.Kommune.navn).where(t.Kommune.kode == kommune_kode))
            found = self.add_driftsherre(f"{navn} Kommune", DriftsherreArt.KOMMUNAL, kommune_kode, batch_id)
        return found

    def driftsherre_by_name(self, navn: str) -> int | None:
        return self._driftsherrer_by_name().get(folded_text(navn))

    def _driftsherrer_by_name(self) -> dict[str, int]:
        if self._by_name is None:
            self._by_name = {}
            for d_id, d_navn in self.s.execute(
                select(t.Driftsherre.id, t.Driftsherre.navn).order_by(t.Driftsherre.id)
            ):
                self._by_name.setdefault(folded_text(d_navn), int(d_id))
        return self._by_name

    # -- writes --------------------------------------------------------------------------------
    # New rows get their ids here and are queued; ``flush_new`` writes them in bulk, parents
    # first. Nothing reads them back through SQL before that: the caller indexes what it made.

    def add_batch(
        self, *, kilde: str, filnavn: str, sha256: str, ark: str, mapping_json: str, as_of: date
    ) -> int:
        batch = t.ImportBatch(
            kind=BatchKind.TAKSTFIL,
            kilde=kilde,
            filnavn=filnavn,
            sha256=sha256,
            ark=ark,
            mapping_json=mapping_json,
            as_of=as_of,
            importeret=datetime.now().replace(microsecond=0),
        )
        self.s.add(batch)
        self.s.flush()
        return batch.id

    def _new_id(self, table: type[t.Base]) -> int:
        name = table.__tablename__
        if name not in self._next_id:
            self._next_id[name] = int(self.s.scalar(select(func.max(table.id))) or 0) + 1  # type: ignore[attr-defined]
        new_id = self._next_id[name]
        self._next_id[name] = new_id + 1
        return new_id

    def _queue(self, table: type[t.Base], row: dict[str, object]) -> int:
        new_id = self._new_id(table)
        self._new[table.__tablename__].append({"id": new_id, **row})
        return new_id

    def add_driftsherre(self, navn: str, art: DriftsherreArt, kommune_kode: int | None, batch_id: int) -> int:
        new_id = self._queue(
            t.Driftsherre,
            {"navn": navn, "art": art, "kommune_kode": kommune_kode, "import_batch_id": batch_id},
        )
        self._driftsherrer_by_name().setdefault(folded_text(navn), new_id)
        if art is DriftsherreArt.KOMMUNAL and kommune_kode is not None and self._kommunal is not None:
            self._kommunal.setdefault(kommune_kode, new_id)
        return new_id

    def add_tilbud(
        self, navn: str, kommune_kode: int, driftsherre_id: int, row: TakstRow, batch_id: int
    ) -> int:
        """``row`` gives the Tilbudsportalen id, CVR, P-nummer and phone number the file has."""
        return self._queue(
            t.Tilbud,
            {
                "navn": navn,
                "kommune_kode": kommune_kode,
                "driftsherre_id": driftsherre_id,
                "tp_tilbudsid": row.tp_tilbudsid,
                "cvr": row.cvr,
                "p_nummer": row.p_nummer,
                "telefon": row.telefon,
                "tilbudsform": Tilbudsform.DOEGN,
                "beskrivelse": "",
                "import_batch_id": batch_id,
            },
        )

    def add_afdeling(self, tilbud_id: int, navn: str, tp_id: int | None, batch_id: int) -> int:
        return self._queue(
            t.Afdeling,
            {
                "tilbud_id": tilbud_id,
                "navn": navn,
                "tp_afdelingsid": tp_id,
                "tilbudsform": Tilbudsform.DOEGN,
                "beskrivelse": "",
                "import_batch_id": batch_id,
            },
        )

    def add_ydelse(
        self,
        afdeling_id: int,
        navn: str,
        niveau: str | None,
        paragraf_id: str | None,
        batch_id: int,
        *,
        more_paragraffer: tuple[str, ...] = (),
    ) -> int:
        y_id = self._new_id(t.Ydelse)  # one per takst line: a tuple of _YDELSE_COLUMNS, no dict
        self._new_ydelser.append((y_id, afdeling_id, navn, niveau, paragraf_id, batch_id))
        self._new_ydelse_paragraffer.extend((y_id, p) for p in more_paragraffer)
        return y_id

    def add_takst(self, ydelse_id: int, row: TakstRow, batch_id: int) -> None:
        """Queue a new takst as a row of ``_TAKST_COLUMNS`` (tens of thousands: no dict per row)."""
        self._new_takster.append(
            (
                ydelse_id,
                row.aar,
                row.art,
                _oere(row.beloeb),  # øre now: no second pass over the rows before the insert
                row.beloeb is None,
                row.enhed,
                row.status,
                row.finansiering,
                row.moms_basis,
                batch_id,
            )  # fmt: skip
        )

    def change_takst(self, old: StoredTakst, new: NewTakst, batch_id: int) -> None:
        """Queue the update and the before-image that undo restores."""
        self._befores.append(
            {
                "batch_id": batch_id,
                "takst_id": old.id,
                "beloeb": old.beloeb,
                "individuel_pris": old.individuel_pris,
                "enhed": old.enhed,
                "moms_basis": old.moms_basis,
                "finansiering": old.finansiering,
                "status": old.status,
                "import_batch_id": old.import_batch_id,
            }
        )
        self._changes.append(
            {
                "b_id": old.id,
                "beloeb": new.beloeb,
                "individuel_pris": new.beloeb is None,
                "enhed": new.enhed,
                "status": new.status,
                "finansiering": new.finansiering,
                "moms_basis": new.moms_basis,
                "import_batch_id": batch_id,
            }
        )

    def change_tilbud_ids(self, tilbud_id: int, old: TilbudIds | None, new: TilbudIds, batch_id: int) -> None:
        """Queue the update of a tilbud's CVR, P-nummer and telefon, and with ``old`` (once per
        tilbud and batch: the values before this import) the before-image that undo restores."""
        if old is not None:
            cvr, p_nr, tlf = old
            self._tilbud_befores.append(
                {"batch_id": batch_id, "tilbud_id": tilbud_id, "cvr": cvr, "p_nummer": p_nr, "telefon": tlf}
            )
        cvr, p_nr, tlf = new
        self._tilbud_changes.append({"b_id": tilbud_id, "cvr": cvr, "p_nummer": p_nr, "telefon": tlf})

    def flush_new(self) -> None:
        """Write everything queued: one Core executemany per table, parents first."""
        self.s.flush()
        for model in (t.Driftsherre, t.Tilbud, t.Afdeling):
            rows = self._new.pop(model.__tablename__, None)
            if rows:
                self._insert_many(_table(model), rows)
        self._insert_tuples(_table(t.Ydelse), _YDELSE_COLUMNS, self._new_ydelser)
        self._insert_tuples(
            _table(t.YdelseParagraf), ("ydelse_id", "paragraf_id"), self._new_ydelse_paragraffer
        )
        self._insert_tuples(_table(t.Takst), _TAKST_COLUMNS, self._new_takster)
        insert_rows(self.s, _table(t.TakstBefore), self._befores)
        if self._changes:
            table = _table(t.Takst)
            self.s.execute(update(table).where(table.c.id == bindparam("b_id")), self._changes)
        insert_rows(self.s, _table(t.TilbudBefore), self._tilbud_befores)
        if self._tilbud_changes:  # after the inserts: a tilbud this chunk made may be among them
            table = _table(t.Tilbud)
            self.s.execute(update(table).where(table.c.id == bindparam("b_id")), self._tilbud_changes)
        self._new_ydelser, self._new_takster, self._befores, self._changes = [], [], [], []
        self._tilbud_befores, self._tilbud_changes = [], []
        self._new_ydelse_paragraffer = []
        self._new = defaultdict(list)

    def _insert_many(self, table: Table, rows: list[dict[str, object]]) -> None:
        if not rows:
            return
        names = tuple(rows[0])
        tuples = [tuple(r.values()) for r in rows]
        if money := _money_columns(table, names):
            tuples = [tuple(_oere(v) if i in money else v for i, v in enumerate(r)) for r in tuples]
        self._insert_tuples(table, names, tuples)

    def _driver_executemany(self) -> bool:
        """Whether rows go straight to the driver (SQLite's qmark executemany) or through Core."""
        return self.s.get_bind().dialect.name == "sqlite"

    def _insert_tuples(self, table: Table, names: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        """Bulk insert of rows holding what SQLite stores: money in øre; vocabularies are StrEnum,
        so already their value. On SQLite straight to the driver's executemany: SQLAlchemy's
        per-row parameter processing costs more than SQLite's own insert."""
        if not rows:
            return
        if not self._driver_executemany():
            money = _money_columns(table, names)
            dicts = []
            for r in rows:
                values = [_kroner(v) if i in money else v for i, v in enumerate(r)]
                dicts.append(dict(zip(names, values, strict=True)))
            insert_rows(self.s, table, dicts)
            return
        # Scalar column defaults (Tilbud.landsdaekkende=False …) as SQLAlchemy would fill them.
        defaults = {
            c.name: c.default.arg  # type: ignore[attr-defined]
            for c in table.columns
            if c.name not in names and c.default is not None and c.default.is_scalar
        }
        columns = (*names, *defaults)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        extra = tuple(defaults.values())
        self.s.connection().exec_driver_sql(sql, [(*r, *extra) for r in rows] if extra else rows)

    # -- undo ----------------------------------------------------------------------------------

    def last_batch(self) -> tuple[int, BatchKind, str | None] | None:
        """(id, kind, file name) of the newest batch."""
        row = self.s.execute(
            select(t.ImportBatch.id, t.ImportBatch.kind, t.ImportBatch.filnavn)
            .order_by(t.ImportBatch.id.desc())
            .limit(1)
        ).first()
        return (row[0], row[1], row[2]) if row else None

    def undo_batch(self, batch_id: int) -> dict[str, int]:
        """Restore every takst and tilbud the batch changed, delete what it created."""
        restored = 0
        for before in self.s.scalars(select(t.TakstBefore).where(t.TakstBefore.batch_id == batch_id)):
            row = self.s.get_one(t.Takst, before.takst_id)
            row.beloeb = before.beloeb
            row.individuel_pris = before.individuel_pris
            row.enhed = before.enhed
            row.moms_basis = before.moms_basis
            row.finansiering = before.finansiering
            row.status = before.status
            row.import_batch_id = before.import_batch_id
            restored += 1
        self.s.flush()
        self.s.execute(delete(t.TakstBefore).where(t.TakstBefore.batch_id == batch_id))
        self._restore_tilbud(batch_id)
        removed = self._count(t.Takst, t.Takst.import_batch_id == batch_id)
        self.s.execute(delete(t.Takst).where(t.Takst.import_batch_id == batch_id))
        ydelser = select(t.Ydelse.id).where(t.Ydelse.import_batch_id == batch_id)
        self.s.execute(delete(t.YdelseParagraf).where(t.YdelseParagraf.ydelse_id.in_(ydelser)))
        self.s.execute(delete(t.Ydelse).where(t.Ydelse.import_batch_id == batch_id))
        afdelinger = select(t.Afdeling.id).where(t.Afdeling.import_batch_id == batch_id)
        self.s.execute(delete(t.ShortlistEntry).where(t.ShortlistEntry.afdeling_id.in_(afdelinger)))
        self.s.execute(delete(t.SearchFacet))  # the index is rebuilt after any catalogue change
        self.s.execute(delete(t.SearchDoc))
        self.s.execute(delete(t.Afdeling).where(t.Afdeling.import_batch_id == batch_id))
        new_tilbud = self._count(t.Tilbud, t.Tilbud.import_batch_id == batch_id)
        self.s.execute(delete(t.Tilbud).where(t.Tilbud.import_batch_id == batch_id))
        self.s.execute(delete(t.Driftsherre).where(t.Driftsherre.import_batch_id == batch_id))
        kilde = self.s.scalar(select(t.ImportBatch.kilde).where(t.ImportBatch.id == batch_id))
        self.s.execute(delete(t.ImportBatch).where(t.ImportBatch.id == batch_id))
        self._restore_mapping(kilde)
        return {"restored": restored, "removed": removed, "removed_tilbud": new_tilbud}

    def _restore_tilbud(self, batch_id: int) -> None:
        """Put back the CVR, P-nummer and telefon of every tilbud the batch changed."""
        b = t.TilbudBefore
        rows = [
            {"b_id": t_id, "cvr": cvr, "p_nummer": p_nr, "telefon": tlf}
            for t_id, cvr, p_nr, tlf in self.s.execute(
                select(b.tilbud_id, b.cvr, b.p_nummer, b.telefon).where(b.batch_id == batch_id)
            )
        ]
        if rows:
            table = _table(t.Tilbud)
            self.s.execute(update(table).where(table.c.id == bindparam("b_id")), rows)
        self.s.execute(delete(b).where(b.batch_id == batch_id))

    def _count(self, table: type[t.Base], condition: ColumnElement[bool]) -> int:
        return int(self.s.scalar(select(func.count()).select_from(table).where(condition)) or 0)

    def count_takster(self) -> int:
        return int(self.s.scalar(select(func.count()).select_from(t.Takst)) or 0)

    # -- remembered mappings -------------------------------------------------------------------

    def mapping_for(self, kilde: str) -> str | None:
        row = self.s.get(t.ImportMapping, kilde)
        return row.mapping_json if row else None

    def remember_mapping(self, kilde: str, mapping_json: str, batch_id: int) -> None:
        """Remembered with the time of this import's batch, so undo can put back the one before
        exactly (from the sender's previous batch)."""
        when = self.s.get_one(t.ImportBatch, batch_id).importeret
        self.s.merge(t.ImportMapping(kilde=kilde, mapping_json=mapping_json, opdateret=when))

    def _restore_mapping(self, kilde: str | None) -> None:
        """After undo: the sender's mapping as its newest remaining takstfil import left it."""
        if kilde is None:
            return
        previous = self.s.execute(
            select(t.ImportBatch.mapping_json, t.ImportBatch.importeret)
            .where(t.ImportBatch.kilde == kilde, t.ImportBatch.kind == BatchKind.TAKSTFIL)
            .order_by(t.ImportBatch.id.desc())
            .limit(1)
        ).first()
        if previous is None or previous[0] is None:
            self.s.execute(delete(t.ImportMapping).where(t.ImportMapping.kilde == kilde))
        else:
            self.s.merge(t.ImportMapping(kilde=kilde, mapping_json=previous[0], opdateret=previous[1]))
