"""Rows for the takstfil import: catalogue lookups, the apply, and undo of the last import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.orm import Session

from rammedesk.domain.folding import folded_text
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


@dataclass(frozen=True)
class NewTakst:
    beloeb: Decimal | None
    enhed: Enhed
    status: TakstStatus
    finansiering: Finansiering
    moms_basis: MomsBasis


class ImportStore:
    def __init__(self, session: Session) -> None:
        self.s = session
        self._next_ydelse: int | None = None
        self._new_ydelser: list[dict[str, object]] = []
        self._new_takster: list[dict[str, object]] = []

    # -- lookups -------------------------------------------------------------------------------

    def kommuner(self) -> dict[str, int]:
        """Folded kommune name and kommunekode text → kommunekode."""
        out: dict[str, int] = {}
        for kode, navn in self.s.execute(select(t.Kommune.kode, t.Kommune.navn)):
            out[folded_text(navn)] = kode
            out[str(kode)] = kode
        return out

    def tilbud(self) -> list[TilbudKey]:
        rows = self.s.execute(
            select(t.Tilbud.id, t.Tilbud.navn, t.Tilbud.kommune_kode, t.Tilbud.tp_tilbudsid)
        )
        return [TilbudKey(*r) for r in rows]

    def afdelinger(self) -> list[AfdelingKey]:
        rows = self.s.execute(
            select(t.Afdeling.id, t.Afdeling.tilbud_id, t.Afdeling.navn, t.Afdeling.tp_afdelingsid)
        )
        return [AfdelingKey(*r) for r in rows]

    def ydelser(self, afdeling_ids: set[int]) -> dict[tuple[int, str, str], int]:
        """(afdeling id, folded name, folded niveau) → ydelse id."""
        out: dict[tuple[int, str, str], int] = {}
        ids = sorted(afdeling_ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for y_id, a_id, navn, niveau in self.s.execute(
                select(t.Ydelse.id, t.Ydelse.afdeling_id, t.Ydelse.navn, t.Ydelse.niveau).where(
                    t.Ydelse.afdeling_id.in_(chunk)
                )
            ):
                out.setdefault((a_id, folded_text(navn), folded_text(niveau or "")), y_id)
        return out

    def takster(self, ydelse_ids: set[int]) -> dict[tuple[int, int, str], StoredTakst]:
        """(ydelse id, year, art) → the stored takst."""
        out: dict[tuple[int, int, str], StoredTakst] = {}
        ids = sorted(ydelse_ids)
        for start in range(0, len(ids), 900):
            for k in self.s.scalars(select(t.Takst).where(t.Takst.ydelse_id.in_(ids[start : start + 900]))):
                out[(k.ydelse_id, k.aar, k.art.value)] = StoredTakst(
                    k.id, k.beloeb, k.individuel_pris, k.enhed, k.status, k.finansiering, k.moms_basis
                )
        return out

    def kommunal_driftsherre(self, kommune_kode: int, batch_id: int) -> int:
        navn = self.s.scalar(select(t.Kommune.navn).where(t.Kommune.kode == kommune_kode))
        found = self.s.scalar(
            select(t.Driftsherre.id).where(
                t.Driftsherre.kommune_kode == kommune_kode, t.Driftsherre.art == DriftsherreArt.KOMMUNAL
            )
        )
        if found is not None:
            return int(found)
        return self.add_driftsherre(f"{navn} Kommune", DriftsherreArt.KOMMUNAL, kommune_kode, batch_id)

    def driftsherre_by_name(self, navn: str) -> int | None:
        wanted = folded_text(navn)
        for d_id, d_navn in self.s.execute(select(t.Driftsherre.id, t.Driftsherre.navn)):
            if folded_text(d_navn) == wanted:
                return int(d_id)
        return None

    # -- writes --------------------------------------------------------------------------------

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

    def add_driftsherre(self, navn: str, art: DriftsherreArt, kommune_kode: int | None, batch_id: int) -> int:
        row = t.Driftsherre(navn=navn, art=art, kommune_kode=kommune_kode, import_batch_id=batch_id)
        self.s.add(row)
        self.s.flush()
        return row.id

    def add_tilbud(
        self, navn: str, kommune_kode: int, driftsherre_id: int, tp_id: int | None, batch_id: int
    ) -> int:
        row = t.Tilbud(
            navn=navn,
            kommune_kode=kommune_kode,
            driftsherre_id=driftsherre_id,
            tp_tilbudsid=tp_id,
            tilbudsform=Tilbudsform.DOEGN,
            beskrivelse="",
            import_batch_id=batch_id,
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def add_afdeling(self, tilbud_id: int, navn: str, tp_id: int | None, batch_id: int) -> int:
        row = t.Afdeling(
            tilbud_id=tilbud_id,
            navn=navn,
            tp_afdelingsid=tp_id,
            tilbudsform=Tilbudsform.DOEGN,
            beskrivelse="",
            import_batch_id=batch_id,
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def add_ydelse(
        self, afdeling_id: int, navn: str, niveau: str | None, paragraf_id: str | None, batch_id: int
    ) -> int:
        """Queue a new ydelse; its id is assigned now, the rows are written by ``flush_new``."""
        if self._next_ydelse is None:
            self._next_ydelse = int(self.s.scalar(select(func.max(t.Ydelse.id))) or 0) + 1
        y_id = self._next_ydelse
        self._next_ydelse += 1
        self._new_ydelser.append(
            {
                "id": y_id,
                "afdeling_id": afdeling_id,
                "navn": navn,
                "niveau": niveau,
                "paragraf_id": paragraf_id,
                "import_batch_id": batch_id,
            }
        )
        return y_id

    def add_takst(self, ydelse_id: int, aar: int, art: TakstArt, new: NewTakst, batch_id: int) -> None:
        self._new_takster.append(
            {
                "ydelse_id": ydelse_id,
                "aar": aar,
                "art": art,
                "beloeb": new.beloeb,
                "individuel_pris": new.beloeb is None,
                "enhed": new.enhed,
                "status": new.status,
                "finansiering": new.finansiering,
                "moms_basis": new.moms_basis,
                "import_batch_id": batch_id,
            }
        )

    def flush_new(self) -> None:
        """Write queued ydelser and takster in bulk (one executemany each, not a flush per row)."""
        self.s.flush()
        if self._new_ydelser:
            self.s.execute(insert(t.Ydelse), self._new_ydelser)
        if self._new_takster:
            self.s.execute(insert(t.Takst), self._new_takster)
        self._new_ydelser, self._new_takster = [], []

    def change_takst(self, takst_id: int, new: NewTakst, batch_id: int) -> None:
        row = self.s.get_one(t.Takst, takst_id)
        self.s.add(
            t.TakstBefore(
                batch_id=batch_id,
                takst_id=takst_id,
                beloeb=row.beloeb,
                individuel_pris=row.individuel_pris,
                enhed=row.enhed,
                moms_basis=row.moms_basis,
                finansiering=row.finansiering,
                status=row.status,
                import_batch_id=row.import_batch_id,
            )
        )
        row.beloeb = new.beloeb
        row.individuel_pris = new.beloeb is None
        row.enhed = new.enhed
        row.status = new.status
        row.finansiering = new.finansiering
        row.moms_basis = new.moms_basis
        row.import_batch_id = batch_id

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
        """Restore every takst the batch changed, delete what it created."""
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
        removed = self._count(t.Takst, t.Takst.import_batch_id == batch_id)
        self.s.execute(delete(t.Takst).where(t.Takst.import_batch_id == batch_id))
        self.s.execute(delete(t.Ydelse).where(t.Ydelse.import_batch_id == batch_id))
        afdelinger = select(t.Afdeling.id).where(t.Afdeling.import_batch_id == batch_id)
        self.s.execute(delete(t.ShortlistEntry).where(t.ShortlistEntry.afdeling_id.in_(afdelinger)))
        self.s.execute(delete(t.SearchFacet))  # the index is rebuilt after any catalogue change
        self.s.execute(delete(t.SearchDoc))
        self.s.execute(delete(t.Afdeling).where(t.Afdeling.import_batch_id == batch_id))
        new_tilbud = self._count(t.Tilbud, t.Tilbud.import_batch_id == batch_id)
        self.s.execute(delete(t.Tilbud).where(t.Tilbud.import_batch_id == batch_id))
        self.s.execute(delete(t.Driftsherre).where(t.Driftsherre.import_batch_id == batch_id))
        self.s.execute(delete(t.ImportBatch).where(t.ImportBatch.id == batch_id))
        return {"restored": restored, "removed": removed, "removed_tilbud": new_tilbud}

    def _count(self, table: type[t.Base], condition: ColumnElement[bool]) -> int:
        return int(self.s.scalar(select(func.count()).select_from(table).where(condition)) or 0)

    def count_takster(self) -> int:
        return int(self.s.scalar(select(func.count()).select_from(t.Takst)) or 0)

    # -- remembered mappings -------------------------------------------------------------------

    def mapping_for(self, kilde: str) -> str | None:
        row = self.s.get(t.ImportMapping, kilde)
        return row.mapping_json if row else None

    def remember_mapping(self, kilde: str, mapping_json: str) -> None:
        self.s.merge(
            t.ImportMapping(
                kilde=kilde, mapping_json=mapping_json, opdateret=datetime.now().replace(microsecond=0)
            )
        )
