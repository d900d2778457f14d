"""The list commands of the search page: add to favourites or a shortlist, save a search,
rename, delete, remove an entry — each made on the worker thread and undoable.

``ListActions`` owns the QUndoStack. A change is pushed only after the database took it;
``changed`` is emitted after every change, undo and redo, so the page reloads its lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.domain.lists import FAVOURITES_NAME
from rammedesk.errors import UserError
from rammedesk.gui.dialogs.add_to_list import AddToListDialog
from rammedesk.gui.dialogs.errors import user_error_box
from rammedesk.gui.qt import QInputDialog, QMessageBox, QObject, Qt, QTimer, QUndoStack, QWidget, Signal
from rammedesk.gui.views import search_undo as undo
from rammedesk.gui.views.search_undo import StoreCommand, StoreJob


class ListActions(QObject):
    changed = Signal()
    status = Signal(str)

    def __init__(self, parent: QWidget, runner: Any, store: Callable[[], Any]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._store = store
        self.stack = QUndoStack(self)
        self.shortlists: tuple[Any, ...] = ()
        self.saved_searches: tuple[Any, ...] = ()
        self.dialog: AddToListDialog | None = None
        self.name_dialog: QInputDialog | None = None
        self.last_error: QMessageBox | None = None

    # -- plumbing ------------------------------------------------------------------------------

    def _submit(
        self, job: Callable[[Any], Any], on_done: Callable[[Any], None], parent: QWidget | None = None
    ) -> None:
        store = self._store()
        if store is None:
            return
        self._runner.submit(
            lambda _ctx: job(store), on_done=on_done, on_error=lambda exc: self.show_error(exc, parent)
        )

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the runner hands it to the error reporter
        box = user_error_box(exc, parent or self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = box
        box.open()

    def _push(self, text: str, jobs: tuple[StoreJob, StoreJob]) -> None:
        self.stack.push(StoreCommand(text, undo=jobs[0], redo=jobs[1], execute=self._execute))
        self.changed.emit()

    def _execute(self, job: StoreJob) -> None:
        """Run an undo or redo; if it fails the stack no longer matches the database."""

        def failed(exc: BaseException) -> None:
            QTimer.singleShot(0, self.stack.clear)
            self.changed.emit()
            self.show_error(exc)

        store = self._store()
        if store is None:
            return
        self._runner.submit(lambda _ctx: job(store), on_done=lambda _r: self.changed.emit(), on_error=failed)

    def load(self, on_done: Callable[[Any], None]) -> None:
        """Reload the shortlists and saved searches (``on_done`` gets a ``Lists``)."""

        def job(store: Any) -> Any:
            from rammedesk.services.shortlist_view import load_lists

            return load_lists(store)

        def done(lists: Any) -> None:
            self.shortlists, self.saved_searches = lists.shortlists, lists.saved_searches
            on_done(lists)

        self._submit(job, done)

    def load_shortlist(self, shortlist_id: int, on_done: Callable[[Any], None]) -> None:
        def job(store: Any) -> Any:
            from rammedesk.services.shortlist_view import shortlist_view

            return shortlist_view(store, shortlist_id)

        self._submit(job, on_done)

    def reset(self) -> None:
        """Another database: the undo history belongs to the old one."""
        self.stack.clear()

    def _ask_name(
        self, title: str, label: str, value: str, ok: str, done: Callable[[str], None]
    ) -> QInputDialog:
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("nameDialog")
        dialog.setWindowTitle(f"{title} – RammeDesk")
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.setOkButtonText(ok)
        dialog.setCancelButtonText("Annuller")
        dialog.resize(420, dialog.sizeHint().height())
        dialog.textValueSelected.connect(done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.name_dialog = dialog
        dialog.open()
        return dialog

    # -- add to a list -------------------------------------------------------------------------

    def add(self, afdeling_id: int, what: str, *, favourites: bool) -> AddToListDialog:
        names = [s.navn for s in self.shortlists]
        dialog = AddToListDialog(what, names, favourites=favourites, parent=self._parent.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda name, note: self._store_entry(dialog, afdeling_id, name, note))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _store_entry(self, dialog: AddToListDialog, afdeling_id: int, name: str, note: str) -> None:
        def job(store: Any) -> tuple[int, Any, Any, Any]:
            from rammedesk.domain.cpr import refuse_cpr
            from rammedesk.services import lists

            refuse_cpr(note, "Note")  # before a new list is made: a refused note stores nothing
            if not name:
                raise UserError("Vælg en kortliste, eller skriv navnet på en ny.", "Kortliste")
            created = None
            if name == FAVOURITES_NAME:
                target = lists.favourites(store)
            else:
                existing = next((s for s in lists.list_shortlists(store) if s.navn == name), None)
                target = existing or lists.create_shortlist(store, name)
                created = None if existing else target
            previous = lists.add_entry(store, target.id, afdeling_id, note)
            entry = next(
                e for e in lists.get_shortlist(store, target.id).entries if e.afdeling_id == afdeling_id
            )
            return target.id, created, previous, (entry, target.navn)

        def done(result: tuple[int, Any, Any, Any]) -> None:
            shortlist_id, created, previous, (entry, navn) = result
            dialog.finish()
            self._push(f"Tilføj til »{navn}«", undo.put_entry(shortlist_id, entry, previous, created))
            self.status.emit(f"Tilføjet til »{navn}«. Ctrl+Z fortryder.")

        self._submit(job, done, parent=dialog)

    def remove_entry(self, shortlist: Any, afdeling_id: int) -> None:
        def job(store: Any) -> Any:
            from rammedesk.services import lists

            return lists.remove_entry(store, shortlist.id, afdeling_id)

        def done(previous: Any) -> None:
            if previous is not None:
                self._push(f"Fjern fra »{shortlist.navn}«", undo.removed_entry(shortlist.id, previous))
                self.status.emit(f"Fjernet fra »{shortlist.navn}«. Ctrl+Z fortryder.")

        self._submit(job, done)

    # -- saved searches ------------------------------------------------------------------------

    def save_search(self, text: str, facets: dict[str, str], sort: str, descending: bool) -> QInputDialog:
        def chosen(name: str) -> None:
            def job(store: Any) -> Any:
                from rammedesk.services import lists

                return lists.save_search(store, name, text, facets, sort=sort, descending=descending)

            def done(saved: Any) -> None:
                self._push(f"Gem søgningen »{saved.navn}«", undo.saved_search(saved))
                self.status.emit(f"Søgningen er gemt som »{saved.navn}«.")

            self._submit(job, done)

        return self._ask_name("Gem søgning", "&Navn på søgningen:", text.strip()[:60], "&Gem", chosen)

    # -- rename and delete (the sidebar's current item) -----------------------------------------

    def rename(self, kind: str, item: Any) -> QInputDialog | None:
        if item is None or getattr(item, "favoritter", False):
            return None

        def chosen(name: str) -> None:
            def job(store: Any) -> str:
                from rammedesk.services import lists

                if kind == "shortlist":
                    return lists.rename_shortlist(store, item.id, name)
                return lists.rename_saved_search(store, item.id, name)

            def done(old: str) -> None:
                new = " ".join(name.split())
                jobs = (undo.renamed_shortlist if kind == "shortlist" else undo.renamed_saved_search)(
                    item.id, old, new
                )
                self._push(f"Omdøb »{old}«", jobs)

            self._submit(job, done)

        what = "kortlisten" if kind == "shortlist" else "søgningen"
        return self._ask_name(f"Omdøb {what}", f"&Nyt navn på {what}:", item.navn, "&Omdøb", chosen)

    def delete(self, kind: str, item: Any) -> None:
        if item is None or getattr(item, "favoritter", False):
            return

        def job(store: Any) -> Any:
            from rammedesk.services import lists

            if kind == "shortlist":
                return lists.delete_shortlist(store, item.id)
            return lists.delete_saved_search(store, item.id)

        def done(snapshot: Any) -> None:
            jobs = (undo.deleted_shortlist if kind == "shortlist" else undo.deleted_saved_search)(snapshot)
            self._push(f"Slet »{snapshot.navn}«", jobs)
            self.status.emit(f"»{snapshot.navn}« er slettet. Ctrl+Z fortryder.")

        self._submit(job, done)
