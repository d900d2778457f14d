"""Small building blocks shared by the pages: header, demo banner, figure card, notice."""

from __future__ import annotations

from rammedesk.gui import icons, style
from rammedesk.gui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


def label(text: str, name: str, *, wrap: bool = False, selectable: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class PageHeader(QWidget):
    """Icon, title and one line saying what the page is for."""

    def __init__(self, icon_name: str, title: str, subtitle: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageHeader")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        glyph = QLabel()
        glyph.setPixmap(icons.icon(icon_name, style.ACCENT, 32).pixmap(32, 32))
        glyph.setAlignment(Qt.AlignmentFlag.AlignTop)
        glyph.setContentsMargins(0, 4, 0, 0)
        row.addWidget(glyph)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = label(title, "pageTitle")
        self.subtitle = label(subtitle, "pageSubtitle", wrap=True)
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        row.addLayout(text, 1)


def rule() -> QFrame:
    line = QFrame()
    line.setObjectName("pageRule")
    line.setFrameShape(QFrame.Shape.NoFrame)
    return line


class DemoBanner(QFrame):
    """The amber bar that says the data are fictitious. Hidden unless demo data is present."""

    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAccessibleName("Demodata")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 9, 14, 9)
        row.setSpacing(12)
        glyph = QLabel()
        glyph.setPixmap(icons.icon("advarsel", style.AMBER_ICON, 22).pixmap(22, 22))
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignVCenter)
        self.text = QLabel()
        self.text.setObjectName("demoBannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.text, 1)
        self.more = QPushButton("Om demodata")
        self.more.setObjectName("demoBannerButton")
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.clicked.connect(self.more_requested)
        row.addWidget(self.more, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_text(self, text: str) -> None:
        """``text`` starts with 'Demodata:'; that word is shown in bold."""
        head, sep, rest = text.partition(":")
        escaped = _escape(rest) if sep else _escape(text)
        self.text.setText(f"<b>{_escape(head)}:</b>{escaped}" if sep else escaped)
        self.text.setAccessibleDescription(text)
        self.setToolTip(text)

    def plain_text(self) -> str:
        return self.toolTip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FigureCard(QFrame):
    """A number with its label, e.g. '1.500' over 'Tilbud'."""

    def __init__(self, caption: str, value: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setMinimumWidth(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(2)
        self.value = label(value, "cardValue")
        self.caption = label(caption, "cardLabel")
        column.addWidget(self.value)
        column.addWidget(self.caption)
        self.setAccessibleName(f"{caption}: {value}")


class Notice(QFrame):
    """A calm blue box: a title, a sentence and an optional list of points."""

    def __init__(self, title: str, text: str, points: tuple[str, ...] = (), parent=None):
        super().__init__(parent)
        self.setObjectName("notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 16, 18, 16)
        row.setSpacing(14)
        glyph = QLabel()
        glyph.setPixmap(icons.icon("info", style.ACCENT, 24).pixmap(24, 24))
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(8)
        self.title = label(title, "noticeTitle", wrap=True)
        self.text = label(text, "bodyText", wrap=True)
        column.addWidget(self.title)
        column.addWidget(self.text)
        self.points = []
        for point in points:
            item = label(f"•  {point}", "bodyText", wrap=True)
            item.setContentsMargins(6, 0, 0, 0)
            self.points.append(item)
            column.addWidget(item)
        row.addLayout(column, 1)
