"""Look and language of the application: fonts, palette, style sheet, Danish Qt texts."""

from __future__ import annotations

import logging

from rammedesk.gui.qt import (
    QApplication,
    QColor,
    QFont,
    QFontDatabase,
    QLibraryInfo,
    QLocale,
    QPalette,
    QStyleFactory,
    QTranslator,
)
from rammedesk.paths import APP_NAME, RESOURCES_DIR

log = logging.getLogger(__name__)

FONTS_DIR = RESOURCES_DIR / "fonts"
FONT_FAMILY = "DejaVu Sans"
FONT_POINT_SIZE = 10

# A calm palette: slate text, a municipal blue accent, amber only for the demo warning.
ACCENT = "#1f5f8b"
ACCENT_DARK = "#174a6d"
TEXT = "#1f2933"
MUTED = "#52606d"
WINDOW = "#f5f7fa"
PANEL = "#e9eef4"
LINE = "#d3dce6"
ICON = "#334e68"
AMBER_BG = "#fff3d6"
AMBER_LINE = "#e8b64c"
AMBER_TEXT = "#5c3d00"
AMBER_ICON = "#b7791f"

STYLE_SHEET = f"""
QMainWindow {{ background: {WINDOW}; }}
QWidget#content {{ background: {WINDOW}; }}
QScrollArea#pageScroll {{ background: transparent; border: none; }}
QWidget#pageBody {{ background: transparent; }}

QFrame#navPanel {{ background: {PANEL}; border: none; border-right: 1px solid {LINE}; }}
QLabel#brandName {{ font-size: 13pt; font-weight: bold; color: {ACCENT_DARK}; }}
QListWidget#navigation {{
    background: {PANEL};
    border: none;
    padding-top: 6px;
    outline: 0;
}}
QListWidget#navigation::item {{
    color: #243b53;
    padding: 9px 10px;
    margin: 1px 8px;
    border-radius: 6px;
    border-left: 3px solid transparent;
}}
QListWidget#navigation::item:hover {{ background: #dde6ef; }}
QListWidget#navigation::item:selected {{
    background: #ffffff;
    color: #102a43;
    border-left: 3px solid {ACCENT};
}}
QListWidget#navigation::item:selected:focus {{
    background: #ffffff;
    border: 1px solid {ACCENT};
    border-left: 3px solid {ACCENT};
}}

QLabel#navCaption {{ color: {MUTED}; padding: 14px 18px 2px 18px; font-size: 8.5pt; }}

QLabel#pageTitle {{ font-size: 17pt; font-weight: bold; color: #102a43; }}
QLabel#pageSubtitle {{ color: {MUTED}; }}
QFrame#pageRule {{ background: {LINE}; max-height: 1px; min-height: 1px; border: none; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: bold; color: #243b53; }}
QLabel#bodyText {{ color: {TEXT}; }}

QFrame#demoBanner {{ background: {AMBER_BG}; border: none; border-bottom: 1px solid {AMBER_LINE}; }}
QLabel#demoBannerText {{ color: {AMBER_TEXT}; }}
QPushButton#demoBannerButton {{
    color: {AMBER_TEXT}; background: transparent; border: 1px solid {AMBER_LINE};
    border-radius: 4px; padding: 4px 12px;
}}
QPushButton#demoBannerButton:hover {{ background: #ffe8ad; }}
QPushButton#demoBannerButton:focus {{ border: 2px solid {AMBER_ICON}; }}

QFrame#card {{ background: #ffffff; border: 1px solid #d9e2ec; border-radius: 8px; }}
QLabel#cardValue {{ font-size: 19pt; font-weight: bold; color: {ACCENT_DARK}; }}
QLabel#cardLabel {{ color: {MUTED}; }}

QFrame#factsBox {{ background: #ffffff; border: 1px solid #d9e2ec; border-radius: 8px; }}
QLabel#factLabel {{ color: {MUTED}; }}
QLabel#factValue {{ color: {TEXT}; }}

QFrame#notice {{ background: #eef4fa; border: 1px solid #c5d7e8; border-radius: 8px; }}
QLabel#noticeTitle {{ font-size: 11pt; font-weight: bold; color: {ACCENT_DARK}; }}

QStatusBar {{ background: {PANEL}; border-top: 1px solid {LINE}; color: #334e68; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel {{ color: #334e68; padding: 2px 10px; }}
QFrame#statusSeparator {{ color: #b6c2cf; }}
"""


def register_fonts() -> str:
    """Register the bundled DejaVu fonts; return the family to use."""
    family = FONT_FAMILY
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        path = FONTS_DIR / name
        if not path.exists():
            log.warning("Font missing: %s", path)
            continue
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("Font could not be loaded: %s", path)
    return family


def install_translations(app: QApplication) -> list[QTranslator]:
    """Danish texts for Qt's own buttons and dialogs (OK → OK, Cancel → Annuller, …).

    The translators are returned so the caller keeps them alive as long as the application.
    """
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase_da",):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("Qt translation %s not found in %s", name, directory)
    return installed


def light_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Window, QColor(WINDOW))
    palette.setColor(role.WindowText, QColor(TEXT))
    palette.setColor(role.Base, QColor("#ffffff"))
    palette.setColor(role.AlternateBase, QColor("#f0f4f8"))
    palette.setColor(role.Text, QColor(TEXT))
    palette.setColor(role.Button, QColor("#f0f4f8"))
    palette.setColor(role.ButtonText, QColor(TEXT))
    palette.setColor(role.Highlight, QColor(ACCENT))
    palette.setColor(role.HighlightedText, QColor("#ffffff"))
    palette.setColor(role.ToolTipBase, QColor("#ffffff"))
    palette.setColor(role.ToolTipText, QColor(TEXT))
    palette.setColor(role.Link, QColor(ACCENT))
    palette.setColor(role.PlaceholderText, QColor("#7b8794"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#9aa5b1"))
    return palette


def setup_application(app: QApplication) -> list[QTranslator]:
    """Names, fonts, style, palette and translations. Returns the translators to keep."""
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    family = register_fonts()
    font = QFont(family, FONT_POINT_SIZE)
    app.setFont(font)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(light_palette())
    app.setStyleSheet(STYLE_SHEET)
    return install_translations(app)
