"""Hjælp → Om RammeDesk: version, what it is, where its files are, licences."""

from __future__ import annotations

import html
import platform
from pathlib import Path

from rammedesk import __version__
from rammedesk.gui import icons
from rammedesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
    qt_versions,
)


def about_html(database: str | None, log_path: Path | None) -> str:
    rows = [
        ("Version", __version__),
        ("Database", database or "Ingen database er åben"),
        ("Logfil", str(log_path) if log_path else "–"),
        ("Teknik", f"Python {platform.python_version()}, {qt_versions()}"),
    ]
    table = "".join(
        f"<tr><td style='color:#52606d; padding-right:14px'>{html.escape(k)}</td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return (
        f"<h2 style='margin-bottom:2px'>RammeDesk {html.escape(__version__)}</h2>"
        "<p>Tilbudsvifte, takster, udgifter og kapacitetsspørgeskema for kommunernes køb og "
        "salg af pladser på det specialiserede socialområde under rammeaftalerne.</p>"
        f"<table cellspacing='0' cellpadding='2'>{table}</table>"
        "<p style='color:#52606d'>Skrifttypen DejaVu Sans er fri (Bitstream Vera-licens). "
        "Brugerfladen bygger på Qt og PySide6 (LGPL v3).</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, database: str | None, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("Om RammeDesk")
        self.setMinimumWidth(600)
        column = QVBoxLayout(self)
        row = QHBoxLayout()
        row.setSpacing(18)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(64, 64))
        row.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_html(database, log_path))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setFixedWidth(460)  # a fixed width lets the wrapped text get its full height
        row.addWidget(self.text, 1)
        column.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
