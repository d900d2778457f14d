"""Undo for placement changes: a command holds the service's ``PlacementChange``.

The change is made in the database first (on the worker thread); only then is the command
pushed, so the ``redo()`` QUndoStack calls on push does nothing. Later undo/redo apply the
inverse or the change itself through ``execute`` (the runner), which reloads the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rammedesk.gui.qt import QUndoCommand

Execute = Callable[[Callable[[Any], object]], None]


def _apply(change: Any) -> Callable[[Any], object]:
    def job(store: Any) -> object:
        from rammedesk.services.portfolio import apply_change

        return apply_change(store, change)

    return job


class PlacementCommand(QUndoCommand):
    def __init__(self, change: Any, execute: Execute) -> None:
        super().__init__(change.text)
        self.change = change
        self._execute = execute
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._execute(_apply(self.change))

    def undo(self) -> None:
        self._execute(_apply(self.change.inverse()))


class BudgetCommand(QUndoCommand):
    """Budget lines replaced as a whole: undo puts the previous lines back."""

    def __init__(self, portfolio_id: int, before: tuple[Any, ...], after: tuple[Any, ...], execute: Execute):
        super().__init__("Ret budget")
        self._args = (portfolio_id, before, after)
        self._execute = execute
        self._done_already = True

    def _set(self, lines: tuple[Any, ...]) -> Callable[[Any], object]:
        portfolio_id = self._args[0]

        def job(store: Any) -> object:
            from rammedesk.services.portfolio import set_budget

            return set_budget(store, portfolio_id, lines)

        return job

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._execute(self._set(self._args[2]))

    def undo(self) -> None:
        self._execute(self._set(self._args[1]))


class ScenarioSetCommand(QUndoCommand):
    """A scenario edit (new, rename, duplicate, delete, a change added or removed): undo puts
    the portfolio's whole set of scenario documents back as it was; redo sets it again."""

    def __init__(
        self,
        text: str,
        portfolio_id: int,
        before: tuple[Any, ...],
        after: tuple[Any, ...],
        execute: Execute,
    ) -> None:
        super().__init__(text)
        self._portfolio_id, self._before, self._after = portfolio_id, before, after
        self._execute = execute
        self._done_already = True

    def _set(self, documents: tuple[Any, ...]) -> Callable[[Any], object]:
        portfolio_id = self._portfolio_id

        def job(store: Any) -> object:
            from rammedesk.services.portfolio import set_scenarios

            set_scenarios(store, portfolio_id, documents)
            return None

        return job

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._execute(self._set(self._after))

    def undo(self) -> None:
        self._execute(self._set(self._before))
