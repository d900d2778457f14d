"""The search page's actions: its keyboard shortcuts and the entries of the main menus.

The actions belong to the page (so their window-wide shortcuts work only while it is shown)
and are enabled only while it is the current page; the main window puts them in its menus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rammedesk.gui.qt import QAction, QKeySequence, Qt, QWidget

if TYPE_CHECKING:
    from rammedesk.gui.views.search import SearchPage

WINDOW = Qt.ShortcutContext.WindowShortcut
WITHIN = Qt.ShortcutContext.WidgetWithChildrenShortcut


def _action(
    page: SearchPage,
    text: str,
    keys: list[str],
    slot: Callable[[], object],
    name: str,
    *,
    context: Qt.ShortcutContext = WINDOW,
    owner: QWidget | None = None,
) -> QAction:
    action = QAction(text, page)
    action.setObjectName(name)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    (owner or page).addAction(action)
    return action


class SearchActions:
    def __init__(self, page: SearchPage) -> None:
        self.page = page
        a = _action
        self.find = a(page, "&Find…", ["Ctrl+F"], page.focus_search, "actionFind")
        self.clear = a(page, "&Ryd søgning", ["Esc"], page.clear, "actionClearSearch", context=WITHIN)
        self.details = a(page, "Vis &detaljer", [], page.open_current, "actionDetails")
        self.details.setToolTip("Vis detaljer om tilbuddet (Enter eller dobbeltklik i listen)")
        self.favourite = a(
            page, "Tilføj til &favoritter…", ["Ctrl+D"], lambda: page.add_current(True), "actionFavourite"
        )
        self.add = a(
            page,
            "Tilføj til &kortliste…",
            ["Ctrl+Shift+D"],
            lambda: page.add_current(False),
            "actionAddToList",
        )
        self.remove = a(
            page,
            "Fjern fra kortlis&te",
            ["Del"],
            page.remove_current,
            "actionRemoveEntry",
            context=Qt.ShortcutContext.WidgetShortcut,
            owner=page.table,
        )
        self.save = a(page, "&Gem søgning…", ["Ctrl+S"], page.save_search, "actionSaveSearch")
        self.export = a(page, "&Eksportér tilbud…", ["Ctrl+E"], page.export, "actionExport")
        self.rename = a(
            page, "&Omdøb…", ["F2"], page.rename_current, "actionRename", context=WITHIN, owner=page.sidebar
        )
        self.delete = a(
            page, "&Slet", ["Del"], page.delete_current, "actionDelete", context=WITHIN, owner=page.sidebar
        )
        stack = page.lists.stack
        self.undo = a(page, "&Fortryd", ["Ctrl+Z"], stack.undo, "actionUndo")
        self.redo = a(page, "&Annullér fortryd", ["Ctrl+Shift+Z", "Ctrl+Y"], stack.redo, "actionRedo")
        for signal in (
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ):
            signal.connect(page._update_actions)  # bound to the page: gone when it is

    @property
    def edit_menu(self) -> list[QAction | None]:
        """The entries of Rediger (None: a separator)."""
        return [self.undo, self.redo, None, self.rename, self.delete]

    @property
    def tilbud_menu(self) -> list[QAction | None]:
        return [
            self.find,
            self.clear,
            None,
            self.details,
            self.favourite,
            self.add,
            self.remove,
            None,
            self.save,
        ]

    def update(self) -> None:
        page = self.page
        on = page.active and page.has_database()
        row = page.current_row() is not None
        current = page.sidebar.current()
        item = current[1] if current is not None else None
        editable = on and item is not None and not getattr(item, "favoritter", False)
        self.find.setEnabled(on)
        self.clear.setEnabled(on)
        self.save.setEnabled(on and page.mode == "search")
        self.export.setEnabled(on and page.model.rowCount() > 0)
        for action in (self.details, self.favourite, self.add):
            action.setEnabled(on and row)
        self.remove.setEnabled(on and row and page.mode == "shortlist")
        self.rename.setEnabled(editable)
        self.delete.setEnabled(editable)
        stack = page.lists.stack
        self.undo.setEnabled(on and stack.canUndo())
        self.redo.setEnabled(on and stack.canRedo())
        self.undo.setText("&Fortryd" + (f": {stack.undoText()}" if stack.canUndo() else ""))
        self.redo.setText("&Annullér fortryd" + (f": {stack.redoText()}" if stack.canRedo() else ""))
        page.save_button.setEnabled(self.save.isEnabled())
        page.export_button.setEnabled(self.export.isEnabled())
