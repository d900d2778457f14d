"""The command line: argparse commands over the services; ``--json`` for scripts.

Exit codes: 0 done (also for no hits), 1 the user's input or data is at fault, 2 wrong usage,
3 an internal error (a bug; details in the log file).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from rammedesk import __version__
from rammedesk.cli_args import DanishParser as _Parser
from rammedesk.cli_args import UsageError, int_arg
from rammedesk.config import resolve_location
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt
from rammedesk.errors import UserError
from rammedesk.logging_setup import log_bug, setup_logging

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
SORT_KEYS = ("relevans", "navn", "kommune", "paragraf", "takst", "pladser")

COMMANDS = (
    "info",
    "init",
    "demo",
    "search",
    "show",
    "import",
    "cost",
    "pl",
    "population",
    "business-case",
    "portfolio",
    "settings",
    "gui",
)


def _common_options() -> _Parser:
    # SUPPRESS so that an option given before the subcommand is not reset by the subparser.
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="STI_ELLER_URL",
        default=argparse.SUPPRESS,
        help="database: a SQLite file path or an SQLAlchemy URL (default: $RAMMEDESK_DB, "
        "else the embedded database in the user data directory)",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print one JSON document on stdout (messages go to stderr)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(
        prog="rammedesk",
        description="RammeDesk: tilbudsvifte, takster, udgifter og kapacitetsspørgeskema. "
        "Without a command the window opens.",
        parents=[common],
    )
    parser.add_argument(
        "--version", action="version", version=f"RammeDesk {__version__}", help="vis versionen og afslut"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("info", parents=[common], help="database location, schema, counts, data as-of")

    p_init = sub.add_parser(
        "init", parents=[common], help="create an empty database with reference data only"
    )
    p_init.add_argument("--force", action="store_true", help="replace existing data (a backup is made first)")

    p_demo = sub.add_parser("demo", parents=[common], help="fill a database with demo data")
    p_demo.add_argument("--size", type=int_arg, default=3000, help="number of afdelinger (default 3000)")
    p_demo.add_argument("--seed", type=int_arg, default=2027, help="random seed (default 2027)")
    p_demo.add_argument("--force", action="store_true", help="replace existing data (a backup is made first)")

    p_search = sub.add_parser(
        "search", parents=[common], help="search the tilbudsvifte (Danish-aware, query language)"
    )
    p_search.add_argument("query", nargs="*", help='words, "phrases", -exclude, field:value, takst:<3000')
    p_search.add_argument("--region", metavar="KODE", help="region code or name, e.g. 1082 or Midtjylland")
    p_search.add_argument("--kommune", metavar="KODE", help="kommunekode or name, e.g. 751 or Aarhus")
    p_search.add_argument("--paragraf", metavar="P", help="paragraf id (SEL_108) or number (108)")
    p_search.add_argument("--maalgruppe", metavar="M", help="målgruppe id, e.g. midt2027_v3")
    p_search.add_argument("--driftsherre", choices=[a.value for a in DriftsherreArt], help="driftsherre kind")
    p_search.add_argument("--alder", choices=[a.value for a in Aldersgruppe if a.value != "alle"])
    p_search.add_argument("--sort", choices=list(SORT_KEYS), default="relevans")
    p_search.add_argument("--desc", action="store_true", help="sort descending")
    p_search.add_argument("--limit", type=int_arg, default=50, help="hits to print (default 50)")
    p_search.add_argument("--offset", type=int_arg, default=0, help="skip this many hits")
    p_search.add_argument("--facets", action="store_true", help="include facet counts")

    p_show = sub.add_parser("show", parents=[common], help="details of one tilbud with takster")
    p_show.add_argument("tilbud_id", type=int_arg, metavar="TILBUD_ID")

    p_import = sub.add_parser("import", parents=[common], help="import a takstfil, or undo the last import")
    import_sub = p_import.add_subparsers(dest="import_command", metavar="WHAT", parser_class=_Parser)
    import_sub.required = True
    p_takstfil = import_sub.add_parser(
        "takstfil", parents=[common], help="import a tariff workbook (xlsx/xlsm/csv)"
    )
    p_takstfil.add_argument("file", metavar="FILE")
    p_takstfil.add_argument(
        "--sheet", metavar="NAME", help="the sheet to read (default: the first with data)"
    )
    p_takstfil.add_argument(
        "--year", type=int_arg, metavar="Y", help="the takst year when the file does not say it"
    )
    p_takstfil.add_argument("--mapping", metavar="FILE.json", help="a column mapping (see docs/cli.md)")
    p_takstfil.add_argument(
        "--kommune",
        metavar="KODE",
        help="beliggenhedskommune (code or name, e.g. 751 or Aarhus) for new tilbud when the file has none",
    )
    p_takstfil.add_argument("--source", metavar="NAME", help="who sent the file (default: the file name)")
    p_takstfil.add_argument("--as-of", metavar="YYYY-MM-DD", help="data as of this date (default: today)")
    p_takstfil.add_argument("--save-mapping", metavar="FILE.json", help="write the mapping used to a file")
    p_takstfil.add_argument("--errors", metavar="FILE.xlsx", help="write the rejected rows to an xlsx report")
    p_takstfil.add_argument(
        "--diff",
        metavar="FILE.xlsx",
        help="write the changed takster, and new ones against the year before, to an xlsx overview",
    )
    p_takstfil.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="NAVN=ID",
        help="the tilbud id for rows whose tilbud name fits several (see 'ambiguous'); repeatable",
    )
    p_takstfil.add_argument("--dry-run", action="store_true", help="show what would change; store nothing")
    p_takstfil.add_argument("--force", action="store_true", help="import into a database holding demo data")
    import_sub.add_parser("undo", parents=[common], help="undo the last takstfil import")

    from rammedesk.cli_costs import add_parsers as add_cost_parsers

    add_cost_parsers(sub, common)

    from rammedesk.cli_portfolio import add_parser as add_portfolio_parser

    add_portfolio_parser(sub, common, _Parser)

    from rammedesk.cli_settings import add_parser as add_settings_parser

    add_settings_parser(sub, common, _Parser)

    sub.add_parser("gui", parents=[common], help="open the window (the default without a command)")
    return parser.link()


# --- output ------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    from datetime import date
    from decimal import Decimal
    from pathlib import Path

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)  # amounts are decimal strings, never floats
    if isinstance(value, date | Path):
        return str(value) if isinstance(value, Path) else value.isoformat()
    return value


def emit_json(document: dict[str, Any], out: TextIO) -> None:
    json.dump(_jsonable(document), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _info_document(info: Any) -> dict[str, Any]:
    return {
        "database": {
            "location": info.location,
            "default_location": info.is_default_location,
            "dialect": info.dialect,
            "schema_version": info.schema_version,
            "schema_head": info.schema_head,
        },
        "counts": asdict(info.counts),
        "data_as_of": info.data_as_of,
        "is_demo": info.is_demo,
        "has_real_data": info.has_real_data,
    }


def _print_info(info: Any, out: TextIO) -> None:
    from rammedesk.presenters.formatting import format_date, format_int

    c = info.counts
    demo = "ja — fiktive demodata" if info.is_demo else "nej"
    lines = [
        f"Database:        {info.location}",
        f"Skemaversion:    {info.schema_version}",
        f"Tilbud:          {format_int(c.tilbud)}",
        f"Afdelinger:      {format_int(c.afdelinger)}",
        f"Takster:         {format_int(c.takster)}",
        f"Kommuner:        {format_int(c.kommuner)} i {format_int(c.regioner)} regioner",
        f"P/L-år:          {format_int(c.pl_aar)}",
        "Data pr.:        " + (format_date(info.data_as_of) if info.data_as_of else "ingen data endnu"),
        f"Demodata:        {demo}",
    ]
    out.write("\n".join(lines) + "\n")


# --- commands ----------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.database import describe, open_store

    store = open_store(resolve_location(args.db))
    try:
        info = describe(store)
    finally:
        store.close()
    if args.json:
        emit_json(_info_document(info), out)
    else:
        _print_info(info, out)
    return EXIT_OK


def cmd_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.database import init_database

    result = init_database(resolve_location(args.db), force=args.force)
    if result.backup:
        err.write(f"Sikkerhedskopi: {result.backup}\n")
    if args.json:
        doc = _info_document(result.info) | {"created": result.created, "backup": result.backup}
        emit_json(doc, out)
    else:
        what = "oprettet" if result.created else "nulstillet"
        out.write(f"Tom database {what} med referencedata: {result.info.location}\n")
    return EXIT_OK


def _progress_printer(err: TextIO) -> Callable[[int, int, str], None] | None:
    if not err.isatty():
        return None
    last = [-1]

    def progress(done: int, total: int, step: str) -> None:
        pct = 100 * done // max(total, 1)
        if pct // 10 != last[0]:
            last[0] = pct // 10
            err.write(f"  {pct:3d} %  {step}\n")

    return progress


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.demo import install_demo

    result = install_demo(
        resolve_location(args.db),
        size=args.size,
        seed=args.seed,
        force=args.force,
        progress=_progress_printer(err),
    )
    if result.backup:
        err.write(f"Sikkerhedskopi: {result.backup}\n")
    if args.json:
        doc = _info_document(result.info) | {
            "backup": result.backup,
            "seconds": round(result.seconds, 3),
        }
        emit_json(doc, out)
    else:
        out.write(f"Demodata (fiktive tilbud og takster) lagt i {result.info.location}\n")
        _print_info(result.info, out)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_catalogue import run_search

    return run_search(args, out, err)


def cmd_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_catalogue import run_show

    return run_show(args, out, err)


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_import import run_import

    return run_import(args, out, err)


def cmd_cost(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_costs import run_cost

    return run_cost(args, out, err)


def cmd_pl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_costs import run_pl

    return run_pl(args, out, err)


def cmd_population(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_costs import run_population

    return run_population(args, out, err)


def cmd_business_case(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_business_case import run_business_case

    return run_business_case(args, out, err)


def cmd_portfolio(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_portfolio import run_portfolio

    return run_portfolio(args, out, err)


def cmd_settings(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.cli_settings import run_settings

    return run_settings(args, out, err)


def cmd_gui(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.launcher import launch

    return launch(resolve_location(args.db), out, err)


HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "info": cmd_info,
    "init": cmd_init,
    "demo": cmd_demo,
    "search": cmd_search,
    "show": cmd_show,
    "import": cmd_import,
    "cost": cmd_cost,
    "pl": cmd_pl,
    "population": cmd_population,
    "business-case": cmd_business_case,
    "portfolio": cmd_portfolio,
    "settings": cmd_settings,
    "gui": cmd_gui,
}


def _wants_json(argv: Sequence[str]) -> bool:
    return "--json" in argv


def _fail(error: UserError, code: int, json_out: bool, out: TextIO, err: TextIO) -> int:
    where = error.where
    err.write(f"Fejl: {error.message}" + (f"\n  Sted: {where}" if where else "") + "\n")
    rows = getattr(error, "errors", None)  # a refused file lists every bad cell
    for row in rows or ():
        err.write(f"  {row.where}: {row.reason}\n")
    if json_out:
        document: dict[str, Any] = {"message": error.message, "where": where}
        if rows:
            document["errors"] = [
                {"sheet": r.sheet, "row": r.row, "column": r.column, "reason": r.reason} for r in rows
            ]
        refused = getattr(error, "rejected", None)  # an import with no valid row: why, row by row
        if refused is not None:
            document["rejected"] = [
                {"sheet": r.sheet, "row": r.row, "column": r.column, "reason": r.reason} for r in refused
            ]
        emit_json({"error": document}, out)
    return code


def reader_left(out: TextIO) -> int:
    """The reader closed the pipe early (`… --json | head`): stop quietly, as Unix tools do."""
    try:  # later writes and the interpreter's final flush must not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    return EXIT_OK


def run(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    json_out = _wants_json(argv)
    try:
        args = build_parser().parse_args(list(argv))
    except UsageError as exc:  # Danish, with the usage line of the command being typed
        err.write(exc.usage)
        return _fail(UserError(exc.message, exc.where), EXIT_USAGE, json_out, out, err)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    command = args.command or "gui"
    try:
        return HANDLERS[command](args, out, err)
    except UserError as exc:
        return _fail(exc, EXIT_USER, args.json, out, err)
    except KeyboardInterrupt:
        return _fail(UserError("Afbrudt."), EXIT_USER, args.json, out, err)
    except BrokenPipeError:
        return reader_left(out)
    except Exception as exc:
        log_path = setup_logging()
        log_bug(exc)
        bug = UserError(
            f"Uventet fejl i RammeDesk ({type(exc).__name__}: {exc}). Detaljer er skrevet i logfilen.",
            str(log_path),
        )
        return _fail(bug, EXIT_BUG, args.json, out, err)
