"""Start the window, or — on a machine without a display — say so and show the data."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rammedesk.config import DatabaseLocation
from rammedesk.logging_setup import setup_logging

NO_DISPLAY_MESSAGE = """\
RammeDesk: Der er ingen skærm (display) på denne maskine, så vinduet kan ikke åbnes.
  Start RammeDesk fra en skrivebordssession, eller kør det på en virtuel skærm:
      xvfb-run -a rammedesk
RammeDesk: There is no display on this machine, so the window cannot open.
  Start RammeDesk from a desktop session, or run it on a virtual display:
      xvfb-run -a rammedesk
Her er hvad databasen indeholder / This is what the database holds:
"""


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM"):
        return True  # the user chose a Qt platform (xcb, wayland, offscreen, vnc …)
    if plat.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a window system


def ensure_first_start_database(location: DatabaseLocation, err: TextIO) -> None:
    """On the default location only, the first start creates the database with demo data."""
    if not (location.is_default and location.path is not None and not location.path.exists()):
        return
    from rammedesk.services.demo import install_demo

    err.write(f"Første start: opretter en database med demodata i {location.display} …\n")
    install_demo(location)


SAMPLE_QUERY = "autisme"


def headless_summary(location: DatabaseLocation, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli import _print_info
    from rammedesk.cli_catalogue import print_search_result
    from rammedesk.services.catalogue import SearchRequest, search
    from rammedesk.services.database import describe, open_store

    ensure_first_start_database(location, err)
    store = open_store(location)
    try:
        info = describe(store)
        result = search(store, SearchRequest(text=SAMPLE_QUERY, limit=5, with_facets=False))
    finally:
        store.close()
    out.write(NO_DISPLAY_MESSAGE + "\n")
    _print_info(info, out)
    out.write(f"\nEksempel: rammedesk search {SAMPLE_QUERY} --limit 5\n")
    print_search_result(result, out)
    return 0


def launch(location: DatabaseLocation, out: TextIO, err: TextIO) -> int:
    setup_logging()
    if not display_available():
        return headless_summary(location, out, err)
    from rammedesk.gui.app import run_gui

    return int(run_gui(location, sys.argv[:1]))
