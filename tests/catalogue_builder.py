"""Build small, hand-made catalogues for tests (exact names, known answers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from rammedesk.config import resolve_location
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
from rammedesk.services.database import open_store
from rammedesk.storage import tables as t
from rammedesk.storage.store import Store


@dataclass
class Line:
    ydelse: str
    amounts: dict[int, Decimal | None]  # year → amount (None: individuel pris)
    enhed: Enhed = Enhed.DOEGN
    art: TakstArt = TakstArt.SAMLET
    niveau: str | None = None


@dataclass
class Afd:
    navn: str
    paragraffer: dict[str, int] = field(default_factory=dict)  # paragraf id → pladser
    maalgrupper: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    beskrivelse: str = ""


@dataclass
class Tilb:
    navn: str
    kommune: int
    afdelinger: list[Afd]
    driftsherre: str = "Testkommune"
    art: DriftsherreArt = DriftsherreArt.KOMMUNAL
    beskrivelse: str = ""


def build(store: Store, tilbud: list[Tilb], years: range = range(2024, 2027)) -> dict[str, int]:
    """Insert ``tilbud``; returns afdeling name → afdeling id."""
    ids: dict[str, int] = {}
    with store.unit_of_work() as repos:
        s = repos.session
        batch = t.ImportBatch(
            kind=BatchKind.MANUEL,
            kilde="Test",
            as_of=date(2026, 1, 15),
            importeret=datetime(2026, 1, 15, 12, 0),
        )
        s.add(batch)
        s.flush()
        for tb in tilbud:
            dh = t.Driftsherre(navn=tb.driftsherre, art=tb.art)
            s.add(dh)
            s.flush()
            row = t.Tilbud(
                navn=tb.navn,
                driftsherre_id=dh.id,
                kommune_kode=tb.kommune,
                tilbudsform=Tilbudsform.DOEGN,
                beskrivelse=tb.beskrivelse,
                import_batch_id=batch.id,
            )
            s.add(row)
            s.flush()
            for afd in tb.afdelinger:
                a = t.Afdeling(
                    tilbud_id=row.id,
                    navn=afd.navn,
                    tilbudsform=Tilbudsform.DOEGN,
                    beskrivelse=afd.beskrivelse,
                    import_batch_id=batch.id,
                )
                s.add(a)
                s.flush()
                ids[afd.navn] = a.id
                for year in years:
                    for i, (p_id, pladser) in enumerate(afd.paragraffer.items()):
                        s.add(
                            t.AfdelingParagraf(
                                afdeling_id=a.id,
                                paragraf_id=p_id,
                                aar=year,
                                pladser=pladser,
                                primaer=i == 0,
                                import_batch_id=batch.id,
                            )
                        )
                for m_id in afd.maalgrupper:
                    s.add(t.AfdelingMaalgruppe(afdeling_id=a.id, maalgruppe_id=m_id))
                for line in afd.lines:
                    y = t.Ydelse(afdeling_id=a.id, navn=line.ydelse, niveau=line.niveau)
                    s.add(y)
                    s.flush()
                    for year, amount in line.amounts.items():
                        s.add(
                            t.Takst(
                                ydelse_id=y.id,
                                aar=year,
                                beloeb=amount,
                                individuel_pris=amount is None,
                                enhed=line.enhed,
                                art=line.art,
                                moms_basis=MomsBasis.INKL,
                                finansiering=Finansiering.TAKST,
                                status=TakstStatus.ENDELIG,
                                import_batch_id=batch.id,
                            )
                        )
    return ids


def open_test_store(path: Path) -> Store:
    return open_store(resolve_location(str(path)))
