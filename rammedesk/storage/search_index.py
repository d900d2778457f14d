"""Rebuild the search index (search_doc, search_facet, search_fts) from the catalogue.

Runs inside the caller's transaction, so an import and its index change commit together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, delete, func, insert, select, text
from sqlalchemy.orm import Session

from rammedesk.domain.collation import danish_sort_string
from rammedesk.domain.folding import folded_text
from rammedesk.domain.search import PLADS_BUCKETS, TAKST_BUCKETS, bucket
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt, Enhed, TakstArt
from rammedesk.storage import tables as t
from rammedesk.storage.search_sql import FTS_CREATE

COMPARABLE_UNITS = {Enhed.DOEGN.value, Enhed.DAG.value}
CHILD_LAWS = {"BL"}
ADULT_PARAGRAFFER = {
    "SEL_103",
    "SEL_104",
    "SEL_107",
    "SEL_108",
    "SEL_85",
    "SEL_109",
    "SEL_110",
    "SEL_101",
    "SEL_101a",
    "SUL_141",
    "ABL_105_2",
}
CHUNK = 5000


@dataclass
class _Doc:
    afdeling_id: int
    tilbud_id: int
    tilbud: str
    afdeling: str
    kommune_kode: int
    kommune: str
    region_kode: int
    region: str
    driftsherre: str
    driftsherre_art: str
    beskrivelse: str
    paragraffer: list[tuple[str, int, bool]] = field(default_factory=list)  # id, pladser, primær
    maalgrupper: list[str] = field(default_factory=list)
    takst: tuple[Decimal | None, str, int, bool] | None = None  # beløb, enhed, år, individuel


def _load_docs(session: Session) -> dict[int, _Doc]:
    rows = session.execute(
        select(
            t.Afdeling.id,
            t.Tilbud.id,
            t.Tilbud.navn,
            t.Afdeling.navn,
            t.Kommune.kode,
            t.Kommune.navn,
            t.Region.kode,
            t.Region.navn,
            t.Driftsherre.navn,
            t.Driftsherre.art,
            t.Tilbud.beskrivelse,
            t.Afdeling.beskrivelse,
        )
        .join(t.Tilbud, t.Tilbud.id == t.Afdeling.tilbud_id)
        .join(t.Kommune, t.Kommune.kode == t.Tilbud.kommune_kode)
        .join(t.Region, t.Region.kode == t.Kommune.region_kode)
        .join(t.Driftsherre, t.Driftsherre.id == t.Tilbud.driftsherre_id)
    )
    docs = {}
    for a_id, t_id, t_navn, a_navn, k_kode, k_navn, r_kode, r_navn, d_navn, d_art, t_b, a_b in rows:
        docs[a_id] = _Doc(
            a_id,
            t_id,
            t_navn,
            a_navn,
            k_kode,
            k_navn,
            r_kode,
            r_navn,
            d_navn,
            DriftsherreArt(d_art).value,
            f"{t_b or ''} {a_b or ''}",
        )
    return docs


def _load_paragraffer(session: Session, docs: dict[int, _Doc], year: int) -> None:
    ap = t.AfdelingParagraf
    newest = (
        select(ap.afdeling_id, func.max(ap.aar).label("aar"))
        .where(ap.aar <= year)
        .group_by(ap.afdeling_id)
        .subquery()
    )
    rows = session.execute(
        select(ap.afdeling_id, ap.paragraf_id, ap.pladser, ap.primaer)
        .join(newest, (newest.c.afdeling_id == ap.afdeling_id) & (newest.c.aar == ap.aar))
        .order_by(ap.afdeling_id, ap.primaer.desc(), ap.paragraf_id)
    )
    for afdeling_id, paragraf_id, pladser, primaer in rows:
        if afdeling_id in docs:
            docs[afdeling_id].paragraffer.append((paragraf_id, pladser, primaer))


def _load_ydelse_paragraffer(session: Session, docs: dict[int, _Doc]) -> None:
    """Paragraffer named only on takst lines (an imported takstfil gives no places)."""
    first = select(t.Ydelse.afdeling_id, t.Ydelse.paragraf_id).where(t.Ydelse.paragraf_id.is_not(None))
    more = select(t.Ydelse.afdeling_id, t.YdelseParagraf.paragraf_id).join(
        t.YdelseParagraf, t.YdelseParagraf.ydelse_id == t.Ydelse.id
    )
    rows = session.execute(first.union(more).order_by("afdeling_id"))  # union: distinct pairs
    for afdeling_id, paragraf_id in rows:
        doc = docs.get(afdeling_id)
        if doc is not None and paragraf_id and all(p != paragraf_id for p, _n, _prim in doc.paragraffer):
            doc.paragraffer.append((paragraf_id, 0, False))


def _load_maalgrupper(session: Session, docs: dict[int, _Doc]) -> None:
    rows = session.execute(select(t.AfdelingMaalgruppe.afdeling_id, t.AfdelingMaalgruppe.maalgruppe_id))
    for afdeling_id, maalgruppe_id in rows:
        if afdeling_id in docs:
            docs[afdeling_id].maalgrupper.append(maalgruppe_id)


def _load_main_takst(session: Session, docs: dict[int, _Doc], year: int) -> None:
    """The main line: kind samlet (else basis), lowest niveau, of the latest year <= ``year``."""
    kind_rank = case((t.Takst.art == TakstArt.SAMLET, 0), else_=1)
    ranked = (
        select(
            t.Ydelse.afdeling_id,
            t.Takst.beloeb,
            t.Takst.enhed,
            t.Takst.aar,
            t.Takst.individuel_pris,
            func.row_number()
            .over(
                partition_by=t.Ydelse.afdeling_id,
                order_by=(t.Takst.aar.desc(), kind_rank, t.Ydelse.niveau, t.Ydelse.id),
            )
            .label("rn"),
        )
        .join(t.Ydelse, t.Ydelse.id == t.Takst.ydelse_id)
        .where(
            t.Takst.art.in_([TakstArt.SAMLET, TakstArt.BASIS]), (t.Takst.aar + 0) <= year
        )  # + 0: scan, not the aar index
        .subquery()
    )
    rows = session.execute(
        select(
            ranked.c.afdeling_id, ranked.c.beloeb, ranked.c.enhed, ranked.c.aar, ranked.c.individuel_pris
        ).where(ranked.c.rn == 1)
    )
    for afdeling_id, beloeb, enhed, aar, individuel in rows:
        if afdeling_id in docs:
            docs[afdeling_id].takst = (beloeb, Enhed(enhed).value, aar, bool(individuel))


def rebuild_search_index(session: Session, year: int) -> int:
    """Replace the whole index. Returns the number of indexed afdelinger."""
    docs = _load_docs(session)
    _load_paragraffer(session, docs, year)
    _load_ydelse_paragraffer(session, docs)
    _load_maalgrupper(session, docs)
    _load_main_takst(session, docs, year)
    paragraf_rows = session.execute(
        select(t.Paragraf.id, t.Paragraf.lov, t.Paragraf.label, t.Paragraf.beskrivelse)
    ).all()
    paragraf_text = {p_id: f"{label} {p_id} {beskr}" for p_id, _lov, label, beskr in paragraf_rows}
    paragraf_lov = {p_id: lov for p_id, lov, _l, _b in paragraf_rows}
    maalgrupper = {
        m_id: (label, Aldersgruppe(alder))
        for m_id, label, alder in session.execute(
            select(t.Maalgruppe.id, t.Maalgruppe.label, t.Maalgruppe.aldersgruppe)
        )
    }
    art_label = {a.value: a.label for a in DriftsherreArt}

    session.execute(delete(t.SearchFacet))
    session.execute(delete(t.SearchDoc))
    fts = session.get_bind().dialect.name == "sqlite"
    if fts:
        # Emptying an FTS5 table row by row takes seconds; dropping and re-creating is instant.
        session.execute(text("DROP TABLE search_fts"))
        session.execute(text(FTS_CREATE))

    doc_rows: list[dict[str, object]] = []
    facet_rows: list[dict[str, object]] = []
    fts_rows: list[tuple[object, ...]] = []
    ordered = sorted(
        docs.values(), key=lambda d: (danish_sort_string(f"{d.tilbud} {d.afdeling}"), d.afdeling_id)
    )
    for pos, doc in enumerate(ordered, start=1):
        takst = doc.takst
        comparable = takst[0] if takst and takst[1] in COMPARABLE_UNITS else None
        pladser = sum(p for _id, p, _prim in doc.paragraffer) or None
        primary = doc.paragraffer[0][0] if doc.paragraffer else None
        doc_rows.append(
            {
                "pos": pos,
                "afdeling_id": doc.afdeling_id,
                "tilbud_id": doc.tilbud_id,
                "tilbud": doc.tilbud,
                "afdeling": doc.afdeling,
                "kommune_kode": doc.kommune_kode,
                "region_kode": doc.region_kode,
                "driftsherre_art": doc.driftsherre_art,
                "kommune_sort": danish_sort_string(doc.kommune),
                "paragraf_sort": paragraf_sort_key(primary),
                "takst_beloeb": takst[0] if takst else None,
                "takst_enhed": takst[1] if takst else None,
                "takst_aar": takst[2] if takst else None,
                "takst_individuel": takst[3] if takst else False,
                "takst_sammenlignelig": comparable,
                "pladser": pladser,
            }
        )
        values: set[tuple[str, str]] = {
            ("region", str(doc.region_kode)),
            ("kommune", str(doc.kommune_kode)),
            ("driftsherre", doc.driftsherre_art),
        }
        for p_id, _pl, _prim in doc.paragraffer:
            values.add(("paragraf", p_id))
            if paragraf_lov.get(p_id) in CHILD_LAWS:
                values.add(("alder", Aldersgruppe.BOERN_UNGE.value))
            elif p_id in ADULT_PARAGRAFFER:
                values.add(("alder", Aldersgruppe.VOKSNE.value))
        for m_id in doc.maalgrupper:
            values.add(("maalgruppe", m_id))
            alder = maalgrupper[m_id][1]
            if alder == Aldersgruppe.ALLE:
                values.update({("alder", "boern_unge"), ("alder", "voksne")})
            else:
                values.add(("alder", alder.value))
        if comparable is not None and (b := bucket(TAKST_BUCKETS, comparable)):
            values.add(("takst", b))
        if pladser and (b := bucket(PLADS_BUCKETS, pladser)):
            values.add(("pladser", b))
        facet_rows.extend({"pos": pos, "facet": f, "value": v} for f, v in values)
        if fts:
            fts_rows.append(
                (
                    pos,
                    folded_text(doc.tilbud, doc.afdeling),
                    folded_text(doc.driftsherre, art_label[doc.driftsherre_art]),
                    folded_text(doc.kommune),
                    folded_text(doc.region),
                    folded_text(*(paragraf_text.get(p, p) for p, _pl, _pr in doc.paragraffer)),
                    folded_text(*(maalgrupper[m][0] for m in doc.maalgrupper)),
                    folded_text(doc.beskrivelse),
                )
            )
    for start in range(0, len(doc_rows), CHUNK):
        session.execute(insert(t.SearchDoc), doc_rows[start : start + CHUNK])
    if not facet_rows:
        pass  # an empty catalogue (the driver refuses an empty executemany)
    elif fts:
        # Plain values: straight to the driver, skipping SQLAlchemy's per-row parameter work.
        session.connection().exec_driver_sql(
            "INSERT INTO search_facet (pos, facet, value) VALUES (?, ?, ?)",
            [(r["pos"], r["facet"], r["value"]) for r in facet_rows],
        )
    else:
        session.execute(insert(t.SearchFacet), facet_rows)
    if fts_rows:
        session.connection().exec_driver_sql(
            "INSERT INTO search_fts (rowid, navn, driftsherre, kommune, region, paragraf, "
            "maalgruppe, beskrivelse) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            fts_rows,
        )
    return len(doc_rows)


def paragraf_sort_key(paragraf_id: str | None) -> str:
    """Sort SEL_85 before SEL_108: law, then the number zero-padded."""
    if not paragraf_id:
        return "~"
    parts = paragraf_id.split("_")
    number = "".join(ch for ch in parts[1] if ch.isdigit()) if len(parts) > 1 else ""
    rest = parts[1][len(number) :] if len(parts) > 1 else ""
    return f"{parts[0]}_{number.zfill(4)}{rest}_{'_'.join(parts[2:])}"
