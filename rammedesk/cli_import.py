"""`rammedesk import takstfil FILE …` and `rammedesk import undo`."""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rammedesk.cli import EXIT_OK, _progress_printer, emit_json
from rammedesk.cli_args import resolve_kommune
from rammedesk.config import resolve_location
from rammedesk.domain.cpr import looks_like_cpr, mask_cpr, refuse_cpr_file_name
from rammedesk.domain.danish_dates import NotADate, parse_date_text
from rammedesk.errors import UserError
from rammedesk.presenters.formatting import format_int, format_kr
from rammedesk.services.import_report import ImportReport, TakstChange
from rammedesk.services.import_undo import UndoReport


def _read_mapping(path: str) -> Any:
    from rammedesk.fileio.json_file import read_json_file
    from rammedesk.fileio.takstfil_mapping import mapping_from_json

    return mapping_from_json(read_json_file(Path(path), "Mapping-filen"))


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return parse_date_text(text)  # ISO or Danish (31-12-2024)
    except NotADate as exc:
        raise UserError(str(exc), "--as-of") from None


_ASSUMED = (
    "Heraf {n} med beliggenhedskommunen som driftsherre: filen nævner ingen driftsherre for dem "
    "(er det forkert, så skriv driftsherren i filen, fortryd importen og importér igen)."
)


def report_document(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "sheet": report.sheet,
        "dry_run": report.dry_run,
        "rows_read": report.rows_read,
        "imported": report.imported,
        "new_takster": report.new_takster,
        "unchanged": report.unchanged,
        "new_tilbud": report.new_tilbud,
        "new_tilbud_kommunal_assumed": report.assumed_driftsherre,
        "changed_takster": report.changed_takster,
        "rejected": [
            {"sheet": e.sheet, "row": e.row, "column": e.column, "reason": e.reason} for e in report.rejected
        ],
        "ambiguous": [
            {
                "sheet": a.sheet,
                "row": a.row,
                "tilbud": a.tilbud,
                "candidates": list(a.candidates),
                "labels": list(a.labels),
            }
            for a in report.ambiguous
        ],
        "mapping": {c: f.value for c, f in report.mapping.columns.items()},
        "years": report.mapping.years,
        "levels": report.mapping.levels,
        "header_row": report.mapping.header_row,
        "changes": [_change_json(c) for c in report.changes],
        "new_vs_previous_year": [{**_change_json(c), "old_year": c.old_aar} for c in report.new_vs_previous],
        "changed_tilbud": report.changed_tilbud_info,
        "tilbud_changes": [
            {
                "sheet": c.sheet,
                "row": c.row,
                "tilbud": c.tilbud,
                "field": c.field,
                "old": c.old,
                "new": c.new,
            }
            for c in report.tilbud_changes
        ],
        "batch_id": report.batch_id,
        "backup": report.backup,
    }


def _change_json(c: TakstChange) -> dict[str, object]:
    return {
        "sheet": c.sheet,
        "row": c.row,
        "tilbud": c.tilbud,
        "afdeling": c.afdeling,
        "ydelse": c.ydelse,
        "year": c.aar,
        "kind": c.art,
        "old": c.old,
        "new": c.new,
        "change_pct": c.pct,
    }


def _print_report(report: ImportReport, out: TextIO) -> None:
    w = out.write
    head = "Prøvekørsel — intet er gemt" if report.dry_run else f"Importeret som import nr. {report.batch_id}"
    w(f"{head}: {report.file}, ark {report.sheet}\n")
    w(f"  Rækker læst:        {format_int(report.rows_read)}\n")
    w(
        f"  Takster gemt:       {format_int(report.imported)} "
        f"({format_int(report.new_takster)} nye, {format_int(report.changed_takster)} ændrede)\n"
    )
    w(f"  Uændrede:           {format_int(report.unchanged)}\n")
    w(f"  Nye tilbud:         {format_int(report.new_tilbud)}\n")
    if report.assumed_driftsherre:
        w(f"  {_ASSUMED.format(n=format_int(report.assumed_driftsherre))}\n")
    if report.changed_tilbud_info:
        w(f"  Tilbud med nyt CVR, P-nummer eller telefon: {format_int(report.changed_tilbud_info)}\n")
        for i in report.tilbud_changes[:20]:
            w(f"  række {i.row}: {i.tilbud} — {i.label}: {i.old or '(intet)'} → {i.new}\n")
    w(f"  Afviste rækker:     {format_int(len(report.rejected))}\n")
    w(f"  Tvetydige rækker:   {format_int(len(report.ambiguous))} (ikke importeret)\n")
    diff = report.diff
    for c in diff[:20]:
        old = "individuel pris" if c.old is None else format_kr(c.old)
        new = "individuel pris" if c.new is None else format_kr(c.new)
        pct = f" ({c.pct:+} %)".replace(".", ",") if c.pct is not None else ""
        year_before = "" if c.old_aar is None else f" ({c.old_aar})"  # a new takst against last year's
        where = c.tilbud if c.afdeling in ("", c.tilbud) else f"{c.tilbud}, {c.afdeling}"
        w(f"  række {c.row}: {where} — {c.ydelse} {c.aar}: {old}{year_before} → {new}{pct}\n")
    if len(diff) > 20:
        w(f"  … og {format_int(len(diff) - 20)} ændringer mere (se --json)\n")
    for e in report.rejected[:30]:
        w(f"  AFVIST {e.where}: {e.reason}\n")
    for a in report.ambiguous[:30]:
        fits = "; ".join(a.labels or map(str, a.candidates))
        w(f"  TVETYDIG række {a.row}: »{a.tilbud}« passer på {fits}\n")
    if report.ambiguous:
        w('  Vælg tilbuddet med --resolve "NAVN=ID" og kør importen igen.\n')


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.import_command == "undo":
        return _run_undo(args, out)
    from rammedesk.services.database import open_store
    from rammedesk.services.import_report import NoValidRows
    from rammedesk.services.imports import import_takstfil
    from rammedesk.services.settings import import_limits

    path = Path(args.file)
    refuse_cpr_file_name(path)  # before anything is read or shown: the name is stored
    if not path.is_file():
        raise UserError("Filen findes ikke.", mask_cpr(str(path)))
    if args.source is not None and looks_like_cpr(args.source):
        raise UserError(
            "--source indeholder noget, der ligner et CPR-nummer. Skriv afsenderens navn, fx "
            "kommunen eller leverandøren.",
            "--source",
        )
    # Checked against the reference data before any database is opened or created.
    kommune = None if args.kommune is None else resolve_kommune(args.kommune, "--kommune")
    # Output files are checked first: an exit 1 must mean that nothing was imported.
    targets = (("--errors", args.errors), ("--diff", args.diff), ("--save-mapping", args.save_mapping))
    for option, target in targets:
        if target:
            _check_writable(Path(target), option)
    mapping = _read_mapping(args.mapping) if args.mapping else None
    as_of = _as_of(args.as_of)
    source = args.source or path.name
    store = open_store(resolve_location(args.db), create=True)
    try:
        limits = import_limits(store)
        if mapping is None:  # the sender's choices from last time, fitted to this file
            mapping = _remembered(store, source, path, args.sheet, limits)
        parsed = _open_first_usable_sheet(path, args, mapping, limits)
        report = import_takstfil(
            store,
            parsed,
            source=source,
            dry_run=args.dry_run,
            as_of=as_of,
            allow_demo=args.force,
            default_kommune=kommune,
            progress=_progress_printer(err),
            resolved=_resolved(args.resolve),
        )
    except NoValidRows as refused:
        _write_errors(args, refused.rejected)  # the report is what the user needs most now
        raise
    finally:
        store.close()
    if report.valid_takster == 0:  # an apply has refused already; a dry run says it here
        _write_errors(args, report.rejected)
        reasons = "; ".join(f"{e.where}: {e.reason}" for e in report.rejected[:3])
        raise NoValidRows(
            f"Ingen gyldige rækker i filen ({len(report.rejected)} afvist). {reasons}",
            mask_cpr(str(path)),
            list(report.rejected),
        )
    if args.save_mapping:
        _save_mapping(Path(args.save_mapping), report.mapping)
    _write_errors(args, report.rejected)
    if args.diff:
        from rammedesk.fileio.takst_diff_report import write_diff_report

        write_diff_report(Path(args.diff), report.diff, report.file)
    if args.json:
        emit_json(report_document(report), out)
    else:
        _print_report(report, out)
    return EXIT_OK


def _resolved(pairs: list[str]) -> dict[str, int]:
    """``--resolve NAVN=ID`` → {name: tilbud id}; the name may itself hold »=«."""
    out: dict[str, int] = {}
    for pair in pairs:
        name, sep, number = pair.rpartition("=")
        if not sep or not name.strip() or not number.strip().isdigit():
            raise UserError(
                f'»{pair[:60]}« er ikke på formen NAVN=ID, fx --resolve "Solsikken=12" '
                "(id'et står under »ambiguous« i rapporten).",
                "--resolve",
            )
        out[name.strip()] = int(number)
    return out


def _check_writable(path: Path, option: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    shown, shown_folder = mask_cpr(str(path)), mask_cpr(str(folder))
    if looks_like_cpr(path.name):
        raise UserError(
            f"{option}: filnavnet indeholder noget, der ligner et CPR-nummer. Vælg et andet filnavn. "
            "Intet er importeret.",
            option,
        )
    if path.is_dir():
        raise UserError(f"{option}: »{shown}« er en mappe; angiv et filnavn.", shown)
    if not folder.is_dir():
        raise UserError(f"{option}: mappen »{shown_folder}« findes ikke. Intet er importeret.", shown)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"{option}: der kan ikke skrives i »{shown}«. Intet er importeret.", shown)


def _write_errors(args: argparse.Namespace, rejected: Any) -> None:
    if args.errors:
        from rammedesk.fileio.error_report import write_error_report

        write_error_report(Path(args.errors), rejected)


def _save_mapping(path: Path, mapping: Any) -> None:
    from rammedesk.fileio.takstfil_mapping import mapping_to_json

    try:
        path.write_text(json.dumps(mapping_to_json(mapping), ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        raise UserError(
            "Mapping-filen kunne ikke gemmes (importen er gemt; gem mappingen igen med --mapping og "
            "--save-mapping og --dry-run).",
            mask_cpr(str(path)),
        ) from exc


def _open_first_usable_sheet(path: Path, args: argparse.Namespace, mapping: Any, limits: Any) -> Any:
    """The named sheet, or else the first visible sheet with a recognisable header and data rows,
    opened for a streaming import (its rows are read while they are applied)."""
    from rammedesk.fileio.takstfil_reader import sheet_list, stream_takstfil

    sheets = [args.sheet] if args.sheet or mapping is not None else list(sheet_list(path, limits).visible)
    first_error: UserError | None = None
    for sheet in sheets or [None]:
        try:
            return stream_takstfil(path, sheet=sheet, mapping=mapping, year=args.year, limits=limits)
        except UserError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def _remembered(store: Any, source: str, path: Path, sheet: str | None, limits: Any) -> Any:
    from rammedesk.fileio.takstfil_mapping import mapping_from_json
    from rammedesk.fileio.takstfil_reader import fit_remembered
    from rammedesk.services.import_undo import remembered_mapping

    text = remembered_mapping(store, source)
    return fit_remembered(path, mapping_from_json(json.loads(text)), sheet, limits) if text else None


def _run_undo(args: argparse.Namespace, out: TextIO) -> int:
    from rammedesk.services.database import open_store
    from rammedesk.services.import_undo import undo_last_import

    store = open_store(resolve_location(args.db))
    try:
        report: UndoReport = undo_last_import(store)
    finally:
        store.close()
    if args.json:
        emit_json(asdict(report), out)
    else:
        from rammedesk.presenters.import_jobs import undo_text

        out.write(undo_text(report) + "\n")
    return EXIT_OK
