"""install_demo: refuses to overwrite, backs up with --force, one unit of work, cancel."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rammedesk.config import DatabaseLocation, resolve_location
from rammedesk.domain.demo import DEMO_BATCH_KILDE, DEMO_PL_KILDE, generate_demo
from rammedesk.domain.vocab import BatchKind
from rammedesk.errors import Cancelled, UserError
from rammedesk.fileio.demo_inputs import load_demo_inputs
from rammedesk.fileio.reference_csv import load_reference_data
from rammedesk.services.catalogue import SearchRequest, search
from rammedesk.services.database import init_database, open_store
from rammedesk.services.demo import CANCELLED_MESSAGE, install_demo
from rammedesk.storage import tables as t

SIZE = 240


def _location(tmp_path: Path, name: str = "x.sqlite3") -> DatabaseLocation:
    return resolve_location(str(tmp_path / name))


def _fingerprint(path: Path) -> list[tuple[object, ...]]:
    """Everything a reinstall could change, read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        rows: list[tuple[object, ...]] = []
        for table in (
            "driftsherre",
            "tilbud",
            "afdeling",
            "ydelse",
            "takst",
            "belaegning",
            "afdeling_paragraf",
            "afdeling_maalgruppe",
            "pl_sats",
            "import_batch",
        ):
            rows += conn.execute(f"SELECT '{table}', * FROM {table} ORDER BY 2, 3").fetchall()
        return rows
    finally:
        conn.close()


def test_installs_the_generated_catalogue(tmp_path: Path) -> None:
    location = _location(tmp_path)
    seen: list[tuple[int, int, str]] = []
    result = install_demo(location, size=SIZE, seed=5, progress=lambda d, n, s: seen.append((d, n, s)))
    assert result.backup is None and result.seconds > 0
    info = result.info
    assert info.is_demo and not info.has_real_data
    assert info.counts.afdelinger == SIZE and info.counts.pl_aar == 9
    catalogue = generate_demo(load_demo_inputs(), load_reference_data(), size=SIZE, seed=5)
    bundles = list(catalogue.iter_tilbud())
    assert info.counts.tilbud == len(bundles)
    assert info.counts.takster == sum(len(b.takster) for b in bundles)
    assert info.counts.driftsherrer == len(catalogue.driftsherrer)
    # Progress: starts at 0, never runs backwards, ends full.
    done = [d for d, _, _ in seen]
    assert done[0] == 0 and done == sorted(done) and done[-1] == seen[-1][1]
    assert all(isinstance(s, str) and s for _, _, s in seen)

    store = open_store(location)
    try:
        with store.unit_of_work() as repos:
            session = repos.session
            batch = session.scalars(select(t.ImportBatch)).one()
            assert (batch.kind, batch.kilde) == (BatchKind.DEMO, DEMO_BATCH_KILDE)
            assert {p.kilde for p in session.scalars(select(t.PlSats))} == {DEMO_PL_KILDE}
            assert all(p.is_demo for p in session.scalars(select(t.PlSats)))
            # Money went through ScaledDecimal and comes back exactly.
            expected = {row.id: row.beloeb for b in bundles for row in b.takster}
            stored = {row[0]: row[1] for row in session.execute(select(t.Takst.id, t.Takst.beloeb))}
            assert stored == expected
            assert session.scalar(select(func.count()).where(t.Takst.beloeb.is_(None))) == sum(
                v is None for v in expected.values()
            )
            assert all(isinstance(v, Decimal) for v in stored.values() if v is not None)
            untied = select(func.count()).select_from(t.Tilbud).where(t.Tilbud.import_batch_id != batch.id)
            assert session.scalar(untied) == 0
    finally:
        store.close()


def test_demo_is_searchable_and_a_reinstall_replaces_the_index(tmp_path: Path) -> None:
    location = _location(tmp_path)
    install_demo(location, size=SIZE, seed=1)
    store = open_store(location)
    try:
        first = search(store, SearchRequest(limit=1000, with_facets=False), today=date(2026, 11, 23))
        assert first.total == SIZE
    finally:
        store.close()
    install_demo(location, size=SIZE // 2, seed=2, force=True)
    store = open_store(location)
    try:
        second = search(store, SearchRequest(limit=1000, with_facets=False), today=date(2026, 11, 23))
        assert second.total == SIZE // 2
    finally:
        store.close()


def test_refuses_a_database_with_demo_data_without_force(tmp_path: Path) -> None:
    location = _location(tmp_path)
    install_demo(location, size=60, seed=1)
    before = _fingerprint(tmp_path / "x.sqlite3")
    with pytest.raises(UserError) as info:
        install_demo(location, size=60, seed=2)
    assert info.value.where == location.display
    assert "--force" in info.value.message and "rigtige" not in info.value.message
    assert _fingerprint(tmp_path / "x.sqlite3") == before
    assert list(tmp_path.glob("x.foer-demo-*")) == []


def test_refuses_a_database_with_real_data_and_says_so(tmp_path: Path) -> None:
    location = _location(tmp_path)
    init_database(location, force=False)
    store = open_store(location)
    try:
        with store.unit_of_work() as repos:
            repos.session.add(
                t.PlSats(aar=2025, sats_pct=Decimal("2.5"), kilde="KL", dato=date(2024, 6, 1), is_demo=False)
            )
    finally:
        store.close()
    with pytest.raises(UserError) as info:
        install_demo(location, size=60)
    assert "rigtige data" in info.value.message and "blandet" in info.value.message
    assert info.value.where == location.display


def test_force_backs_up_then_replaces(tmp_path: Path) -> None:
    location = _location(tmp_path)
    install_demo(location, size=80, seed=1)
    before = _fingerprint(tmp_path / "x.sqlite3")
    result = install_demo(location, size=50, seed=9, force=True)
    assert result.backup is not None and result.backup.exists()
    assert result.backup.name.startswith("x.foer-demo-")
    assert _fingerprint(result.backup) == before  # the backup holds the old data
    assert result.info.counts.afdelinger == 50
    assert _fingerprint(tmp_path / "x.sqlite3") != before


def test_force_on_an_empty_database_needs_no_backup(tmp_path: Path) -> None:
    location = _location(tmp_path)
    init_database(location, force=False)
    result = install_demo(location, size=30, force=True)
    assert result.backup is None and result.info.counts.afdelinger == 30


def test_cancel_during_insert_leaves_the_database_unchanged(tmp_path: Path) -> None:
    location = _location(tmp_path)
    install_demo(location, size=80, seed=1)
    before = _fingerprint(tmp_path / "x.sqlite3")
    state = {"inserted": False}

    def progress(done: int, total: int, step: str) -> None:
        state["inserted"] = state["inserted"] or done > 0

    with pytest.raises(Cancelled) as info:
        install_demo(
            location, size=1200, seed=2, force=True, progress=progress, cancel=lambda: state["inserted"]
        )
    assert info.value.message == CANCELLED_MESSAGE
    assert _fingerprint(tmp_path / "x.sqlite3") == before
    store = open_store(location)  # still a healthy, current database
    try:
        with store.unit_of_work() as repos:
            assert repos.counts().afdelinger == 80
    finally:
        store.close()


def test_cancel_of_a_new_database_leaves_no_file(tmp_path: Path) -> None:
    location = _location(tmp_path)
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # after the database was created

    with pytest.raises(Cancelled):
        install_demo(location, size=SIZE, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", [0, -1, 200_001])
def test_size_out_of_range_is_a_user_error(tmp_path: Path, size: int) -> None:
    with pytest.raises(UserError, match="mellem 1 og 200.000"):
        install_demo(_location(tmp_path), size=size)
    assert list(tmp_path.iterdir()) == []
