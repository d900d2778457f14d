"""»Eksportér…«: the search result (all hits, not just the rows on screen) or the shown
shortlist with its notes, to xlsx, csv or pdf, with the provenance written into the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rammedesk import __version__
from rammedesk.gui.qt import QFileDialog, QWidget

if TYPE_CHECKING:
    from rammedesk.gui.views.search import SearchPage

FILTERS = "Excel-projektmappe (*.xlsx);;CSV, semikolonsepareret (*.csv);;PDF-rapport (*.pdf)"
ChooseSavePath = Callable[[QWidget, str], str | None]


def save_dialog(parent: QWidget, suggested: str) -> str | None:
    path, chosen = QFileDialog.getSaveFileName(parent, "Eksportér tilbud", suggested, FILTERS)
    if not path:
        return None
    if Path(path).suffix.lower() not in (".xlsx", ".csv", ".pdf"):  # typed without a suffix
        path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")") if "*." in chosen else ".xlsx"
    return path


def default_name(today: date) -> str:
    return f"tilbud-{today:%Y-%m-%d}.xlsx"


def export_job(
    path: Path,
    *,
    request: Any,
    shown: Any,
    title: str,
    notes: dict[int, str] | None,
    data_as_of: date | None,
    is_demo: bool,
) -> Callable[[Any], Path]:
    """The job for the runner. ``request`` (a SearchRequest) is re-run without the 200-row
    page limit; without it (a shortlist) the ``shown`` result is exported as it is."""

    def job(store: Any) -> Path:
        from rammedesk.domain.export import meta_from_result
        from rammedesk.services.catalogue import MAX_LIMIT, search
        from rammedesk.services.export import export_search_result

        result = shown
        if request is not None:
            result = search(store, replace(request, limit=MAX_LIMIT, offset=0, with_facets=False))
        meta = meta_from_result(
            shown,  # the facet labels of what the user sees
            created=datetime.now().replace(microsecond=0),
            version=__version__,
            title=title,
            data_as_of=data_as_of,
            is_demo=is_demo,
        )
        return export_search_result(result, path, None, meta, notes)

    return job


def start_export(page: SearchPage, choose: ChooseSavePath) -> None:
    """Ask for a file name, then export on the runner; the status bar says where it went."""
    store = page.store()
    if store is None or page.model.rowCount() == 0:
        return
    chosen = choose(page, str(Path.home() / default_name(date.today())))
    if not chosen:
        return
    info = page.info()
    shortlist = page.shortlist_view if page.mode == "shortlist" else None
    if shortlist is not None:
        request, shown, notes = None, shortlist.result, shortlist.notes
        title = f"Kortliste: {shortlist.shortlist.navn}"
    else:
        request, shown, notes, title = page.presenter.request(), page.presenter.result, None, "Søgeresultat"
    job = export_job(
        Path(chosen),
        request=request,
        shown=shown,
        title=title,
        notes=notes,
        data_as_of=info.data_as_of if info is not None else None,
        is_demo=bool(info is not None and info.is_demo),
    )
    page.status_message.emit("Eksporterer …")
    page.runner.submit(
        lambda _ctx: job(store),
        on_done=lambda path: page.status_message.emit(f"Eksporteret til {path}"),
        on_error=page.lists.show_error,
    )
