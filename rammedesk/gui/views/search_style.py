"""Style sheet of the search page and the details dialog (on top of gui/style.py)."""

from __future__ import annotations

from rammedesk.gui.style import ACCENT, AMBER_BG, AMBER_LINE, AMBER_TEXT, LINE, MUTED, TEXT

STYLE = f"""
QLabel#panelTitle {{ font-weight: bold; color: #243b53; }}
QLabel#searchLabel {{ font-weight: bold; color: #243b53; }}
QLineEdit#searchField {{
    padding: 6px 8px; border: 1px solid #9fb3c8; border-radius: 5px; background: #ffffff;
    font-size: 11pt;
}}
QLineEdit#searchField:focus {{ border: 2px solid {ACCENT}; padding: 5px 7px; }}
QLabel#searchHint {{ color: {MUTED}; font-size: 8.5pt; }}
QLabel#searchSummary {{ color: {TEXT}; padding-left: 8px; }}
QLabel#searchSummary[error="true"] {{ color: #9b2c2c; }}
QPushButton#didYouMean {{
    color: {ACCENT}; text-decoration: underline; border: 1px solid transparent; padding: 2px 4px;
    text-align: left; font-size: 10pt;
}}
QPushButton#didYouMean:focus {{ border: 1px solid {ACCENT}; border-radius: 3px; }}
QTableView#searchResults, QTreeWidget#facetTree, QTreeWidget#listsTree {{
    background: #ffffff; border: 1px solid {LINE}; border-radius: 4px;
}}
QTableView#searchResults:focus, QTreeWidget#facetTree:focus, QTreeWidget#listsTree:focus {{
    border: 1px solid {ACCENT};
}}
QSplitter#searchSplitter::handle {{ background: transparent; width: 8px; }}
"""

DETAILS_STYLE = f"""
QFrame#detailsWarning {{ background: {AMBER_BG}; border: 1px solid {AMBER_LINE}; border-radius: 6px; }}
QLabel#detailsWarningText {{ color: {AMBER_TEXT}; }}
QScrollArea#detailsScroll, QWidget#detailsBody {{ background: transparent; }}
"""
