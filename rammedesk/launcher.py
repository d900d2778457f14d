"""Start the window, or — on a machine without a display — say so and show the data."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from rammedesk.config import DatabaseLocation
from rammedesk.logging_setup import setup_logging

NO_DISPLAY_MESSAGE = """\
RammeDesk: Der er ingen skærm (display) på denne maskine, så vinduet kan ikke åbnes.
  Start RammeDesk fra en skrivebordssession, eller kør det på en virtuel skærm:
      xvfb-run -a {command}
RammeDesk: There is no display on this machine, so the window cannot open.
  Start RammeDesk from a desktop session, or run it on a virtual display:
      xvfb-run -a {command}
Her er hvad databasen indeholder / This is what the database holds:
"""


def _command() -> str:
    """How the user started us, so the hint can be pasted as it is."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "rammedesk" and script.exists():
        return str(script.resolve())
    return f"{sys.executable} -m rammedesk"


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
    out.write(NO_DISPLAY_MESSAGE.format(command=_command()) + "\n")
    _print_info(info, out)
    out.write(f"\nEksempel: rammedesk search {SAMPLE_QUERY} --limit 5\n")
    print_search_result(result, out)
    return 0


# Qt's xcb plugin aborts the process (no exception) when one of these is missing.
XCB_LIBRARIES = ("xcb-cursor", "xkbcommon-x11", "xcb-icccm", "xcb-keysyms", "xcb-render-util")
XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 "
    "libxcb-image0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1"
)


def missing_xcb_libraries(environ: dict[str, str] | None = None, platform: str | None = None) -> list[str]:
    """Libraries the X11 window needs that this machine lacks (empty when not on X11)."""
    import ctypes.util

    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    chosen = env.get("QT_QPA_PLATFORM", "")
    on_x11 = chosen.startswith("xcb") or (
        not chosen and bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")
    )
    if not plat.startswith("linux") or not on_x11:
        return []
    return [name for name in XCB_LIBRARIES if ctypes.util.find_library(name) is None]


def launch(location: DatabaseLocation, out: TextIO, err: TextIO) -> int:
    setup_logging()
    if not display_available():
        return headless_summary(location, out, err)
    missing = missing_xcb_libraries()
    if missing:
        from rammedesk.errors import UserError

        raise UserError(
            "Vinduet kan ikke åbnes, fordi systembiblioteker til X11 mangler: "
            f"{', '.join('lib' + m for m in missing)}. Installér dem (Debian/Ubuntu: "
            f"apt-get install {XCB_PACKAGES}) eller kør 'bash packaging/setup.sh run'. "
            "/ The window cannot open: X11 libraries are missing (see the list above).",
            "Qt xcb",
        )
    from rammedesk.gui.app import run_gui

    return int(run_gui(location, sys.argv[:1]))
