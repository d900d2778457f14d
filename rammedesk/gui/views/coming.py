"""The honest page for a job that a later version brings: says what will come."""

from __future__ import annotations

from rammedesk.gui.qt import QWidget
from rammedesk.gui.views.page import PageView
from rammedesk.gui.views.widgets import Notice, label
from rammedesk.presenters.shell import Page


class ComingLaterPage(PageView):
    def __init__(self, page: Page, parent: QWidget | None = None):
        super().__init__(page, parent)
        self.notice = Notice("Ikke tilgængelig endnu", page.coming)
        self.body.addWidget(self.notice)
        if page.plans:
            self.body.addWidget(label("Det kommer til at kunne", "sectionTitle"))
            self.plans = []
            for plan in page.plans:
                item = label(f"•  {plan}", "bodyText", wrap=True)
                self.plans.append(item)
                self.body.addWidget(item)
        self.body.addWidget(
            label(
                "Indtil da kan du se databasens indhold under Oversigt (Ctrl+0) og læse mere i Hjælp (F1).",
                "pageSubtitle",
                wrap=True,
            )
        )
        self.body.addStretch(1)
