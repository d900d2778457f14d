"""The search screen without Qt: query state, stale-result dropping, rows, facets.

The view debounces typing and calls ``run()``; every run gets a generation number and a
result whose generation is not the newest is dropped, so an old, slow answer never
overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from rammedesk.domain.search import FacetGroup, SearchHit, SearchResult
from rammedesk.domain.vocab import DriftsherreArt, Enhed
from rammedesk.presenters.formatting import format_int, format_kr
from rammedesk.presenters.highlight import highlight_html

if TYPE_CHECKING:
    from rammedesk.services.catalogue import SearchRequest
    from rammedesk.storage.store import Store

PAGE_SIZE = 200
DEBOUNCE_MS = 150

COLUMNS: tuple[tuple[str, str], ...] = (
    ("navn", "Tilbud / afdeling"),
    ("kommune", "Kommune"),
    ("paragraf", "Paragraf"),
    ("takst", "Aktuel takst"),
    ("pladser", "Pladser"),
)


class Runner(Protocol):
    def submit(
        self,
        fn: Callable[[Any], Any],
        *,
        on_done: Callable[[Any], None] | None = ...,
        on_error: Callable[[BaseException], None] | None = ...,
    ) -> Any: ...


@dataclass(frozen=True)
class ResultRow:
    hit: SearchHit
    name_html: str
    kommune: str
    paragraf: str
    takst: str
    pladser: str
    tooltip: str


def takst_cell(hit: SearchHit) -> str:
    if hit.takst is None:
        return "–"
    if hit.takst.amount is None:
        return f"Individuel pris ({hit.takst.year})"
    return f"{format_kr(hit.takst.amount)} pr. {Enhed(hit.takst.unit).label} ({hit.takst.year})"


def make_row(hit: SearchHit, highlight: tuple[str, ...]) -> ResultRow:
    name = highlight_html(hit.tilbud, highlight)
    afdeling = highlight_html(hit.afdeling, highlight)
    maal = "; ".join(m.label for m in hit.maalgrupper)
    return ResultRow(
        hit=hit,
        name_html=f"{name}<br><span style='color:#55606e'>{afdeling}</span>",
        kommune=hit.kommune,
        paragraf=", ".join(p.label for p in hit.paragraffer) or "–",
        takst=takst_cell(hit),
        pladser=format_int(hit.pladser) if hit.pladser is not None else "–",
        tooltip=(
            f"{hit.tilbud} — {hit.afdeling}\n{hit.kommune}, {hit.region}\n"
            f"Driftsherre: {DriftsherreArt(hit.driftsherre_art).label}"
            + (f"\nMålgrupper: {maal}" if maal else "")
        ),
    )


@dataclass
class SearchState:
    text: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    sort: str = "relevans"
    descending: bool = False


class SearchPresenter:
    def __init__(self, runner: Runner, store: Callable[[], Store | None]) -> None:
        self._runner = runner
        self._store = store
        self.state = SearchState()
        self.generation = 0
        self.result: SearchResult | None = None
        self.rows: list[ResultRow] = []
        self.busy = False
        self.error: str | None = None
        self.listeners: list[Callable[[], None]] = []

    # -- commands ------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self.state.text = text

    def toggle_facet(self, facet: str, value: str) -> None:
        if self.state.facets.get(facet) == value:
            del self.state.facets[facet]
        else:
            self.state.facets[facet] = value
        self.run()

    def clear_facet(self, facet: str) -> None:
        if self.state.facets.pop(facet, None) is not None:
            self.run()

    def set_sort(self, key: str, descending: bool) -> None:
        self.state.sort = key
        self.state.descending = descending
        self.run()

    def clear(self) -> None:
        """Esc: empty query and no facets."""
        self.state = SearchState(sort=self.state.sort, descending=self.state.descending)
        self.run()

    def apply(
        self, text: str, facets: dict[str, str], sort: str | None = None, descending: bool | None = None
    ) -> None:
        """Run a saved search (with its sort order, when it has one)."""
        self.state.text = text
        self.state.facets = dict(facets)
        if sort is not None:
            self.state.sort = sort
        if descending is not None:
            self.state.descending = descending
        self.run()

    def request(self) -> SearchRequest:
        from rammedesk.services.catalogue import SearchRequest

        return SearchRequest(
            text=self.state.text,
            facets=dict(self.state.facets),
            sort=self.state.sort,
            descending=self.state.descending,
            limit=PAGE_SIZE,
        )

    def run(self) -> None:
        store = self._store()
        if store is None:
            return
        self.generation += 1
        generation = self.generation
        request = self.request()
        self.busy = True

        def job(_ctx: object) -> SearchResult:
            from rammedesk.services.catalogue import search

            return search(store, request)

        self._runner.submit(
            job, on_done=lambda r: self._done(generation, r), on_error=lambda e: self._failed(generation, e)
        )
        self._notify()

    # -- results -------------------------------------------------------------------------------

    def _done(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # stale: a newer search is on its way
        self.busy = False
        self.error = None
        self.result = result
        self.rows = [make_row(h, result.highlight) for h in result.hits]
        self._notify()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.busy = False
        from rammedesk.errors import UserError

        if not isinstance(exc, UserError):
            raise exc
        self.error = exc.message
        self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener()

    # -- text for the view ---------------------------------------------------------------------

    @property
    def facets(self) -> tuple[FacetGroup, ...]:
        return self.result.facets if self.result else ()

    def summary(self) -> str:
        if self.error:
            return self.error
        if self.result is None:
            return "Søger …" if self.busy else ""
        total = self.result.total
        shown = len(self.result.hits)
        text = f"{format_int(total)} {'afdeling' if total == 1 else 'afdelinger'}"
        if shown < total:
            text += f" (viser de første {format_int(shown)})"
        if self.result.did_you_mean is not None:
            text += " · viser også hits med lignende stavemåder"
        if self.result.hints:
            text += " · " + " ".join(self.result.hints)
        return text

    def did_you_mean(self) -> str | None:
        """The corrected query to offer (»Mente du …?«), when typos were forgiven."""
        if self.error or self.result is None:
            return None
        return self.result.did_you_mean
