"""services/costs: a stored takst fills the placement; P/L from the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from rammedesk.config import resolve_location
from rammedesk.domain.costs.pl import MissingPLYear, PLRate
from rammedesk.domain.costs.placement import PlacementSpec
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.services.costs import calculate_placement, find_takst, list_pl, spec_with_stored_takst
from rammedesk.services.database import open_store
from rammedesk.storage.store import Store


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    s = open_store(resolve_location(str(demo_db)))
    yield s
    s.close()


def _ydelse_with_years(db: Path) -> tuple[int, list[tuple[int, int]]]:
    with sqlite3.connect(db) as conn:
        ydelse_id = conn.execute(
            "SELECT ydelse_id FROM takst WHERE enhed = 'doegn' AND art != 'tillaeg' AND beloeb IS NOT NULL "
            "GROUP BY ydelse_id HAVING count(*) >= 2 ORDER BY ydelse_id LIMIT 1"
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT aar, beloeb FROM takst WHERE ydelse_id = ? AND art != 'tillaeg' ORDER BY aar",
            (ydelse_id,),
        ).fetchall()
    return ydelse_id, rows


def test_ydelse_takst_for_the_year_or_the_newest_before(store: Store, demo_db: Path) -> None:
    ydelse_id, rows = _ydelse_with_years(demo_db)
    first_year, first_oere = rows[0]
    found = find_takst(store, ydelse_id=ydelse_id, year=first_year)
    assert (found.aar, found.beloeb) == (first_year, D(first_oere) / 100)
    later = find_takst(store, ydelse_id=ydelse_id, year=rows[-1][0] + 5)
    assert later.aar == rows[-1][0]
    with pytest.raises(UserError, match="ingen takst for"):
        find_takst(store, ydelse_id=ydelse_id, year=first_year - 1)
    spec = spec_with_stored_takst(
        PlacementSpec(D(0), Enhed.DAG, date(first_year, 1, 1), date(first_year, 1, 10)), found
    )
    assert found.beloeb is not None
    assert calculate_placement(spec).total == found.beloeb * 10


def test_unknown_takst_and_afdeling_with_many_ydelser(store: Store, demo_db: Path) -> None:
    with pytest.raises(UserError, match="ingen takst med id 999999"):
        find_takst(store, takst_id=999_999)
    with sqlite3.connect(demo_db) as conn:
        afdeling_id = conn.execute(
            "SELECT y.afdeling_id FROM ydelse y JOIN takst t ON t.ydelse_id = y.id "
            "WHERE t.enhed = 'doegn' AND t.art != 'tillaeg' GROUP BY y.afdeling_id "
            "HAVING count(DISTINCT y.id) > 1 LIMIT 1"
        ).fetchone()
    if afdeling_id is None:
        pytest.skip("the demo has no afdeling with two døgn ydelser")
    with pytest.raises(UserError, match="flere ydelser"):
        find_takst(store, afdeling_id=afdeling_id[0])


def test_pl_from_the_database_and_missing_year(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.costs.put_pl_rates([PLRate(2040, D("3"), "x"), PLRate(2041, D("2.5"), "y")], date(2026, 11, 23))
    assert [r.rate.year for r in list_pl(store)][-2:] == [2040, 2041]
    spec = PlacementSpec(D(2500), Enhed.DOEGN, date(2039, 6, 1), date(2039, 6, 1), pl_to_year=2041)
    assert calculate_placement(spec, store=store).total == D("2639.38")
    with pytest.raises(MissingPLYear, match="2042"):
        calculate_placement(PlacementSpec(D(1), Enhed.DOEGN, date(2039, 6, 1), pl_to_year=2042), store=store)
    with pytest.raises(UserError, match="database"):
        calculate_placement(spec)
