"""Screenshots of the main window's pages and dialogs, rendered offscreen at 1280x800.

    .venv/bin/python packaging/screenshot.py [--out screenshots] [--size 3000] [--empty]

Builds a temporary database (demo data when ``rammedesk.services.demo`` is available, else
reference data only; ``--empty`` forces the latter), shows the real main window as the GUI
builds it, and saves one PNG per page and dialog to ``--out`` (``screenshots/`` is ignored
by git). Nothing outside the temporary directory and ``--out`` is touched; window settings
go to a temporary file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rammedesk.config import DatabaseLocation, resolve_location  # noqa: E402
from rammedesk.errors import UserError  # noqa: E402
from rammedesk.gui.app import Shell  # noqa: E402
from rammedesk.gui.dialogs.errors import ErrorReporter  # noqa: E402
from rammedesk.gui.qt import QApplication, QSettings, QTimer, QWidget  # noqa: E402
from rammedesk.gui.style import setup_application  # noqa: E402
from rammedesk.gui.tasks import SyncTaskRunner  # noqa: E402

SIZE = (1280, 800)


def build_database(directory: Path, size: int, empty: bool) -> DatabaseLocation:
    location = resolve_location(str(directory / "rammedesk.sqlite3"))
    if not empty:
        try:
            from rammedesk.services.demo import install_demo
        except ImportError:
            print("services.demo is not available yet: reference data only", file=sys.stderr)
        else:
            result = install_demo(location, size=size)
            print(f"demo data in {result.seconds:.1f} s", file=sys.stderr)
            return location
    from rammedesk.services.database import init_database

    init_database(location, force=False)
    return location


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def add_lists(location: DatabaseLocation) -> None:
    """A favourite, a shortlist with a note and a saved search, so the sidebar has content."""
    from rammedesk.services import lists
    from rammedesk.services.catalogue import SearchRequest, search
    from rammedesk.services.database import open_store

    store = open_store(location)
    try:
        hits = search(store, SearchRequest(text="autisme", limit=3, with_facets=False)).hits
        if not hits:
            return
        fav = lists.favourites(store)
        sag = lists.create_shortlist(store, "Sag 2026-0412")
        for hit in hits:
            lists.add_entry(store, fav.id, hit.afdeling_id)
        lists.add_entry(store, sag.id, hits[0].afdeling_id, "Ring til lederen om venteliste")
        lists.save_search(store, "Autisme i Midtjylland", "autisme", {"region": "1082"})
        lists.save_search(store, "Billige døgntilbud", "takst:<3000", {})
    finally:
        store.close()


def close(widget: Callable[[], QWidget | None]) -> None:
    """Close a dialog that an earlier step opened."""
    shown = widget()
    if shown is not None:
        shown.close()


def search_steps(shell: Shell, out: Path) -> Iterator[Callable[[], object]]:
    """The search page with a query typed and a facet chosen, then the details of a hit."""
    window = shell.window
    page = window.search_page
    yield partial(window.show_page, "soeg")

    def type_query() -> None:
        page.field.setFocus()
        page.field.setText("autisme")
        page._search_now()

    yield type_query

    def choose_facet() -> None:
        group = next((g for g in page.presenter.facets if g.facet == "region"), None)
        if group and group.values:
            best = max(group.values, key=lambda v: v.count)
            page.facets.toggled.emit(group.facet, best.value)
        page.table.setFocus()
        page.table.selectRow(0)

    yield choose_facet
    yield partial(save, window, out / "search.png")
    yield partial(page.open_current)
    yield lambda: save(page.details.dialog, out / "details.png")

    def scroll_details() -> None:
        dialog = page.details.dialog
        if dialog is not None:
            bar = dialog.body_scroll.verticalScrollBar()
            bar.setValue(bar.maximum())

    yield scroll_details
    yield lambda: save(page.details.dialog, out / "details-chart.png")
    yield partial(close, lambda: page.details.dialog)
    yield partial(page.show_shortlist, next(s for s in page.lists.shortlists if not s.favoritter))
    yield partial(save, window, out / "search-shortlist.png")
    yield page.back_to_search

    def add_favourite() -> None:
        page.table.selectRow(1)
        page.add_current(True)

    yield add_favourite
    yield lambda: save(page.lists.dialog, out / "add-favourite.png")
    yield partial(close, lambda: page.lists.dialog)


def steps(shell: Shell, out: Path, log_path: Path) -> Iterator[Callable[[], object]]:
    window = shell.window
    for index, page in enumerate(shell.presenter.pages):
        yield partial(window.show_page, page.key)
        yield partial(save, window, out / f"{index}-{page.key}.png")
    if shell.presenter.info is not None and shell.presenter.info.counts.tilbud:
        yield from search_steps(shell, out)
    help_dialog = window.show_help()
    yield lambda: save(help_dialog, out / "help.png")
    yield lambda: window.show_help("demodata")
    yield lambda: save(help_dialog, out / "help-demodata.png")
    yield help_dialog.close
    about = window.show_about()
    yield lambda: save(about, out / "about.png")
    yield about.close
    try:
        raise RuntimeError("Eksempel på en programfejl (skærmbillede)")
    except RuntimeError as exc:
        bug = shell.reporter.report(exc)
    yield lambda: save(bug, out / "bug-dialog.png")
    yield bug.close
    user = shell.reporter.report(
        UserError(
            "Filen er ikke en RammeDesk-database (ikke en SQLite-fil). Den er ikke ændret.",
            "C:\\Users\\sagsbehandler\\Dokumenter\\takster.xlsx",
        )
    )
    yield lambda: save(user, out / "user-error.png")
    yield user.close
    prompt = shell.ask_for_database(
        "Databasen findes ikke. Opret den med 'rammedesk init' (tom) eller 'rammedesk demo' "
        "(demodata), eller angiv den rigtige sti med --db.",
        str(log_path.parent / "mangler.sqlite3"),
    )
    yield lambda: save(prompt, out / "no-database.png")
    yield prompt.close


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--size", type=int, default=3000, help="number of demo afdelinger")
    parser.add_argument("--empty", action="store_true", help="reference data only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rammedesk-shots-") as tmp:
        tmpdir = Path(tmp)
        location = build_database(tmpdir, args.size, args.empty)
        if not args.empty:
            add_lists(location)
        app = QApplication(["rammedesk-screenshot"])
        translators = setup_application(app)
        settings = QSettings(str(tmpdir / "settings.ini"), QSettings.Format.IniFormat)
        log_path = tmpdir / "rammedesk.log"
        reporter = ErrorReporter(log_path)
        shell = Shell(
            runner=SyncTaskRunner(on_unhandled=reporter),
            settings=settings,
            reporter=reporter,
            log_path=log_path,
            quit_app=lambda code: None,
        )
        shell.start(location)
        shell.window.resize(*SIZE)
        todo = steps(shell, args.out, log_path)
        failed: list[int] = []

        def step() -> None:  # one step per event-loop turn, so layouts settle between grabs
            try:
                next(todo)()
            except StopIteration:
                app.quit()
                return
            except Exception:  # a broken step must not leave the script waiting forever
                traceback.print_exc()
                failed.append(1)
                app.quit()
                return
            QTimer.singleShot(60, step)

        QTimer.singleShot(200, step)
        app.exec()
        shell.shutdown()
        del translators
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
