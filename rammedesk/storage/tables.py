"""ORM tables (SQLAlchemy 2 typed declarative). ORM objects never leave storage/."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.vocab import (
    Aldersgruppe,
    BatchKind,
    DriftsherreArt,
    Enhed,
    Finansiering,
    MomsBasis,
    TakstArt,
    TakstStatus,
    Tilbudsform,
)
from rammedesk.storage.types import Money, Percent, ScaledDecimal

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _vocab(enum: type[StrEnum], name: str) -> Enum:
    """A vocabulary column: VARCHAR with a CHECK of the ASCII identifiers (portable)."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Region(Base):
    __tablename__ = "region"
    kode: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    navn: Mapped[str] = mapped_column(String(100))


class Kommune(Base):
    __tablename__ = "kommune"
    kode: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    navn: Mapped[str] = mapped_column(String(100))
    region_kode: Mapped[int] = mapped_column(ForeignKey("region.kode"), index=True)
    region: Mapped[Region] = relationship()


class Paragraf(Base):
    """Legal basis, e.g. id SEL_108, label "SEL § 108"."""

    __tablename__ = "paragraf"
    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    lov: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[str] = mapped_column(String(10))
    stk: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(60))
    beskrivelse: Mapped[str] = mapped_column(String(300))
    i_rammeaftale: Mapped[bool] = mapped_column(Boolean)  # in the rammeaftale's scope
    historisk: Mapped[bool] = mapped_column(Boolean)  # valid only on older takst lines


class Maalgruppe(Base):
    """One entry of a versioned målgruppe vocabulary (DOMAIN.md §3.4)."""

    __tablename__ = "maalgruppe"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    vokabular: Mapped[str] = mapped_column(String(40), index=True)
    kode: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(300))
    aldersgruppe: Mapped[Aldersgruppe] = mapped_column(_vocab(Aldersgruppe, "aldersgruppe"))


class ImportBatch(Base):
    """Provenance of data: every takst points to the batch that brought it."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[BatchKind] = mapped_column(_vocab(BatchKind, "batch_kind"), index=True)
    kilde: Mapped[str] = mapped_column(String(200))  # source: sender / publisher
    filnavn: Mapped[str | None] = mapped_column(String(400))
    sha256: Mapped[str | None] = mapped_column(String(64))
    ark: Mapped[str | None] = mapped_column(String(200))  # sheet
    mapping_json: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[date] = mapped_column(Date)  # data as of this date
    importeret: Mapped[datetime] = mapped_column(DateTime)


class Driftsherre(Base):
    __tablename__ = "driftsherre"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navn: Mapped[str] = mapped_column(String(200))
    art: Mapped[DriftsherreArt] = mapped_column(_vocab(DriftsherreArt, "driftsherre_art"))
    kommune_kode: Mapped[int | None] = mapped_column(ForeignKey("kommune.kode"), index=True)
    region_kode: Mapped[int | None] = mapped_column(ForeignKey("region.kode"), index=True)
    cvr: Mapped[str | None] = mapped_column(String(8))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)


class Tilbud(Base):
    __tablename__ = "tilbud"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navn: Mapped[str] = mapped_column(String(300))
    driftsherre_id: Mapped[int] = mapped_column(ForeignKey("driftsherre.id"), index=True)
    kommune_kode: Mapped[int] = mapped_column(ForeignKey("kommune.kode"), index=True)
    tp_tilbudsid: Mapped[int | None] = mapped_column(Integer, unique=True)
    tilbudsform: Mapped[Tilbudsform] = mapped_column(_vocab(Tilbudsform, "tilbudsform"))
    beskrivelse: Mapped[str] = mapped_column(Text, default="")
    adresse: Mapped[str | None] = mapped_column(String(200))
    postnr: Mapped[int | None] = mapped_column(Integer)
    by: Mapped[str | None] = mapped_column(String(100))
    telefon: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    web: Mapped[str | None] = mapped_column(String(300))
    cvr: Mapped[str | None] = mapped_column(String(8))
    p_nummer: Mapped[str | None] = mapped_column(String(10))
    landsdaekkende: Mapped[bool] = mapped_column(Boolean, default=False)
    sikret: Mapped[bool] = mapped_column(Boolean, default=False)
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)

    driftsherre: Mapped[Driftsherre] = relationship()
    kommune: Mapped[Kommune] = relationship()
    afdelinger: Mapped[list[Afdeling]] = relationship(back_populates="tilbud")


class Afdeling(Base):
    __tablename__ = "afdeling"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tilbud_id: Mapped[int] = mapped_column(ForeignKey("tilbud.id", ondelete="CASCADE"), index=True)
    navn: Mapped[str] = mapped_column(String(300))
    tp_afdelingsid: Mapped[int | None] = mapped_column(Integer, unique=True)
    tilbudsform: Mapped[Tilbudsform] = mapped_column(_vocab(Tilbudsform, "tilbudsform"))
    beskrivelse: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)

    tilbud: Mapped[Tilbud] = relationship(back_populates="afdelinger")


class AfdelingMaalgruppe(Base):
    __tablename__ = "afdeling_maalgruppe"
    afdeling_id: Mapped[int] = mapped_column(ForeignKey("afdeling.id", ondelete="CASCADE"), primary_key=True)
    maalgruppe_id: Mapped[str] = mapped_column(ForeignKey("maalgruppe.id"), primary_key=True, index=True)


class AfdelingParagraf(Base):
    """Places (pladser) an afdeling has under a paragraf in a year."""

    __tablename__ = "afdeling_paragraf"
    __table_args__ = (UniqueConstraint("afdeling_id", "paragraf_id", "aar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afdeling_id: Mapped[int] = mapped_column(ForeignKey("afdeling.id", ondelete="CASCADE"))
    paragraf_id: Mapped[str] = mapped_column(ForeignKey("paragraf.id"), index=True)
    aar: Mapped[int] = mapped_column(Integer)
    pladser: Mapped[int] = mapped_column(Integer)
    primaer: Mapped[bool] = mapped_column(Boolean, default=False)  # the juridisk grundlag
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)


class Ydelse(Base):
    """A service line of an afdeling (e.g. "Døgnophold niveau 2", "Ekstra støtte 1:1")."""

    __tablename__ = "ydelse"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afdeling_id: Mapped[int] = mapped_column(ForeignKey("afdeling.id", ondelete="CASCADE"), index=True)
    navn: Mapped[str] = mapped_column(String(300))
    niveau: Mapped[str | None] = mapped_column(String(40))
    paragraf_id: Mapped[str | None] = mapped_column(ForeignKey("paragraf.id"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)


class YdelseParagraf(Base):
    """A further paragraf of a ydelse, beyond ``Ydelse.paragraf_id`` (the first one the takstfil
    names: "§§ 107/108" → 107 there, 108 here), so a search by paragraf finds it."""

    __tablename__ = "ydelse_paragraf"
    ydelse_id: Mapped[int] = mapped_column(ForeignKey("ydelse.id", ondelete="CASCADE"), primary_key=True)
    paragraf_id: Mapped[str] = mapped_column(ForeignKey("paragraf.id"), primary_key=True, index=True)


class Takst(Base):
    """The price of a ydelse in a year. ``beloeb`` is None exactly when individuel_pris."""

    __tablename__ = "takst"
    __table_args__ = (
        UniqueConstraint("ydelse_id", "aar", "art"),
        Index("ix_takst_aar_beloeb", "aar", "beloeb"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ydelse_id: Mapped[int] = mapped_column(ForeignKey("ydelse.id", ondelete="CASCADE"))
    aar: Mapped[int] = mapped_column(Integer)
    beloeb: Mapped[Decimal | None] = mapped_column(Money())
    individuel_pris: Mapped[bool] = mapped_column(Boolean, default=False)
    enhed: Mapped[Enhed] = mapped_column(_vocab(Enhed, "enhed"))
    art: Mapped[TakstArt] = mapped_column(_vocab(TakstArt, "takst_art"))
    moms_basis: Mapped[MomsBasis] = mapped_column(_vocab(MomsBasis, "moms_basis"))
    finansiering: Mapped[Finansiering] = mapped_column(_vocab(Finansiering, "finansiering"))
    status: Mapped[TakstStatus] = mapped_column(_vocab(TakstStatus, "takst_status"))
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)


class Belaegning(Base):
    """Occupancy: the budgeted % (the takst divisor) and the actual % per year."""

    __tablename__ = "belaegning"
    __table_args__ = (UniqueConstraint("afdeling_id", "aar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afdeling_id: Mapped[int] = mapped_column(ForeignKey("afdeling.id", ondelete="CASCADE"))
    aar: Mapped[int] = mapped_column(Integer)
    budgetteret_pct: Mapped[Decimal | None] = mapped_column(Percent())
    faktisk_pct: Mapped[Decimal | None] = mapped_column(Percent())
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)


class PlSats(Base):
    """Price/wage uplift: the rate in % of ``aar`` over the previous year. User-editable."""

    __tablename__ = "pl_sats"
    aar: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sats_pct: Mapped[Decimal] = mapped_column(Percent())
    kilde: Mapped[str] = mapped_column(String(200))
    dato: Mapped[date] = mapped_column(Date)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Befolkning(Base):
    """Population of a kommune in a year (imported, e.g. DST FOLK1A), for sharing by population."""

    __tablename__ = "befolkning"
    kommunekode: Mapped[int] = mapped_column(
        ForeignKey("kommune.kode"), primary_key=True, autoincrement=False
    )
    aar: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    indbyggere: Mapped[int] = mapped_column(Integer)


class AppSetting(Base):
    """Per-database settings (import limits, remembered choices); values are JSON text."""

    __tablename__ = "app_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SearchDoc(Base):
    """One searchable afdeling, denormalised for filters, sorting and the hit list.

    Rebuilt from the catalogue by storage.search_index whenever the catalogue changes. ``pos``
    numbers the afdelinger in Danish name order and is also the rowid of the FTS5 table
    ``search_fts`` (created by migration), so FTS results stream out already in name order.
    """

    __tablename__ = "search_doc"
    pos: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    afdeling_id: Mapped[int] = mapped_column(ForeignKey("afdeling.id", ondelete="CASCADE"), unique=True)
    tilbud_id: Mapped[int] = mapped_column(Integer, index=True)
    tilbud: Mapped[str] = mapped_column(String(300))
    afdeling: Mapped[str] = mapped_column(String(300))
    kommune_kode: Mapped[int] = mapped_column(Integer, index=True)
    region_kode: Mapped[int] = mapped_column(Integer, index=True)
    driftsherre_art: Mapped[str] = mapped_column(String(20))
    kommune_sort: Mapped[str] = mapped_column(String(100))
    paragraf_sort: Mapped[str] = mapped_column(String(60))
    takst_beloeb: Mapped[Decimal | None] = mapped_column(Money())
    takst_enhed: Mapped[str | None] = mapped_column(String(20))
    takst_aar: Mapped[int | None] = mapped_column(Integer)
    takst_individuel: Mapped[bool] = mapped_column(Boolean, default=False)
    takst_sammenlignelig: Mapped[Decimal | None] = mapped_column(Money())  # døgn/dag only
    pladser: Mapped[int | None] = mapped_column(Integer)


class SearchFacet(Base):
    """Facet values of a search_doc row: (facet, value) pairs, several per facet allowed."""

    __tablename__ = "search_facet"
    pos: Mapped[int] = mapped_column(ForeignKey("search_doc.pos", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)


# Facet-only searches scan one facet value's rows in pos (name) order.
Index("ix_search_facet_facet_value_pos", SearchFacet.facet, SearchFacet.value, SearchFacet.pos)


class Shortlist(Base):
    """A named list of afdelinger (favourites are the list with ``favoritter`` set)."""

    __tablename__ = "shortlist"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navn: Mapped[str] = mapped_column(String(200), unique=True)
    favoritter: Mapped[bool] = mapped_column(Boolean, default=False)
    oprettet: Mapped[datetime] = mapped_column(DateTime)


class ShortlistEntry(Base):
    __tablename__ = "shortlist_entry"
    shortlist_id: Mapped[int] = mapped_column(
        ForeignKey("shortlist.id", ondelete="CASCADE"), primary_key=True
    )
    afdeling_id: Mapped[int] = mapped_column(
        ForeignKey("afdeling.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    tilfoejet: Mapped[datetime] = mapped_column(DateTime)


class SavedSearch(Base):
    """A named query with its facets and sort order."""

    __tablename__ = "saved_search"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navn: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
    facets_json: Mapped[str] = mapped_column(Text)
    sort: Mapped[str] = mapped_column(String(20))
    descending: Mapped[bool] = mapped_column(Boolean, default=False)
    oprettet: Mapped[datetime] = mapped_column(DateTime)


class TakstBefore(Base):
    """A takst as it was before an import changed it, so undo restores it exactly."""

    __tablename__ = "takst_before"
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True)
    takst_id: Mapped[int] = mapped_column(ForeignKey("takst.id", ondelete="CASCADE"), primary_key=True)
    beloeb: Mapped[Decimal | None] = mapped_column(Money())
    individuel_pris: Mapped[bool] = mapped_column(Boolean)
    enhed: Mapped[Enhed] = mapped_column(_vocab(Enhed, "enhed"))
    moms_basis: Mapped[MomsBasis] = mapped_column(_vocab(MomsBasis, "moms_basis"))
    finansiering: Mapped[Finansiering] = mapped_column(_vocab(Finansiering, "finansiering"))
    status: Mapped[TakstStatus] = mapped_column(_vocab(TakstStatus, "takst_status"))
    import_batch_id: Mapped[int] = mapped_column(Integer)  # the batch that had brought it


class TilbudBefore(Base):
    """A tilbud's CVR, P-nummer and telefon as they were before an import changed them, so undo
    restores them exactly (the tilbud itself stays: an import never deletes one it did not make)."""

    __tablename__ = "tilbud_before"
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True)
    tilbud_id: Mapped[int] = mapped_column(ForeignKey("tilbud.id", ondelete="CASCADE"), primary_key=True)
    cvr: Mapped[str | None] = mapped_column(String(8))
    p_nummer: Mapped[str | None] = mapped_column(String(10))
    telefon: Mapped[str | None] = mapped_column(String(20))


class ImportMapping(Base):
    """The column mapping last used for a source, so next year's file maps itself."""

    __tablename__ = "import_mapping"
    kilde: Mapped[str] = mapped_column(String(200), primary_key=True)
    mapping_json: Mapped[str] = mapped_column(Text)
    opdateret: Mapped[datetime] = mapped_column(DateTime)


class Portfolio(Base):
    """A municipality's placement portfolio; til-/afgang assumptions as JSON (see scenario_json)."""

    __tablename__ = "portfolio"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    navn: Mapped[str] = mapped_column(String(200), unique=True)
    kommune: Mapped[str] = mapped_column(String(100), default="")
    antagelser_json: Mapped[str] = mapped_column(Text, default="{}")
    kilde: Mapped[str] = mapped_column(String(300), default="")  # the imported file, if any
    opdateret: Mapped[datetime] = mapped_column(DateTime)


class PortfolioPlacement(Base):
    """One placement, referenced by case number only (never a CPR number or a name)."""

    __tablename__ = "portfolio_placement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolio.id", ondelete="CASCADE"), index=True)
    sagsnummer: Mapped[str] = mapped_column(String(200), index=True)
    tilbud_navn: Mapped[str] = mapped_column(String(200), default="")
    tilbud_id: Mapped[int | None] = mapped_column(Integer)  # catalogue ids, kept when a tilbud goes
    afdeling_id: Mapped[int | None] = mapped_column(Integer)
    driftsherre: Mapped[str] = mapped_column(String(200), default="")
    paragraf: Mapped[str] = mapped_column(String(200), default="")
    maalgruppe: Mapped[str] = mapped_column(String(200), default="")
    gruppe: Mapped[str] = mapped_column(String(200), default="")
    takst: Mapped[Decimal] = mapped_column(Money())
    enhed: Mapped[Enhed] = mapped_column(_vocab(Enhed, "enhed"))
    takst_aar: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)
    slut: Mapped[date | None] = mapped_column(Date)
    opsigelse_givet: Mapped[date | None] = mapped_column(Date)
    varsel_dage: Mapped[int] = mapped_column(Integer, default=0)
    tillaeg_timesats: Mapped[Decimal] = mapped_column(Money())
    tillaeg_timer_pr_uge: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    egenbetaling_maaned: Mapped[Decimal] = mapped_column(Money())


class PortfolioBudget(Base):
    """A yearly budget for one group of a portfolio."""

    __tablename__ = "portfolio_budget"
    __table_args__ = (UniqueConstraint("portfolio_id", "dimension", "gruppe", "aar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolio.id", ondelete="CASCADE"), index=True)
    dimension: Mapped[Dimension] = mapped_column(_vocab(Dimension, "dimension"))
    gruppe: Mapped[str] = mapped_column(String(200))
    aar: Mapped[int] = mapped_column(Integer)
    beloeb: Mapped[Decimal] = mapped_column(Money())


class PortfolioScenario(Base):
    """A named scenario: the scenario file's JSON document (docs/cli.md)."""

    __tablename__ = "portfolio_scenario"
    __table_args__ = (UniqueConstraint("portfolio_id", "navn"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolio.id", ondelete="CASCADE"), index=True)
    navn: Mapped[str] = mapped_column(String(200))
    scenarie_json: Mapped[str] = mapped_column(Text)
    opdateret: Mapped[datetime] = mapped_column(DateTime)
