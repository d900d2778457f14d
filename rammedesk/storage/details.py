"""Load one tilbud with everything under it, as domain values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from rammedesk.domain.details import (
    AfdelingDetails,
    BelaegningLine,
    PladsLine,
    Source,
    TakstLine,
    TilbudDetails,
    YdelseDetails,
)
from rammedesk.storage import tables as t
from rammedesk.storage.search_index import paragraf_sort_key


def _source(batch: t.ImportBatch) -> Source:
    return Source(batch.id, batch.kind.value, batch.kilde, batch.filnavn, batch.as_of)


def load_tilbud(session: Session, tilbud_id: int) -> TilbudDetails | None:
    tilbud = session.get(t.Tilbud, tilbud_id)
    if tilbud is None:
        return None
    batches = {b.id: _source(b) for b in session.scalars(select(t.ImportBatch))}
    paragraf_label = dict(session.execute(select(t.Paragraf.id, t.Paragraf.label)).all())
    maalgruppe_label = dict(session.execute(select(t.Maalgruppe.id, t.Maalgruppe.label)).all())
    afdelinger = []
    for afd in sorted(tilbud.afdelinger, key=lambda a: a.id):
        pladser = tuple(
            PladsLine(
                r.paragraf_id, paragraf_label.get(r.paragraf_id, r.paragraf_id), r.aar, r.pladser, r.primaer
            )
            for r in session.scalars(
                select(t.AfdelingParagraf)
                .where(t.AfdelingParagraf.afdeling_id == afd.id)
                .order_by(
                    t.AfdelingParagraf.aar, t.AfdelingParagraf.primaer.desc(), t.AfdelingParagraf.paragraf_id
                )
            )
        )
        maalgrupper = tuple(
            (m_id, maalgruppe_label.get(m_id, m_id))
            for m_id in session.scalars(
                select(t.AfdelingMaalgruppe.maalgruppe_id)
                .where(t.AfdelingMaalgruppe.afdeling_id == afd.id)
                .order_by(t.AfdelingMaalgruppe.maalgruppe_id)
            )
        )
        ydelser = []
        for y in session.scalars(
            select(t.Ydelse).where(t.Ydelse.afdeling_id == afd.id).order_by(t.Ydelse.id)
        ):
            takster = tuple(
                TakstLine(
                    k.aar,
                    k.beloeb,
                    k.enhed.value,
                    k.art.value,
                    k.status.value,
                    k.finansiering.value,
                    k.moms_basis.value,
                    batches[k.import_batch_id],
                )
                for k in session.scalars(
                    select(t.Takst).where(t.Takst.ydelse_id == y.id).order_by(t.Takst.aar, t.Takst.art)
                )
            )
            more = session.scalars(
                select(t.YdelseParagraf.paragraf_id).where(t.YdelseParagraf.ydelse_id == y.id)
            )
            ids = [y.paragraf_id] if y.paragraf_id else []
            ids += sorted(more, key=paragraf_sort_key)
            paragraf = ", ".join(paragraf_label.get(p, p) for p in ids) or None
            ydelser.append(YdelseDetails(y.id, y.navn, y.niveau, paragraf, takster))
        belaegning = tuple(
            BelaegningLine(b.aar, b.budgetteret_pct, b.faktisk_pct)
            for b in session.scalars(
                select(t.Belaegning).where(t.Belaegning.afdeling_id == afd.id).order_by(t.Belaegning.aar)
            )
        )
        afdelinger.append(
            AfdelingDetails(
                afd.id,
                afd.navn,
                afd.tilbudsform.value,
                afd.beskrivelse,
                afd.tp_afdelingsid,
                pladser,
                maalgrupper,
                tuple(ydelser),
                belaegning,
            )
        )
    dh = tilbud.driftsherre
    return TilbudDetails(
        id=tilbud.id,
        navn=tilbud.navn,
        kommune=tilbud.kommune.navn,
        kommune_kode=tilbud.kommune_kode,
        region=tilbud.kommune.region.navn,
        driftsherre=dh.navn,
        driftsherre_art=dh.art.value,
        tilbudsform=tilbud.tilbudsform.value,
        beskrivelse=tilbud.beskrivelse,
        tp_tilbudsid=tilbud.tp_tilbudsid,
        adresse=tilbud.adresse,
        postnr=tilbud.postnr,
        by=tilbud.by,
        telefon=tilbud.telefon,
        email=tilbud.email,
        web=tilbud.web,
        cvr=tilbud.cvr,
        p_nummer=tilbud.p_nummer,
        landsdaekkende=tilbud.landsdaekkende,
        sikret=tilbud.sikret,
        source=batches[tilbud.import_batch_id],
        afdelinger=tuple(afdelinger),
    )
