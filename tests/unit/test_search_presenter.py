from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rammedesk.presenters.highlight import highlight_html, match_spans
from rammedesk.presenters.search import SearchPresenter
from rammedesk.storage.store import Store
from tests.catalogue_builder import build, open_test_store
from tests.unit.test_search_service import CATALOGUE


class QueueRunner:
    """Holds jobs until the test delivers them, in any order."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[Any], Any], Callable[[Any], None] | None]] = []

    def submit(
        self,
        fn: Callable[[Any], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.jobs.append((fn, on_done))

    def deliver(self, index: int) -> None:
        fn, on_done = self.jobs[index]
        result = fn(None)
        if on_done:
            on_done(result)


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    build(s, CATALOGUE)
    yield s
    s.close()


def test_stale_results_are_dropped(store: Store) -> None:
    runner = QueueRunner()
    presenter = SearchPresenter(runner, lambda: store)
    presenter.set_text("a")
    presenter.run()
    presenter.set_text("aeroe")
    presenter.run()
    runner.deliver(1)  # the newer answer arrives first
    assert [r.hit.tilbud for r in presenter.rows] == ["Ærø Ungdomskollegiet"]
    runner.deliver(0)  # the old, broader answer arrives late: dropped
    assert [r.hit.tilbud for r in presenter.rows] == ["Ærø Ungdomskollegiet"]
    assert presenter.summary() == "1 afdeling"


def test_facet_toggle_and_clear(store: Store) -> None:
    runner = QueueRunner()
    presenter = SearchPresenter(runner, lambda: store)
    presenter.toggle_facet("kommune", "751")
    runner.deliver(-1)
    assert {r.hit.kommune for r in presenter.rows} == {"Aarhus"}
    presenter.toggle_facet("kommune", "751")  # again: off
    runner.deliver(-1)
    assert len(presenter.rows) == 5
    presenter.set_text("aarhus")
    presenter.toggle_facet("paragraf", "SEL_107")
    presenter.clear()
    runner.deliver(-1)
    assert presenter.state.text == "" and presenter.state.facets == {} and len(presenter.rows) == 5


def test_rows_are_danish_and_highlighted(store: Store) -> None:
    runner = QueueRunner()
    presenter = SearchPresenter(runner, lambda: store)
    presenter.set_text("koege")
    presenter.run()
    runner.deliver(0)
    row = presenter.rows[0]
    assert row.takst == "4.155,00 kr. pr. døgn (2026)"
    assert "<b>Køge</b>" in row.name_html
    assert row.paragraf == "SEL § 108"


def test_no_store_means_no_search() -> None:
    runner = QueueRunner()
    SearchPresenter(runner, lambda: None).run()
    assert runner.jobs == []


def test_highlight_folds_and_escapes() -> None:
    assert highlight_html("Bostedet Århus <&>", ("aarhus",)) == "Bostedet <b>Århus</b> &lt;&amp;&gt;"
    assert match_spans("Hjerneskadecentret for hjerneskadede", ("hjerneskade",)) == [(0, 18), (23, 36)]
    assert highlight_html("x", ()) == "x"
