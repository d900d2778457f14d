"""A page of the main window: header, rule, and a scrollable body."""

from __future__ import annotations

from rammedesk.gui.qt import QFrame, QScrollArea, QVBoxLayout, QWidget
from rammedesk.gui.views.widgets import PageHeader, rule
from rammedesk.presenters.shell import Page


class PageView(QWidget):
    MAX_BODY_WIDTH = 1100

    def __init__(self, page: Page, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.setObjectName(f"page_{page.key}")
        self.setAccessibleName(page.title)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        body.setObjectName("pageBody")
        body.setMaximumWidth(self.MAX_BODY_WIDTH)
        scroll.setWidget(body)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(36, 28, 36, 28)
        self.body.setSpacing(18)
        self.header = PageHeader(page.key, page.title, page.subtitle)
        self.body.addWidget(self.header)
        self.body.addWidget(rule())
