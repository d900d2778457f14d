"""The main window's state without Qt: pages, window title, status bar, demo banner, overview.

The view asks this presenter for text and redraws; nothing here knows about widgets. The
database is described by a ``DatabaseInfo`` the GUI got from ``services.database.describe`` on
the worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from rammedesk.presenters.formatting import format_count, format_date, format_date_long, format_int

if TYPE_CHECKING:  # keeps SQLAlchemy out of the GUI's start-up imports
    from rammedesk.services.database import DatabaseInfo

APP_TITLE = "RammeDesk"


@dataclass(frozen=True)
class Page:
    """One entry of the navigation: the overview or one of the four jobs."""

    key: str
    label: str  # navigation label
    title: str  # page header
    subtitle: str  # one line: what the job is for
    shortcut: str  # portable key sequence text, e.g. "Ctrl+1"
    available: bool
    coming: str = ""  # the honest "not yet" sentence for jobs of later versions
    plans: tuple[str, ...] = ()  # what the job will do


OVERVIEW = Page(
    key="oversigt",
    label="Oversigt",
    title="Oversigt",
    subtitle="Hvad databasen indeholder lige nu.",
    shortcut="Ctrl+0",
    available=True,
)

JOBS: tuple[Page, ...] = (
    Page(
        key="soeg",
        label="Søg tilbud",
        title="Søg tilbud",
        subtitle="Find tilbud i tilbudsviften efter navn, målgruppe, paragraf, driftsherre og kommune.",
        shortcut="Ctrl+1",
        available=True,
    ),
    Page(
        key="sammenlign",
        label="Sammenlign takster",
        title="Sammenlign takster",
        subtitle="Sammenlign takster på tværs af tilbud og år, i løbende eller faste priser.",
        shortcut="Ctrl+2",
        available=False,
        coming="Sammenligning af takster kommer i en senere version.",
        plans=(
            "Udvalgte tilbud og ydelser med deres takster side om side.",
            "Fremskrivning med pris- og lønindeks (P/L), så taksterne står i samme prisniveau.",
            "Udviklingen over årene som tabel og graf.",
            "Udskrift som PDF og regneark med kilde og dataenes dato.",
        ),
    ),
    Page(
        key="udgifter",
        label="Udgifter",
        title="Udgifter",
        subtitle=(
            "Et forløbs udgift pr. måned og år, kommunens portefølje fremskrevet mod budget, "
            "scenarier og business case for nye pladser."
        ),
        shortcut="Ctrl+3",
        available=True,
    ),
    Page(
        key="spoergeskema",
        label="Spørgeskema",
        title="Spørgeskema",
        subtitle="Kommunens vurdering af behovet for pladser og tilbud til rammeaftalens udviklingsstrategi.",
        shortcut="Ctrl+4",
        available=False,
        coming="Kapacitetsspørgeskemaet kommer i en senere version.",
        plans=(
            "Skemaet udfyldt pr. målgruppe (1–5 eller Ved ikke) med uddybning, hvor den kræves.",
            "Besvarelsen gemt, genoptaget og sendt som fil til sekretariatet.",
            "Kommunernes besvarelser samlet til ét overblik.",
        ),
    ),
)

PAGES: tuple[Page, ...] = (OVERVIEW, *JOBS)


@dataclass(frozen=True)
class StatusText:
    database: str
    database_tooltip: str
    schema: str
    data_as_of: str


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class FigureGroup:
    title: str
    figures: tuple[Figure, ...]


DEMO_BANNER = (
    "Demodata: Alle tilbud, driftsherrer og takster i denne database er fiktive og lavet til "
    "afprøvning. Brug dem ikke til sagsbehandling, visitation eller budgetter."
)
MIXED_BANNER = (
    "Demodata: Databasen indeholder fiktive demodata blandet med rigtige data. Demodata er lavet "
    "til afprøvning og må ikke bruges til sagsbehandling, visitation eller budgetter."
)


def database_name(info: DatabaseInfo) -> str:
    """The short name of the database for the window title: the file name, or the server
    database's name for PostgreSQL."""
    if info.dialect == "sqlite":
        return PurePath(info.location).name or info.location
    tail = info.location.rstrip("/").rsplit("/", 1)[-1]
    return tail.split("?", 1)[0] or info.location


def dialect_label(dialect: str) -> str:
    return {"sqlite": "SQLite (fil)", "postgresql": "PostgreSQL (server)"}.get(dialect, dialect)


class ShellPresenter:
    """Screen state of the main window. ``info`` is None until a database is open."""

    def __init__(self) -> None:
        self._info: DatabaseInfo | None = None
        self._busy_text: str | None = "Åbner databasen …"
        self._current = OVERVIEW.key

    # -- state -------------------------------------------------------------------------------

    @property
    def info(self) -> DatabaseInfo | None:
        return self._info

    def set_info(self, info: DatabaseInfo | None) -> None:
        self._info = info
        self._busy_text = None

    def set_busy(self, text: str | None) -> None:
        """A short sentence while a database is being opened or created (None when done)."""
        self._busy_text = text

    @property
    def busy_text(self) -> str | None:
        return self._busy_text

    @property
    def pages(self) -> tuple[Page, ...]:
        return PAGES

    @property
    def current_page(self) -> Page:
        return next(p for p in PAGES if p.key == self._current)

    def select_page(self, key: str) -> Page:
        if key not in {p.key for p in PAGES}:
            raise KeyError(key)
        self._current = key
        return self.current_page

    # -- window ------------------------------------------------------------------------------

    @property
    def window_title(self) -> str:
        info = self._info
        if info is None:
            return APP_TITLE
        title = f"{APP_TITLE} — {database_name(info)}"
        return f"{title} (DEMODATA)" if info.is_demo else title

    @property
    def banner_visible(self) -> bool:
        return self._info is not None and self._info.is_demo

    @property
    def banner_text(self) -> str:
        info = self._info
        if info is None or not info.is_demo:
            return ""
        return MIXED_BANNER if info.has_real_data else DEMO_BANNER

    @property
    def status(self) -> StatusText:
        info = self._info
        if info is None:
            busy = self._busy_text or "Ingen database er åben."
            return StatusText(busy, "", "", "")
        schema = f"Skemaversion {info.schema_version or '–'}"
        if info.schema_version != info.schema_head:
            schema += f" (nyeste {info.schema_head})"
        return StatusText(
            database=f"Database: {info.location}",
            database_tooltip=f"{dialect_label(info.dialect)}: {info.location}",
            schema=schema,
            data_as_of=self.data_as_of_text,
        )

    @property
    def data_as_of_text(self) -> str:
        info = self._info
        if info is None or info.data_as_of is None:
            return "Ingen tilbudsdata"
        return f"Data pr. {format_date(info.data_as_of)}"

    # -- overview ----------------------------------------------------------------------------

    @property
    def content_label(self) -> str:
        info = self._info
        if info is None:
            return ""
        if info.is_demo and info.has_real_data:
            return "Fiktive demodata og rigtige data"
        if info.is_demo:
            return "Fiktive demodata"
        if info.has_real_data:
            return "Rigtige data"
        return "Kun referencedata (ingen tilbud endnu)"

    @property
    def summary(self) -> str:
        info = self._info
        if info is None:
            return self._busy_text or (
                "Ingen database er åben. Vælg Filer → Åbn database… (Ctrl+O), eller læs i "
                "Hjælp (F1), hvordan en database oprettes."
            )
        c = info.counts
        if c.tilbud == 0:
            return (
                "Databasen indeholder endnu ingen tilbud, kun referencedata (regioner, kommuner, "
                "paragraffer og målgrupper). Fiktive demodata til afprøvning kan lægges ind med "
                "kommandoen »rammedesk demo«; se Hjælp (F1)."
            )
        text = (
            f"Databasen indeholder {format_count(c.tilbud, 'tilbud')} med "
            f"{format_count(c.takster, 'takst', 'takster')} fra "
            f"{format_count(c.driftsherrer, 'driftsherre', 'driftsherrer')}."
        )
        if info.data_as_of is not None:
            text += f" Data pr. {format_date_long(info.data_as_of)}."
        if info.is_demo:
            text += " Alle tal bygger på fiktive demodata."
        return text

    @property
    def figure_groups(self) -> tuple[FigureGroup, ...]:
        info = self._info
        if info is None:
            return ()
        c = info.counts

        def fig(label: str, value: int) -> Figure:
            return Figure(label, format_int(value))

        return (
            FigureGroup(
                "Tilbudsviften",
                (
                    fig("Tilbud", c.tilbud),
                    fig("Afdelinger", c.afdelinger),
                    fig("Ydelser", c.ydelser),
                    fig("Takster", c.takster),
                    fig("Driftsherrer", c.driftsherrer),
                ),
            ),
            FigureGroup(
                "Referencedata",
                (
                    fig("Regioner", c.regioner),
                    fig("Kommuner", c.kommuner),
                    fig("Paragraffer", c.paragraffer),
                    fig("Målgrupper", c.maalgrupper),
                    fig("År med P/L-sats", c.pl_aar),
                ),
            ),
        )

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """Label/value pairs describing the open database."""
        info = self._info
        if info is None:
            return ()
        as_of = format_date_long(info.data_as_of) if info.data_as_of else "Ingen tilbudsdata endnu"
        return (
            ("Placering", info.location),
            ("Databasetype", dialect_label(info.dialect)),
            ("Skemaversion", info.schema_version or "–"),
            ("Data pr.", as_of),
            ("Indhold", self.content_label),
        )
