"""Line icons drawn for RammeDesk (resources/icons/*.svg), tinted when loaded."""

from __future__ import annotations

from rammedesk.gui.qt import (
    QApplication,
    QByteArray,
    QIcon,
    QImage,
    QPainter,
    QPixmap,
    QStyle,
    QSvgRenderer,
    Qt,
)
from rammedesk.paths import RESOURCES_DIR

ICONS_DIR = RESOURCES_DIR / "icons"

# Standard icons used when an SVG file is missing (a broken install must still start).
_FALLBACK = {
    "oversigt": QStyle.StandardPixmap.SP_DirHomeIcon,
    "soeg": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "sammenlign": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "udgifter": QStyle.StandardPixmap.SP_FileDialogInfoView,
    "spoergeskema": QStyle.StandardPixmap.SP_FileDialogListView,
    "advarsel": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "database": QStyle.StandardPixmap.SP_DriveHDIcon,
    "rammedesk": QStyle.StandardPixmap.SP_ComputerIcon,
}


def render_svg(name: str, color: str | None, size: int) -> QPixmap | None:
    """The icon as a pixmap of ``size`` device-independent pixels (crisp on high-DPI screens)."""
    path = ICONS_DIR / f"{name}.svg"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    if color is not None:
        text = text.replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    if not renderer.isValid():
        return None
    ratio = 2
    image = QImage(size * ratio, size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: str | None = "#334e68", size: int = 20) -> QIcon:
    pixmap = render_svg(name, color, size)
    if pixmap is not None:
        return QIcon(pixmap)
    standard = _FALLBACK.get(name, QStyle.StandardPixmap.SP_FileIcon)
    return QApplication.style().standardIcon(standard)


def app_icon() -> QIcon:
    result = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        pixmap = render_svg("rammedesk", None, size)
        if pixmap is not None:
            result.addPixmap(pixmap)
    return result
