"""Export search results or a shortlist to xlsx, csv or pdf.

The file is written to a temporary name beside the target and moved into place with
``os.replace`` only when complete, so a failed export never leaves a half-written file (and
an existing file of the same name survives a failure untouched). File-system problems become
a :class:`UserError` with a Danish message naming the path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from rammedesk import __version__
from rammedesk.domain.export import (
    EXPORT_FORMATS,
    ExportMeta,
    ExportRow,
    meta_from_result,
    rows_from_hits,
)
from rammedesk.domain.search import SearchResult
from rammedesk.errors import UserError
from rammedesk.fileio.atomic import write_atomically

Writer = Callable[[Path, Sequence[ExportRow], ExportMeta], None]

FORMAT_NAMES = {"xlsx": "Excel-projektmappe", "csv": "CSV (semikolonsepareret)", "pdf": "PDF-rapport"}


def _writer(fmt: str) -> Writer:
    if fmt == "xlsx":
        from rammedesk.fileio.export_xlsx import write_xlsx

        return write_xlsx
    if fmt == "csv":
        from rammedesk.fileio.export_csv import write_csv

        return write_csv
    from rammedesk.fileio.export_pdf import write_pdf

    return write_pdf


def resolve_format(path: Path, fmt: str | None) -> tuple[Path, str]:
    """The format to write and the final path: the format from ``fmt`` or else the suffix;
    a path without a known suffix gets the format's suffix added."""
    suffix = path.suffix.lower().lstrip(".")
    chosen = (fmt or suffix).lower().lstrip(".")
    if chosen not in EXPORT_FORMATS:
        raise UserError(
            f"Ukendt eksportformat »{fmt or path.suffix or '(intet)'}«. Vælg xlsx, csv eller pdf.",
            str(path),
        )
    if suffix == chosen:
        return path, chosen
    if suffix in EXPORT_FORMATS:
        raise UserError(
            f"Filnavnet ender på .{suffix}, men formatet er {chosen}. Ret filnavnet eller formatet.",
            str(path),
        )
    return path.with_name(f"{path.name}.{chosen}"), chosen


def write_export(path: Path, rows: Sequence[ExportRow], meta: ExportMeta, fmt: str | None = None) -> Path:
    """Write ``rows`` to ``path`` atomically; returns the path written."""
    target, chosen = resolve_format(Path(path), fmt)
    writer = _writer(chosen)
    return write_atomically(target, lambda temp: writer(temp, rows, meta))


def export_search_result(
    result: SearchResult,
    path: Path,
    fmt: str | None = None,
    meta: ExportMeta | None = None,
    notes: Mapping[int, str] | None = None,
) -> Path:
    """Export ``result.hits`` (the rows the user sees, or a shortlist's afdelinger with their
    ``notes`` by afdeling_id). Without ``meta`` the provenance is taken from the result, with
    the data as-of date unknown; the caller that knows it (and whether the data is demo
    data) passes a full :class:`ExportMeta`."""
    if meta is None:
        meta = meta_from_result(result, created=datetime.now().replace(microsecond=0), version=__version__)
    return write_export(path, rows_from_hits(result.hits, notes), meta, fmt)
