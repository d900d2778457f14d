"""Hjælp (F1): the Danish help text from resources/help/da.html, with this installation's paths."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from string import Template

from rammedesk.gui.qt import QDialog, QDialogButtonBox, QTextBrowser, QTimer, QVBoxLayout, QWidget
from rammedesk.paths import RESOURCES_DIR

log = logging.getLogger(__name__)

HELP_FILE = RESOURCES_DIR / "help" / "da.html"

MISSING = (
    "<h1>Hjælp til RammeDesk</h1><p>Hjælpeteksten blev ikke fundet i installationen "
    "(<code>$path</code>). Installér RammeDesk igen, eller kontakt den, der hjælper med "
    "RammeDesk.</p>"
)


def help_html(database: str | None, log_path: Path | None, source: Path = HELP_FILE) -> str:
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        log.warning("Help text missing: %s", source)
        text = MISSING
    return Template(text).safe_substitute(
        database=html.escape(database or "(ingen database er åben)"),
        logfile=html.escape(str(log_path) if log_path else "(ingen logfil)"),
        path=html.escape(str(source)),
    )


class HelpDialog(QDialog):
    """Non-modal: the user can read the help beside the main window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("Hjælp – RammeDesk")
        self.resize(780, 680)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 8)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Hjælpetekst")
        self.browser.document().setDocumentMargin(24)
        column.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.setContentsMargins(0, 0, 12, 0)
        column.addWidget(buttons)
        self._anchor = ""
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self._scroll_to_anchor)

    def show_help(self, database: str | None, log_path: Path | None, anchor: str = "") -> None:
        self.browser.setHtml(help_html(database, log_path))
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()
        self._anchor = anchor
        if anchor:  # after the layout of the shown dialog, or the scroll is lost
            self._scroll_timer.start()

    def _scroll_to_anchor(self) -> None:
        self.browser.scrollToAnchor(self._anchor)
