from __future__ import annotations

from datetime import date
from pathlib import Path

from rammedesk.domain.details import TilbudDetails
from rammedesk.presenters.details import present_details
from rammedesk.services.catalogue import SearchRequest, search, tilbud_details
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE


def _details(empty_db: Path, text: str) -> TilbudDetails:
    store = open_test_store(empty_db)
    try:
        build(store, CATALOGUE)
        hit = search(store, SearchRequest(text=text), today=date(2026, 11, 23)).hits[0]
        return tilbud_details(store, hit.tilbud_id)
    finally:
        store.close()


def test_takster_by_year_with_sources(empty_db: Path) -> None:
    view = present_details(_details(empty_db, "hjerneskade"), today=date(2026, 6, 1))
    afd = view.afdelinger[0]
    assert afd.takster.headers == ("Ydelse", "Enhed", "2025", "2026", "2027")
    assert afd.takster.rows[0] == (
        "Døgnophold — samlet takst",
        "kr. pr. døgn",
        "3.100,00",
        "3.187,00",
        "3.300,00",
    )
    assert afd.takster.tooltips[0][3] == "Kilde: Test, data pr. 15.01.2026"
    assert [p[0] for p in afd.series[0].points] == [2025, 2026, 2027]
    assert afd.pladser.rows == (("SEL § 107", "12", "12", "12"),)
    assert view.warning is None


def test_stale_data_and_demo_warn(empty_db: Path) -> None:
    view = present_details(_details(empty_db, "hjerneskade"), today=date(2027, 3, 1), is_demo=True)
    assert view.warning is not None
    assert "mere end et år gamle" in view.warning and "Demodata" in view.warning


def test_individual_price_and_mixed_units(empty_db: Path) -> None:
    view = present_details(_details(empty_db, "aeroe"), today=date(2026, 6, 1))
    assert view.afdelinger[0].takster.rows[0][-1] == "Individuel pris"
    misbrug = present_details(_details(empty_db, "misbrug"), today=date(2026, 6, 1)).afdelinger[0]
    units = {row[1] for row in misbrug.takster.rows}
    assert units == {"kr. pr. dag", "kr. pr. time"}
    assert len(misbrug.series) == 1  # the chart keeps one unit
