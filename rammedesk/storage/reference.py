"""Upsert the reference data into a database (idempotent)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from rammedesk.domain.reference import ReferenceData
from rammedesk.storage.tables import Kommune, Maalgruppe, Paragraf, Region


def upsert_reference_data(session: Session, data: ReferenceData) -> None:
    for region in data.regioner:
        session.merge(Region(**asdict(region)))
    session.flush()
    for kommune in data.kommuner:
        session.merge(Kommune(**asdict(kommune)))
    for paragraf in data.paragraffer:
        session.merge(Paragraf(**asdict(paragraf)))
    for maalgruppe in data.maalgrupper:
        session.merge(Maalgruppe(**asdict(maalgruppe)))
