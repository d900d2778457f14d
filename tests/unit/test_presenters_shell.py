"""ShellPresenter: window title, banner, status bar, overview — without Qt."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from rammedesk.presenters.shell import JOBS, PAGES, ShellPresenter, database_name
from rammedesk.services.database import DatabaseInfo
from rammedesk.storage.repositories import CatalogueCounts

COUNTS = CatalogueCounts(
    regioner=5,
    kommuner=98,
    paragraffer=18,
    maalgrupper=29,
    driftsherrer=312,
    tilbud=1500,
    afdelinger=3000,
    ydelser=4100,
    takster=4155,
    pl_aar=8,
)
INFO = DatabaseInfo(
    location="/home/sb/.local/share/RammeDesk/rammedesk.sqlite3",
    is_default_location=True,
    dialect="sqlite",
    schema_version="0004",
    schema_head="0004",
    counts=COUNTS,
    data_as_of=date(2026, 11, 23),
    is_demo=True,
    has_real_data=False,
)
REAL = replace(INFO, is_demo=False, has_real_data=True)
EMPTY = replace(
    INFO,
    is_demo=False,
    data_as_of=None,
    counts=replace(COUNTS, tilbud=0, afdelinger=0, ydelser=0, takster=0, driftsherrer=0, pl_aar=0),
)


def presenter(info: DatabaseInfo | None) -> ShellPresenter:
    p = ShellPresenter()
    if info is not None:
        p.set_info(info)
    return p


def test_importing_the_presenter_loads_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, rammedesk.presenters.shell, rammedesk.presenters.formatting; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_title() -> None:
    assert presenter(None).window_title == "RammeDesk"
    assert presenter(INFO).window_title == "RammeDesk — rammedesk.sqlite3 (DEMODATA)"
    assert presenter(REAL).window_title == "RammeDesk — rammedesk.sqlite3"


def test_title_for_postgresql() -> None:
    pg = replace(REAL, dialect="postgresql", location="postgresql://sb:***@db.kommune.dk/rammedesk")
    assert database_name(pg) == "rammedesk"
    assert presenter(pg).window_title == "RammeDesk — rammedesk"


def test_banner_whenever_demo_data_is_present() -> None:
    assert presenter(INFO).banner_visible
    assert "fiktive" in presenter(INFO).banner_text
    mixed = replace(INFO, has_real_data=True)
    assert presenter(mixed).banner_visible
    assert "blandet med rigtige data" in presenter(mixed).banner_text
    assert not presenter(REAL).banner_visible and presenter(REAL).banner_text == ""
    assert not presenter(None).banner_visible


def test_status() -> None:
    status = presenter(INFO).status
    assert status.database == f"Database: {INFO.location}"
    assert status.schema == "Skemaversion 0004"
    assert status.data_as_of == "Data pr. 23.11.2026"
    assert "SQLite" in status.database_tooltip
    old = presenter(replace(INFO, schema_version="0003")).status
    assert old.schema == "Skemaversion 0003 (nyeste 0004)"
    assert presenter(EMPTY).status.data_as_of == "Ingen tilbudsdata"


def test_status_while_busy_and_without_database() -> None:
    p = ShellPresenter()
    assert p.status.database == "Åbner databasen …"
    p.set_busy(None)
    assert p.status.database == "Ingen database er åben."
    assert "Ctrl+O" in p.summary
    assert p.figure_groups == () and p.facts == ()


def test_overview_counts_are_danish() -> None:
    p = presenter(INFO)
    assert p.summary.startswith("Databasen indeholder 1.500 tilbud med 4.155 takster fra 312 driftsherrer.")
    assert "23. november 2026" in p.summary
    figures = {f.label: f.value for g in p.figure_groups for f in g.figures}
    assert figures["Tilbud"] == "1.500" and figures["Afdelinger"] == "3.000"
    assert figures["Kommuner"] == "98"
    facts = dict(p.facts)
    assert facts["Data pr."] == "23. november 2026"
    assert facts["Indhold"] == "Fiktive demodata"


def test_overview_of_reference_only_database() -> None:
    p = presenter(EMPTY)
    assert "endnu ingen tilbud" in p.summary
    assert dict(p.facts)["Indhold"] == "Kun referencedata (ingen tilbud endnu)"


def test_pages_are_the_overview_and_the_four_jobs() -> None:
    assert [p.label for p in JOBS] == ["Søg tilbud", "Sammenlign takster", "Udgifter", "Spørgeskema"]
    assert [p.shortcut for p in JOBS] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    assert PAGES[0].key == "oversigt"
    search, compare, costs, questionnaire = JOBS
    for job in (search, costs):
        assert job.available and not job.coming
    for job in (compare, questionnaire):  # nothing pretends to work
        assert not job.available
        assert job.coming.endswith("kommer i en senere version.")
        assert job.plans


def test_select_page() -> None:
    p = ShellPresenter()
    assert p.current_page.key == "oversigt"
    assert p.select_page("udgifter").label == "Udgifter"
    assert p.current_page.key == "udgifter"
    with pytest.raises(KeyError):
        p.select_page("findes-ikke")
