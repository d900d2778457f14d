"""A takstfil (tariff workbook) as read: the rows to store, the rows refused, the mapping.

Readers in fileio/ produce a ``ParsedTakstfil``; services/imports.py matches its rows to the
catalogue and applies them. Row and column numbers are as Excel shows them (row 1 = the first
row of the sheet, column "A").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from rammedesk.domain.vocab import Enhed, Finansiering, MomsBasis, TakstArt, TakstStatus


class Field(StrEnum):
    """What a column holds. ``IGNORE`` columns are read by nobody."""

    TILBUD = "tilbud"
    AFDELING = "afdeling"
    YDELSE = "ydelse"
    NIVEAU = "niveau"
    PARAGRAF = "paragraf"
    ENHED = "enhed"
    BELOEB = "beloeb"  # an amount; with a year in ColumnMapping.years when years sit side by side
    BASISTAKST = "basistakst"  # a basis amount column beside a ydelsestakst column
    YDELSESTAKST = "ydelsestakst"
    AAR = "aar"
    ART = "art"  # takst kind: samlet/basis/ydelse/tillaeg
    KOMMUNE = "kommune"  # beliggenhedskommune: name or kommunekode
    DRIFTSHERRE = "driftsherre"
    TP_TILBUDSID = "tp_tilbudsid"
    TP_AFDELINGSID = "tp_afdelingsid"
    CVR = "cvr"
    P_NUMMER = "p_nummer"
    TELEFON = "telefon"
    PLADSER = "pladser"
    STATUS = "status"
    FINANSIERING = "finansiering"
    MOMS = "moms"
    IGNORE = "ignore"


# The longest name the catalogue stores per field (the tables' column sizes; PostgreSQL enforces
# them): a longer one refuses its row rather than failing the whole apply.
NAME_MAX_CHARS = {
    Field.TILBUD: 300,
    Field.AFDELING: 300,
    Field.YDELSE: 300,
    Field.DRIFTSHERRE: 200,
    Field.NIVEAU: 40,
}
NAME_NOUNS = {
    Field.TILBUD: "et tilbuds navn",
    Field.AFDELING: "en afdelings navn",
    Field.YDELSE: "en ydelses navn",
    Field.DRIFTSHERRE: "en driftsherres navn",
    Field.NIVEAU: "et niveau",
}

# Identifier columns: a 10-digit value there is a P-nummer or phone number, not a CPR number.
IDENTIFIER_FIELDS = frozenset(
    {Field.CVR, Field.P_NUMMER, Field.TP_TILBUDSID, Field.TP_AFDELINGSID, Field.TELEFON}
)
REQUIRED_FIELDS = frozenset({Field.TILBUD})  # plus an amount column and a year (column or --year)


@dataclass(frozen=True)
class ColumnMapping:
    """Column letter → field, for one sheet whose header ends at ``header_row``."""

    sheet: str
    header_row: int
    columns: dict[str, Field]
    years: dict[str, int] = field(default_factory=dict)  # amount column → its takst year
    # Amount column → the niveau its amounts are for, when levels sit side by side
    # ("Takst 1 | Takst 2 | Takst 3" → "Niveau 1" …); it wins over a niveau column of the row.
    levels: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # column → header text as read


@dataclass(frozen=True, slots=True)
class RowError:
    """A refused value: where (as Excel shows it) and what to do, in Danish."""

    file: str
    sheet: str
    row: int
    column: str | None
    reason: str

    @property
    def where(self) -> str:
        col = f", kolonne {self.column}" if self.column else ""
        return f"{self.file}, ark {self.sheet}, række {self.row}{col}"


@dataclass(frozen=True, slots=True)  # slots: a big file holds tens of thousands at once
class TakstRow:
    """One takst value to store, with the catalogue keys found on its row."""

    sheet: str
    row: int
    column: str  # the amount's column
    tilbud: str
    afdeling: str | None
    ydelse: str | None
    niveau: str | None
    paragraf_id: str | None
    kommune: str | None  # name or kommunekode as text
    driftsherre: str | None
    tp_tilbudsid: int | None
    tp_afdelingsid: int | None
    aar: int
    beloeb: Decimal | None  # None: individuel pris
    enhed: Enhed
    art: TakstArt
    status: TakstStatus = TakstStatus.ENDELIG
    finansiering: Finansiering = Finansiering.TAKST
    moms_basis: MomsBasis = MomsBasis.INKL
    pladser: int | None = None
    # The tilbud's identifiers as the row gives them (normalised): stored on a tilbud it creates.
    cvr: str | None = None
    p_nummer: str | None = None
    telefon: str | None = None
    more_paragraffer: tuple[str, ...] = ()  # after paragraf_id, from "§§ 107/108" or "§§ 83-87"

    @property
    def individuel_pris(self) -> bool:
        return self.beloeb is None


def same_in_row_reason(first: TakstRow, second: TakstRow) -> str:
    """Why a row is refused whose two amounts would be one and the same stored takst."""
    columns = f"kolonne {first.column} og {second.column}"
    if first.moms_basis is not second.moms_basis:
        return (
            f"Rækken har samme takst både inkl. moms og fratrukket refusion for indirekte moms "
            f"({columns}). Der gemmes én takst pr. år: sæt den ene kolonne til »Ignorér« i "
            "kolonneopsætningen."
        )
    if first.status is not second.status:
        return (
            f"Rækken har samme takst for {second.aar} både foreløbig og endelig ({columns}). Der gemmes "
            "én takst pr. år: slet den foreløbige, når den endelige kendes, eller sæt den ene kolonne "
            "til »Ignorér« i kolonneopsætningen."
        )
    return (
        f"To beløb i rækken giver samme takst ({columns}: samme ydelse, niveau, art og år "
        f"{second.aar}). Giv beløbskolonnerne hver sit niveau eller år i kolonneopsætningen."
    )


@dataclass(frozen=True)
class ImportLimits:
    """Refuse files beyond these; each limit is a setting (domain/limits.py), named in the message."""

    max_file_bytes: int = 50_000_000
    max_uncompressed_bytes: int = 400_000_000  # sum over an xlsx's zip members
    max_compression_ratio: int = 200  # per zip member: a higher ratio is a zip bomb
    max_rows: int = 200_000
    max_columns: int = 1_000
    max_cells: int = 10_000_000  # rows × columns of a sheet's used range: the grid calamine allocates
    max_cell_chars: int = 2_000


@dataclass(frozen=True, slots=True)
class TakstChunk:
    """The result of consecutive sheet rows: what a reader hands on at a time."""

    rows_read: int  # data rows among them
    takster: tuple[TakstRow, ...]
    errors: tuple[RowError, ...]
    last_row: int  # the sheet row the chunk ends at (for progress)


class TakstSource(Protocol):
    """A read and mapped takstfil whose rows the import consumes chunk by chunk.

    ``ParsedTakstfil`` is one (all rows in memory, one chunk); a streaming reader in fileio/ is
    another, so an import never holds more than a chunk of a large file's rows.
    """

    @property
    def file(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def mapping(self) -> ColumnMapping: ...
    @property
    def as_of(self) -> date | None: ...
    @property
    def total_rows(self) -> int: ...  # sheet rows in all, for progress

    def chunks(self) -> Iterator[TakstChunk]: ...


@dataclass(frozen=True)
class ParsedTakstfil:
    file: str  # file name as shown to the user
    sha256: str
    sheet: str
    sheets: tuple[str, ...]
    mapping: ColumnMapping
    rows_read: int  # data rows (not title, header, spacer or totals rows)
    takster: tuple[TakstRow, ...]
    errors: tuple[RowError, ...]
    as_of: date | None = None  # a date the file states, if any

    @property
    def total_rows(self) -> int:
        last = max((t.row for t in self.takster), default=0)
        return max([last, *(e.row for e in self.errors)])

    def chunks(self) -> Iterator[TakstChunk]:
        yield TakstChunk(self.rows_read, self.takster, self.errors, self.total_rows)
