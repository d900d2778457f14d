"""The pdf report: header with provenance on every page, page numbers, literal user text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from rammedesk.domain.export import DEMO_WARNING, rows_from_hits
from rammedesk.fileio.export_pdf import write_pdf
from tests.unit import export_samples as s

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None and not os.environ.get("CI"),  # in CI a missing tool fails the test
    reason="pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)",
)


def _write(tmp_path: Path, count: int = 8, *, is_demo: bool = True, notes: bool = True) -> Path:
    path = tmp_path / "rapport.pdf"
    rows = rows_from_hits(s.hits(count), s.NOTES if notes else None)
    write_pdf(path, rows, s.meta(is_demo=is_demo, count=count))
    return path


def _pages(path: Path) -> list[str]:
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8").split("\f")[:-1]


def test_a_pdf_is_written(tmp_path: Path) -> None:
    data = _write(tmp_path).read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in data  # the embedded font with æøå and §
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in data  # A4 landscape


@needs_pdftotext
def test_header_shows_query_literally_and_provenance(tmp_path: Path) -> None:
    (page,) = _pages(_write(tmp_path))
    flat = " ".join(page.split())
    assert "Søgeresultat" in flat
    assert '»bosted <&> "særlig"«' in flat
    assert "Region: Region Syddanmark · Paragraf: SEL § 107" in flat
    assert "23.11.2026 kl. 14.05" in flat
    assert "01.01.2026" in flat
    assert "RammeDesk 0.1.0" in flat
    assert "8 af 1.234 afdelinger" in flat
    assert DEMO_WARNING in flat
    assert "Side 1 af 1" in flat


@needs_pdftotext
def test_table_text(tmp_path: Path) -> None:
    (page,) = _pages(_write(tmp_path))
    flat = " ".join(page.split())
    for text in (
        "Bostedet Åbrinken 0",
        "Afdeling Søhøj 0",
        "Ret & Rimelig <Botilbud>",
        "@SUM(A1)",  # no csv neutralising in a pdf
        "4.155,50 kr.",
        "-5,00 kr.",
        "individuel pris",
        "Selvejende",
        "Kommunal",
        "døgn",
        "Ring til leder før visitation",
        "Målgrupper",
    ):
        assert text in flat, text
    assert "SEL § 107" in page.replace("\u00a0", " ")


@needs_pdftotext
def test_every_page_has_header_column_titles_and_number(tmp_path: Path) -> None:
    pages = _pages(_write(tmp_path, count=40))
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert f"Side {number} af {total}" in flat
        assert "Søgeresultat" in flat and "bosted <&>" in flat and "Data pr." in flat
        assert "Tilbud / afdeling" in flat and "Pladser" in flat  # repeated table header
        assert DEMO_WARNING in flat
    every_row = " ".join(" ".join(p.split()) for p in pages)
    assert all(f"Bostedet Åbrinken {i} " in every_row + " " for i in (0, 4, 39))


@needs_pdftotext
def test_real_data_without_notes(tmp_path: Path) -> None:
    (page,) = _pages(_write(tmp_path, is_demo=False, notes=False))
    assert "DEMODATA" not in page
    assert not re.search(r"\bNote\b", page)  # no empty note column


@needs_pdftotext
def test_empty_result(tmp_path: Path) -> None:
    path = tmp_path / "tom.pdf"
    write_pdf(path, [], s.meta())
    (page,) = _pages(path)
    assert "Ingen tilbud matcher søgningen." in page
    assert "Side 1 af 1" in page


@needs_pdftotext
def test_hostile_title_and_query(tmp_path: Path) -> None:
    path = tmp_path / "h.pdf"
    meta = replace(s.meta(), query="<b>fed</b> & </para>\x01", title="Kortliste: A & <B>")
    write_pdf(path, rows_from_hits(s.hits(4)), meta)
    (page,) = _pages(path)
    flat = " ".join(page.split())
    assert "»<b>fed</b> & </para>«" in flat
    assert "Kortliste: A & <B>" in flat
