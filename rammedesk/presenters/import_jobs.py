"""Jobs of the takstfil import wizard, run on the task runner's worker thread.

Each ``*_job(...)`` returns ``fn(ctx)`` for ``TaskRunner.submit``; ``ctx`` has
``progress(done, total, text)`` and ``cancelled()``. They read files and call the services;
the wizard's presenter (import_wizard.py) turns what they return into display text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rammedesk.domain.takstfil import ColumnMapping, ImportLimits, RowError, TakstRow, TakstSource
from rammedesk.errors import UserError
from rammedesk.presenters.formatting import format_count, format_int

PREVIEW_ROWS = 10


class Ctx(Protocol):
    def progress(self, done: int, total: int, text: str = "") -> None: ...
    def cancelled(self) -> bool: ...


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sheets: tuple[str, ...]
    sheet: str
    mapping: ColumnMapping
    remembered: bool  # the mapping was the one remembered for the source
    hidden: frozenset[str] = frozenset()  # sheets hidden in Excel (the picker marks them)


# -- jobs (worker thread) -------------------------------------------------------------------


def _limits(store: Any) -> ImportLimits:
    """The database's import limits (the settings dialog sets them); the defaults without one."""
    from rammedesk.services.settings import import_limits

    return import_limits(store) if store is not None else ImportLimits()


def open_file_job(store: Any, path: Path, source: str, sheet: str | None = None) -> Callable[[Ctx], FileInfo]:
    """Sheets, and the mapping remembered for ``source`` (if it fits) or else the proposed one."""

    def job(ctx: Ctx) -> FileInfo:
        from rammedesk.fileio.takstfil_mapping import mapping_from_json
        from rammedesk.fileio.takstfil_reader import fit_remembered, propose_mapping, sheet_list
        from rammedesk.services.import_undo import remembered_mapping

        limits = _limits(store)
        listed = sheet_list(path, limits)
        sheets, hidden = listed.names, listed.hidden
        remembered = remembered_mapping(store, source) if source and store is not None else None
        if remembered:  # the sender's choices from last time, fitted to this file
            try:
                mapping = fit_remembered(path, mapping_from_json(json.loads(remembered)), sheet, limits)
            except UserError:
                pass
            else:
                return FileInfo(path, sheets, mapping.sheet, mapping, True, hidden)
        if sheet is None:  # the first visible sheet with a recognisable header
            first: UserError | None = None
            for name in listed.visible:
                try:
                    return FileInfo(path, sheets, name, propose_mapping(path, name, limits), False, hidden)
                except UserError as exc:
                    first = first or exc
            assert first is not None
            raise first
        return FileInfo(path, sheets, sheet, propose_mapping(path, sheet, limits), False, hidden)

    return job


def preview_job(
    path: Path, mapping: ColumnMapping, year: int | None, store: Any = None
) -> Callable[[Ctx], list[TakstRow | RowError]]:
    def job(ctx: Ctx) -> list[TakstRow | RowError]:
        from rammedesk.fileio.takstfil_reader import preview_rows

        return preview_rows(path, mapping, PREVIEW_ROWS, year=year, limits=_limits(store))

    return job


def import_job(
    store: Any,
    path: Path,
    mapping: ColumnMapping,
    *,
    year: int | None,
    source: str,
    kommune: int | None,
    allow_demo: bool,
    dry_run: bool,
    parsed: TakstSource | None = None,
    resolved: Mapping[str, int] | None = None,
) -> Callable[[Ctx], tuple[TakstSource, Any]]:
    """Import the file, streaming its rows; a dry run changes nothing.

    ``parsed`` is what the dry run read: the apply reads the file again through it, and refuses
    the file if it has changed since (what is applied is what the user saw). ``resolved``: the
    user's tilbud for ambiguous names (name as written → tilbud id); the apply gets the dry run's.
    """
    chosen = dict(resolved or {})  # a copy: the presenter's choices may change meanwhile

    def job(ctx: Ctx) -> tuple[TakstSource, Any]:
        from rammedesk.fileio.takstfil_reader import stream_takstfil
        from rammedesk.services.imports import import_takstfil

        data = parsed or stream_takstfil(path, mapping=mapping, year=year, limits=_limits(store))
        report = import_takstfil(
            store,
            data,
            source=source,
            dry_run=dry_run,
            allow_demo=allow_demo,
            default_kommune=kommune,
            progress=ctx.progress,
            cancel=ctx.cancelled,
            resolved=chosen,
        )
        return data, report

    return job


def undo_job(store: Any) -> Callable[[Ctx], Any]:
    def job(ctx: Ctx) -> Any:
        from rammedesk.services.import_undo import undo_last_import

        return undo_last_import(store)

    return job


def undo_text(report: Any) -> str:
    return (
        f"Importen af {report.file or 'takstfilen'} (import nr. {report.batch_id}) er fortrudt: "
        f"{format_count(report.restored, 'takst', 'takster')} gendannet, "
        f"{format_count(report.removed, 'takst', 'takster')} fjernet og "
        f"{format_int(report.removed_tilbud)} tilbud fjernet."
    )
