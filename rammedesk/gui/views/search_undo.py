"""Undo for list changes: each command holds the two jobs that undo and redo a change.

A change is made in the database first (on the worker thread); only when it succeeded is a
command pushed, so the first ``redo()`` that QUndoStack calls on push does nothing. Later
undo/redo submit their job through ``execute``, which reloads the lists when done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.gui.qt import QUndoCommand

StoreJob = Callable[[Any], object]  # fn(store), run on the worker thread
Execute = Callable[[StoreJob], None]


class StoreCommand(QUndoCommand):
    def __init__(self, text: str, *, undo: StoreJob, redo: StoreJob, execute: Execute) -> None:
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._execute = execute
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:  # push() calls redo(); the change is already in the database
            self._done_already = False
            return
        self._execute(self._redo)

    def undo(self) -> None:
        self._execute(self._undo)


# -- the changes ------------------------------------------------------------------------------
# Each returns (undo, redo) jobs for a change that has just been made.


def deleted_saved_search(snapshot: Any) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.restore_saved_search(store, snapshot),
        lambda store: lists.delete_saved_search(store, snapshot.id),
    )


def renamed_saved_search(search_id: int, old: str, new: str) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.rename_saved_search(store, search_id, old),
        lambda store: lists.rename_saved_search(store, search_id, new),
    )


def saved_search(saved: Any) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.delete_saved_search(store, saved.id),
        lambda store: lists.restore_saved_search(store, saved),
    )


def deleted_shortlist(snapshot: Any) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.restore_shortlist(store, snapshot),
        lambda store: lists.delete_shortlist(store, snapshot.id),
    )


def renamed_shortlist(shortlist_id: int, old: str, new: str) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.rename_shortlist(store, shortlist_id, old),
        lambda store: lists.rename_shortlist(store, shortlist_id, new),
    )


def put_entry(shortlist_id: int, entry: Any, previous: Any, created: Any) -> tuple[StoreJob, StoreJob]:
    """An entry added (or its note changed); ``created`` is the list when it was made for it."""
    from dataclasses import replace

    from rammedesk.services import lists

    if created is not None:
        return (
            lambda store: lists.delete_shortlist(store, shortlist_id),
            lambda store: lists.restore_shortlist(store, replace(created, entries=(entry,))),
        )

    def undo(store: Any) -> None:
        if previous is None:
            lists.remove_entry(store, shortlist_id, entry.afdeling_id)
        else:
            lists.put_entry(store, shortlist_id, previous)

    return undo, lambda store: lists.put_entry(store, shortlist_id, entry)


def removed_entry(shortlist_id: int, entry: Any) -> tuple[StoreJob, StoreJob]:
    from rammedesk.services import lists

    return (
        lambda store: lists.put_entry(store, shortlist_id, entry),
        lambda store: lists.remove_entry(store, shortlist_id, entry.afdeling_id),
    )
