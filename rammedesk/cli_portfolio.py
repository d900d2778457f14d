"""`rammedesk portfolio project|import|list`: project a portfolio file with P/L and scenarios."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from rammedesk import __version__
from rammedesk.cli import EXIT_OK, emit_json
from rammedesk.cli_args import int_arg
from rammedesk.config import resolve_location
from rammedesk.domain.costs.conventions import DEFAULT_CONVENTIONS
from rammedesk.domain.costs.pl import PLTable
from rammedesk.domain.cpr import mask_cpr, refuse_cpr_file_name
from rammedesk.domain.portfolio.calendar import month_key
from rammedesk.domain.portfolio.model import Dimension
from rammedesk.domain.portfolio.projection import MAX_MONTHS, Projection, ProjectionSettings, Series
from rammedesk.domain.portfolio.scenarios import Comparison, Scenario
from rammedesk.domain.takstfil import RowError
from rammedesk.errors import DatabaseMissingError, UserError
from rammedesk.presenters.formatting import format_int, format_kr


def add_parser(sub: Any, common: argparse.ArgumentParser, parser_class: type) -> None:
    p = sub.add_parser(
        "portfolio", parents=[common], help="project a placement portfolio (P/L, budget, scenarios)"
    )
    what = p.add_subparsers(dest="portfolio_command", metavar="WHAT", parser_class=parser_class)
    what.required = True

    proj = what.add_parser(
        "project", parents=[common], help="project a portfolio file (xlsx/csv) month by month"
    )
    proj.add_argument("file", metavar="FILE", nargs="?", help="the portfolio file (see docs/cli.md)")
    proj.add_argument(
        "--name", metavar="NAVN", help="project a portfolio stored with 'portfolio import' instead"
    )
    proj.add_argument(
        "--from", dest="from_year", type=int_arg, metavar="YEAR", help="first year (default: this year)"
    )
    proj.add_argument(
        "--years", type=int_arg, default=5, metavar="N", help="years to project, 1-10 (default 5)"
    )
    proj.add_argument(
        "--fixed-year", type=int_arg, metavar="YEAR", help="faste priser of this year (default: --from)"
    )
    proj.add_argument(
        "--scenario", action="append", default=[], metavar="FILE.json", help="a scenario file (repeatable)"
    )
    proj.add_argument("--xlsx", metavar="FILE.xlsx", help="write the projection to an xlsx workbook")
    proj.add_argument("--errors", metavar="FILE.xlsx", help="write the rejected rows to an xlsx report")
    proj.add_argument(
        "--skip-invalid", action="store_true", help="project the valid rows when some are rejected"
    )

    imp = what.add_parser("import", parents=[common], help="store a portfolio file in the database")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--name", metavar="NAVN", required=True, help="the portfolio's name")
    imp.add_argument("--kommune", metavar="NAVN", default="", help="the municipality (shown on exports)")
    imp.add_argument("--replace", action="store_true", help="replace a stored portfolio of the same name")
    imp.add_argument("--all-or-nothing", action="store_true", help="store nothing when any row is rejected")
    imp.add_argument("--dry-run", action="store_true", help="check the file; store nothing")
    imp.add_argument("--errors", metavar="FILE.xlsx", help="write the rejected rows to an xlsx report")
    imp.add_argument("--force", action="store_true", help="import into a database holding demo data")

    what.add_parser("list", parents=[common], help="the stored portfolios")


def run_portfolio(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.portfolio_command == "project":
        return _run_project(args, out, err)
    if args.portfolio_command == "import":
        return _run_import(args, out, err)
    return _run_list(args, out)


# -- inputs ------------------------------------------------------------------------------------


def _read_file(path_text: str, args: argparse.Namespace) -> Any:
    from rammedesk.fileio.portfolio_reader import read_portfolio
    from rammedesk.services.settings import limits_at

    path = Path(path_text)
    refuse_cpr_file_name(path)  # before anything is read: the name is shown and stored
    if not path.is_file():
        raise UserError("Filen findes ikke.", mask_cpr(str(path)))
    return read_portfolio(path, limits_at(resolve_location(args.db)))


def _scenarios(paths: list[str]) -> list[Scenario]:
    from rammedesk.domain.portfolio.scenario_json import ScenarioFormatError, scenarios_from_json
    from rammedesk.fileio.json_file import read_json_file

    out: list[Scenario] = []
    for text in paths:
        path = Path(text)
        doc = read_json_file(path, "Scenariefilen", parse_float=Decimal)
        try:
            out.extend(scenarios_from_json(doc))
        except ScenarioFormatError as exc:
            raise UserError(str(exc), f"{mask_cpr(path.name)}: {exc.where}") from None
    return out


def _open_store(args: argparse.Namespace, create: bool = False) -> Any:
    from rammedesk.services.database import open_store

    return open_store(resolve_location(args.db), create=create)


def _pl_table(args: argparse.Namespace) -> PLTable:
    from rammedesk.services.costs import load_pl_table

    try:
        store = _open_store(args)
    except DatabaseMissingError:
        if args.db is not None:
            raise
        return PLTable()  # no database yet: an empty table; a year that needs P/L says so
    try:
        return load_pl_table(store)
    finally:
        store.close()


def _settings(args: argparse.Namespace) -> ProjectionSettings:
    if not 1 <= args.years <= MAX_MONTHS // 12:
        raise UserError(f"--years skal være mellem 1 og {MAX_MONTHS // 12}.", "--years")
    start_year = args.from_year or date.today().year
    if not 1900 <= start_year <= 2200:
        raise UserError(f"»{start_year}« er ikke et gyldigt år.", "--from")
    return ProjectionSettings(date(start_year, 1, 1), args.years * 12, args.fixed_year)


def _rejected(errors: tuple[RowError, ...]) -> list[dict[str, Any]]:
    return [{"sheet": e.sheet, "row": e.row, "column": e.column, "reason": e.reason} for e in errors]


# -- project -----------------------------------------------------------------------------------


def _run_project(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.portfolio import portfolio_from_parsed, project_portfolio

    if bool(args.file) == bool(args.name):
        raise UserError(
            "Angiv enten en porteføljefil eller --name for en gemt portefølje.", "portfolio project"
        )
    settings = _settings(args)
    scenarios = _scenarios(args.scenario)
    errors: tuple[RowError, ...] = ()
    if args.file:
        parsed = _read_file(args.file, args)
        errors = parsed.errors
        if args.errors:
            from rammedesk.fileio.error_report import write_error_report

            write_error_report(Path(args.errors), errors)
        if errors and not args.skip_invalid:
            listing = "; ".join(f"{e.where}: {e.reason}" for e in errors[:5])
            raise UserError(
                f"{format_int(len(errors))} rækker er afvist, så fremskrivningen ville mangle dem. Ret "
                f"filen, eller brug --skip-invalid for kun at fremskrive de gyldige rækker. {listing}",
                parsed.file,
            )
        portfolio = portfolio_from_parsed(parsed, Path(args.file).stem)
        source = parsed.file
    else:
        portfolio = _stored(args)
        source = f"database: {args.name}"
    pl = _pl_table(args)
    comparison = project_portfolio(portfolio, settings, pl, scenarios, DEFAULT_CONVENTIONS)
    if args.xlsx:
        _write_xlsx(Path(args.xlsx), comparison, portfolio, source, pl)
    if args.json:
        emit_json(projection_document(comparison, pl, source, errors), out)
    else:
        _print(comparison, source, errors, out)
        if args.xlsx:
            out.write(f"Skrevet: {args.xlsx}\n")
    return EXIT_OK


def _stored(args: argparse.Namespace) -> Any:
    from rammedesk.services.portfolio import load_portfolio

    store = _open_store(args)
    try:
        from rammedesk.storage.portfolio import PortfolioStore

        with store.unit_of_work() as repos:
            portfolio_id = PortfolioStore(repos.session).by_name(args.name)
        if portfolio_id is None:
            raise UserError(f"Der er ingen gemt portefølje med navnet »{args.name}«.", "--name")
        return load_portfolio(store, portfolio_id).portfolio
    finally:
        store.close()


def _write_xlsx(path: Path, comparison: Comparison, portfolio: Any, source: str, pl: PLTable) -> None:
    navn, kommune = portfolio.navn, portfolio.kommune
    from rammedesk.fileio.export_portfolio_xlsx import PortfolioExportMeta, write_projection_xlsx

    now = datetime.now()
    meta = PortfolioExportMeta(
        title=f"Portefølje {navn} ({source})",
        kommune=kommune,
        created=f"{now:%d.%m.%Y} kl. {now:%H.%M}",
        version=__version__,
        conventions=tuple(DEFAULT_CONVENTIONS.describe()),
        pl=pl,
    )
    write_projection_xlsx(path, comparison, meta)


def _series_doc(s: Series, with_months: bool = True) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "total": s.total(),
        "total_fixed": s.total(fixed=True),
        "per_year": {str(y): v for y, v in s.per_year().items()},
        "per_year_fixed": {str(y): v for y, v in s.per_year(fixed=True).items()},
    }
    if with_months:
        doc["per_month"] = s.per_month()
        doc["per_month_fixed"] = s.per_month(fixed=True)
    return doc


def _assumptions_doc(p: Projection, pl: PLTable) -> dict[str, Any]:
    a = p.assumptions
    return {
        "from": month_key(a.start),
        "months": a.months,
        "fixed_price_year": a.fixed_price_year,
        "pl_base_years": list(a.takst_years),
        "pl_table": [{"year": r.year, "rate_pct": r.rate_pct, "source": r.source} for r in pl.rates],
        "pl_factors": [
            {"from": b, "to": t, "factor": f} for (b, t), f in sorted(a.pl_factors.items()) if t > b
        ],
        "conventions": DEFAULT_CONVENTIONS.describe(),
        "rules": list(a.rules),
        "placements_known": a.placements_known,
        "placements_generated": a.placements_generated,
        "placements_ended_by_afgang": a.placements_ended_by_afgang,
    }


def projection_document(
    comparison: Comparison, pl: PLTable, source: str, errors: tuple[RowError, ...] = ()
) -> dict[str, Any]:
    base = comparison.base
    over = [
        {
            "dimension": c.dimension.value,
            "group": c.key,
            "month": m,
            "budget": c.budget_per_month[m],
            "forecast": c.forecast_per_month[m],
        }
        for c in base.budget
        for m in c.over_months
    ]
    return {
        "source": source,
        "totals": _series_doc(base.total),
        "groups": {
            dim.value: {k: _series_doc(s, with_months=False) for k, s in base.by_dimension[dim].items()}
            for dim in Dimension
        },
        "budget": [
            {
                "dimension": c.dimension.value,
                "group": c.key,
                "budget_per_year": {str(y): v for y, v in c.budget_per_year.items()},
                "over_years": list(c.over_years),
                "over_months": list(c.over_months),
            }
            for c in base.budget
        ],
        "over_budget_months": over,
        "assumptions": _assumptions_doc(base, pl),
        "rejected": _rejected(errors),
        "scenarios": [
            {
                "name": r.scenario.navn,
                "description": r.scenario.beskrivelse,
                "changes": r.scenario.describe(),
                "total_difference": r.total_difference,
                "per_year": {
                    str(d.year): {
                        "base": d.base,
                        "scenario": d.scenario,
                        "difference": d.difference,
                        "base_fixed": d.base_fixed,
                        "scenario_fixed": d.scenario_fixed,
                        "difference_fixed": d.difference_fixed,
                    }
                    for d in r.years
                },
                "totals": _series_doc(r.projection.total),
            }
            for r in comparison.scenarios
        ],
    }


def _print(comparison: Comparison, source: str, errors: tuple[RowError, ...], out: TextIO) -> None:
    base = comparison.base
    a = base.assumptions
    w = out.write
    w(f"Fremskrivning af {source}: {month_key(a.start)} og {a.months} måneder frem\n")
    w(
        f"  Anbringelser: {format_int(a.placements_known)} kendte, "
        f"{format_int(a.placements_generated)} forventede nye\n"
    )
    running, fixed = base.total.per_year(), base.total.per_year(fixed=True)
    w(f"  {'År':<6}{'Løbende priser':>18}{f'Faste {a.fixed_price_year}-priser':>22}\n")
    for y in base.years:
        w(f"  {y:<6}{format_kr(running[y]):>18}{format_kr(fixed[y]):>22}\n")
    w(f"  {'I alt':<6}{format_kr(base.total.total()):>18}{format_kr(base.total.total(fixed=True)):>22}\n")
    for c in base.budget:
        if c.over_months:
            months = ", ".join(c.over_months[:12]) + (" …" if len(c.over_months) > 12 else "")
            w(f"  Over budget ({c.dimension.label.lower()} {c.key}): {months}\n")
    for r in comparison.scenarios:
        w(f"Scenarie »{r.scenario.navn}«: forskel i alt {format_kr(r.total_difference)}\n")
        for d in r.years:
            w(f"  {d.year:<6}{format_kr(d.scenario):>18}  forskel {format_kr(d.difference)}\n")
    for e in errors[:30]:
        w(f"  AFVIST {e.where}: {e.reason}\n")
    w("Forudsætninger: " + " ".join(DEFAULT_CONVENTIONS.describe()) + " " + " ".join(a.rules) + "\n")


# -- import and list ---------------------------------------------------------------------------


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.portfolio import import_portfolio

    parsed = _read_file(args.file, args)
    if args.errors:
        from rammedesk.fileio.error_report import write_error_report

        write_error_report(Path(args.errors), parsed.errors)
    if not parsed.placements and parsed.errors:
        listing = "; ".join(f"{e.where}: {e.reason}" for e in parsed.errors[:3])
        raise UserError(f"Ingen gyldige anbringelser i filen. {listing}", parsed.file)
    store = _open_store(args, create=True)
    try:
        report = import_portfolio(
            store,
            parsed,
            args.name,
            args.kommune,
            replace_existing=args.replace,
            all_or_nothing=args.all_or_nothing,
            dry_run=args.dry_run,
            allow_demo=args.force,
        )
    finally:
        store.close()
    if args.json:
        emit_json(
            {
                "file": report.file,
                "portfolio_id": report.portfolio_id,
                "name": report.navn,
                "stored": report.portfolio_id is not None,
                "replaced": report.replaced,
                "rows_read": report.rows_read,
                "placements": report.placements,
                "budget_lines": report.budget_lines,
                "tilgang": report.tilgang,
                "afgang": report.afgang,
                "rejected": _rejected(report.rejected),
            },
            out,
        )
    else:
        if report.portfolio_id is None:
            why = "prøvekørsel" if args.dry_run else "rækker er afvist, og --all-or-nothing er valgt"
            out.write(f"Intet er gemt ({why}).\n")
        else:
            verb = "erstattet" if report.replaced else "gemt"
            out.write(f"Porteføljen »{report.navn}« er {verb} (id {report.portfolio_id}).\n")
        out.write(
            f"  Anbringelser: {format_int(report.placements)}, "
            f"budgetlinjer: {format_int(report.budget_lines)}, "
            f"tilgang: {format_int(report.tilgang)}, afgang: {format_int(report.afgang)}, "
            f"afviste rækker: {format_int(len(report.rejected))}\n"
        )
        for e in report.rejected[:30]:
            out.write(f"  AFVIST {e.where}: {e.reason}\n")
    return EXIT_OK


def _run_list(args: argparse.Namespace, out: TextIO) -> int:
    from rammedesk.services.portfolio import list_portfolios

    store = _open_store(args)
    try:
        infos = list_portfolios(store)
    finally:
        store.close()
    if args.json:
        emit_json(
            {
                "portfolios": [
                    {
                        "id": i.id,
                        "name": i.navn,
                        "kommune": i.kommune,
                        "source": i.kilde,
                        "placements": i.placements,
                    }
                    for i in infos
                ]
            },
            out,
        )
    else:
        for i in infos:
            out.write(f"{i.id:>4}  {i.navn}  ({format_int(i.placements)} anbringelser)\n")
        if not infos:
            out.write("Ingen gemte porteføljer.\n")
    return EXIT_OK
