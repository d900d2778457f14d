"""Opens the details dialog for a tilbud and fills it from the worker thread.

One dialog is kept and reused; an answer for a tilbud the user has since left is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rammedesk.gui.qt import QObject, QWidget
from rammedesk.gui.views.details import DetailsDialog
from rammedesk.gui.views.search_style import DETAILS_STYLE


class DetailsOpener(QObject):
    def __init__(
        self,
        parent: QWidget,
        runner: Any,
        store: Callable[[], Any],
        *,
        is_demo: Callable[[], bool],
        on_error: Callable[[BaseException, QWidget], None],
        on_add: Callable[[int, bool, DetailsDialog], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._store = store
        self._is_demo = is_demo
        self._on_error = on_error
        self._on_add = on_add
        self.dialog: DetailsDialog | None = None
        self._generation = 0

    def _ensure_dialog(self) -> DetailsDialog:
        if self.dialog is None:
            dialog = DetailsDialog(self._parent.window())
            dialog.setStyleSheet(DETAILS_STYLE)
            dialog.add_requested.connect(lambda afd, fav: self._on_add(afd, fav, dialog))
            self.dialog = dialog
        return self.dialog

    def hide(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()

    def open(self, tilbud_id: int, afdeling_id: int | None = None) -> DetailsDialog | None:
        store = self._store()
        if store is None:
            return None
        dialog = self._ensure_dialog()
        dialog.show_loading()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self._generation += 1
        generation = self._generation
        is_demo = self._is_demo()

        def job(_ctx: Any) -> Any:
            from rammedesk.presenters.details import present_details
            from rammedesk.services.catalogue import tilbud_details

            found = tilbud_details(store, tilbud_id)
            return present_details(found, date.today(), is_demo), tuple(a.id for a in found.afdelinger)

        def done(result: Any) -> None:
            if generation == self._generation:
                dialog.show_view(result[0], result[1], afdeling_id)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                dialog.show_error(getattr(exc, "message", "Der opstod en fejl i programmet."))
            self._on_error(exc, dialog)

        self._runner.submit(job, on_done=done, on_error=failed)
        return dialog
