"""Log file in the user log directory; bugs are written there with their traceback."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from rammedesk import __version__
from rammedesk.paths import user_log_dir

LOG_NAME = "rammedesk.log"
log = logging.getLogger("rammedesk")


def setup_logging(directory: Path | None = None) -> Path:
    """Attach a rotating file handler (once). Returns the log file path."""
    directory = directory or user_log_dir()
    path = directory / LOG_NAME
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return path
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # an unwritable log dir must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def bug_details(exc: BaseException) -> str:
    """The text a user copies into a bug report: version and traceback."""
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return f"RammeDesk {__version__}\n{tb}"


def log_bug(exc: BaseException) -> str:
    details = bug_details(exc)
    log.error("Uventet fejl:\n%s", details)
    return details
