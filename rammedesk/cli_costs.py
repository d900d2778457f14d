"""`rammedesk cost …`, `rammedesk pl import|list`, `rammedesk population import|list`."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from rammedesk.cli import EXIT_OK, emit_json
from rammedesk.cli_args import int_arg
from rammedesk.config import resolve_location
from rammedesk.domain.costs.conventions import CostConventions
from rammedesk.domain.costs.money import round_oere
from rammedesk.domain.costs.placement import PLACEMENT_UNITS, PlacementCost, PlacementSpec
from rammedesk.domain.danish_dates import NotADate, parse_date_text
from rammedesk.domain.danish_numbers import NotANumber, parse_amount_text
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError

UNITS = [u.value for u in PLACEMENT_UNITS]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register cost, pl and population on the main parser's subcommands."""
    p = sub.add_parser(
        "cost",
        parents=[common],
        help="cost of one placement per month and year",
        description="Cost of one placement. Amounts: 2500, 2500.50 or Danish 2.500,50.",
    )
    takst = p.add_mutually_exclusive_group(required=True)
    takst.add_argument("--takst", metavar="AMOUNT", help="the takst in kr. (2500, 2.500,50)")
    takst.add_argument("--takst-id", type=int_arg, metavar="ID", help="a stored takst (needs the database)")
    takst.add_argument(
        "--ydelse", type=int_arg, metavar="ID", help="a stored ydelse: its takst for --from's year"
    )
    takst.add_argument(
        "--afdeling", type=int_arg, metavar="ID", help="a stored afdeling with one main ydelse"
    )
    p.add_argument("--unit", choices=UNITS, help="doegn, dag or maaned (required with --takst)")
    p.add_argument(
        "--takst-year", type=int_arg, metavar="YEAR", help="price level of --takst (default: --from's year)"
    )
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    p.add_argument(
        "--to", dest="end", metavar="DATE", help="last day (default: 31 Dec of the year after --from)"
    )
    p.add_argument(
        "--horizon", metavar="DATE", help="last day of an open-ended placement (instead of the default)"
    )
    p.add_argument("--tillaeg-rate", metavar="AMOUNT", help="hourly tillæg in kr. per hour")
    p.add_argument("--tillaeg-hours-per-week", metavar="H", help="tillæg hours per week (e.g. 20 or 7,5)")
    p.add_argument("--daily-tillaeg", metavar="AMOUNT", help="tillæg in kr. per charged day")
    p.add_argument(
        "--daily-tillaeg-fraction", metavar="F", help="scope factor of the daily tillæg (e.g. 0,4)"
    )
    p.add_argument("--notice-given", metavar="DATE", help="the day notice was given")
    p.add_argument("--notice-days", type=int_arg, default=0, metavar="N", help="notice period in days")
    p.add_argument("--egenbetaling", metavar="AMOUNT", help="the resident's payment per month (subtracted)")
    p.add_argument(
        "--pl-to", type=int_arg, metavar="YEAR", help="uplift to this year's price level (P/L table)"
    )
    p.add_argument(
        "--pl-each-year",
        action="store_true",
        help="løbende priser: each year's days at that year's price level (P/L table)",
    )
    p.add_argument("--xlsx", metavar="FILE", help="also write the calculation to an xlsx workbook")
    p.add_argument("--exclude-first-day", action="store_true", help="do not charge the day of arrival")
    p.add_argument("--exclude-last-day", action="store_true", help="do not charge the last day")

    p_pl = sub.add_parser("pl", parents=[common], help="the P/L index table: import or list")
    pl_sub = p_pl.add_subparsers(dest="pl_command", metavar="WHAT", parser_class=type(p_pl))
    pl_sub.required = True
    p_pl_import = pl_sub.add_parser(
        "import", parents=[common], help="import P/L rates from csv/xlsx (år;sats;kilde)"
    )
    p_pl_import.add_argument("file", metavar="FILE")
    p_pl_import.add_argument("--force", action="store_true", help="import into a database holding demo data")
    pl_sub.add_parser("list", parents=[common], help="list the P/L rates")

    p_pop = sub.add_parser("population", parents=[common], help="population per kommune: import or list")
    pop_sub = p_pop.add_subparsers(dest="population_command", metavar="WHAT", parser_class=type(p_pop))
    pop_sub.required = True
    p_pop_import = pop_sub.add_parser(
        "import", parents=[common], help="import population from csv/xlsx (kommunekode;år;indbyggere)"
    )
    p_pop_import.add_argument("file", metavar="FILE")
    p_pop_import.add_argument("--force", action="store_true", help="import into a database holding demo data")
    p_pop_list = pop_sub.add_parser("list", parents=[common], help="list the population table")
    p_pop_list.add_argument("--year", type=int_arg, metavar="YEAR", help="only this year")
    from rammedesk.cli_business_case import add_business_case_parser

    add_business_case_parser(sub, common)


# --- parsing -------------------------------------------------------------------------------


def parse_date(text: str, option: str) -> date:
    """ISO (2027-03-15) or Danish (15.03.2027, 15-03-2027)."""
    try:
        return parse_date_text(text)
    except NotADate as exc:
        raise UserError(str(exc), option) from None


def parse_number(text: str, option: str) -> Decimal:
    """2500, 2500.50, 2.500,50, 7,5 → Decimal; negative and non-numbers are refused."""
    try:
        value = parse_amount_text(text)
    except NotANumber as exc:
        raise UserError(f"{exc} Skriv fx 2500, 2500.50 eller 2.500,50.", option) from exc
    if not isinstance(value, Decimal):
        raise UserError(f"»{text}« er ikke et beløb. Skriv fx 2500 eller 2.500,50.", option)
    if value < 0:
        raise UserError("Beløbet må ikke være negativt.", option)
    return value


def parse_fraction(text: str, option: str) -> Decimal:
    # Not via parse_amount_text: that rounds to øre, and a factor like 2/7 needs more decimals.
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except ArithmeticError as exc:
        raise UserError(f"»{text}« er ikke et tal. Skriv fx 0,4.", option) from exc
    if not value.is_finite() or value < 0:
        raise UserError(f"»{text}« er ikke et ikke-negativt tal. Skriv fx 0,4.", option)
    return value


def _optional(text: str | None, option: str) -> Decimal | None:
    return parse_number(text, option) if text is not None else None


def spec_from_args(args: argparse.Namespace) -> PlacementSpec:
    start = parse_date(args.start, "--from")
    if args.takst is not None:
        if args.unit is None:
            raise UserError("Angiv takstens enhed med --unit doegn, dag eller maaned.", "--unit")
        takst, unit = parse_number(args.takst, "--takst"), Enhed(args.unit)
    else:
        takst, unit = Decimal(0), Enhed(args.unit or "doegn")  # filled from the database
    return PlacementSpec(
        takst=takst,
        unit=unit,
        start=start,
        end=parse_date(args.end, "--to") if args.end else None,
        takst_year=args.takst_year,
        horizon=parse_date(args.horizon, "--horizon") if args.horizon else None,
        tillaeg_rate=_optional(args.tillaeg_rate, "--tillaeg-rate"),
        tillaeg_hours_per_week=_optional(args.tillaeg_hours_per_week, "--tillaeg-hours-per-week"),
        daily_tillaeg=_optional(args.daily_tillaeg, "--daily-tillaeg"),
        daily_tillaeg_fraction=(
            parse_fraction(args.daily_tillaeg_fraction, "--daily-tillaeg-fraction")
            if args.daily_tillaeg_fraction
            else Decimal(1)
        ),
        notice_given=parse_date(args.notice_given, "--notice-given") if args.notice_given else None,
        notice_days=args.notice_days,
        egenbetaling_per_month=_optional(args.egenbetaling, "--egenbetaling"),
        pl_to_year=args.pl_to,
        pl_each_year=args.pl_each_year,
    )


# --- output --------------------------------------------------------------------------------


def cost_document(result: PlacementCost, spec: PlacementSpec, stored: Any = None) -> dict[str, Any]:
    from rammedesk.domain.costs.placement import CostLineKind

    return {
        "total": result.total,
        "per_year": {str(y): v for y, v in result.per_year.items()},
        "per_month": {f"{y}-{m:02d}": v for (y, m), v in result.per_month.items()},
        "days_charged": result.days_charged,
        "assumptions": result.assumptions,
        "gross_total": result.gross_total,
        "egenbetaling_total": result.total_of(CostLineKind.EGENBETALING),
        "totals_by_kind": {
            kind.value: result.total_of(kind)
            for kind in CostLineKind
            if any(line.kind is kind for line in result.lines)
        },
        "first_charged_day": result.first_charged_day,
        "last_charged_day": result.last_charged_day,
        "takst": {
            "amount": round_oere(spec.takst),
            "unit": spec.unit.value,
            "year": spec.base_year,
            "uplifted": round_oere(result.takst_used),
            "price_year": spec.pl_to_year if spec.pl_to_year is not None else spec.base_year,
            "takst_id": stored.takst_id if stored is not None else None,
        },
        "lines": [
            {
                "month": f"{line.month[0]}-{line.month[1]:02d}",
                "kind": line.kind.value,
                "days": line.days,
                "amount": line.amount,
            }
            for line in result.lines
        ],
    }


def _print_cost(result: PlacementCost, stored: Any, out: TextIO) -> None:
    from rammedesk.presenters.formatting import MONTHS, format_int, format_kr

    w = out.write
    if stored is not None:
        w(f"Takst fra databasen: {stored.label} (takst-id {stored.takst_id})\n")
    w(f"I alt:           {format_kr(result.total)}\n")
    w(f"Betalte dage:    {format_int(result.days_charged)}\n\nPr. år:\n")
    for year, amount in result.per_year.items():
        w(f"  {year}  {format_kr(amount):>20}\n")
    w("\nPr. måned:\n")
    for (year, month), amount in result.per_month.items():
        days = result.days_by_month.get((year, month), 0)
        w(f"  {MONTHS[month - 1]:<9} {year}  {format_int(days):>3} dage  {format_kr(amount):>18}\n")
    w("\nForudsætninger:\n")
    for line in result.assumptions:
        w(f"  - {line}\n")


# --- commands ------------------------------------------------------------------------------


def open_db(args: argparse.Namespace, *, create: bool = False) -> Any:
    from rammedesk.services.database import open_store

    return open_store(resolve_location(args.db), create=create)


def run_cost(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.costs import (
        calculate_placement,
        find_takst,
        load_pl_table,
        spec_with_stored_takst,
    )

    spec = spec_from_args(args)
    conv = CostConventions(
        charge_first_day=not args.exclude_first_day, charge_last_day=not args.exclude_last_day
    )
    needs_db = spec.pl_to_year is not None or spec.pl_each_year or args.takst is None
    store = open_db(args) if needs_db else None
    stored = None
    rates: list[Any] = []
    try:
        if store is not None and args.takst is None:
            stored = find_takst(
                store,
                takst_id=args.takst_id,
                ydelse_id=args.ydelse,
                afdeling_id=args.afdeling,
                year=args.takst_year or spec.start.year,
            )
            spec = spec_with_stored_takst(spec, stored)
        result = calculate_placement(spec, conv, store)
        if store is not None and (spec.pl_to_year is not None or spec.pl_each_year):
            rates = load_pl_table(store).rates
    finally:
        if store is not None:
            store.close()
    if args.xlsx:
        from rammedesk.fileio.placement_xlsx import write_cost_report

        write_cost_report(Path(args.xlsx), result, spec, rates)
        err.write(f"Beregningen er gemt i {args.xlsx}\n")
    if args.json:
        emit_json(cost_document(result, spec, stored), out)
    else:
        _print_cost(result, stored, out)
    return EXIT_OK


def run_pl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.presenters.formatting import format_date, format_decimal
    from rammedesk.services.costs import import_pl_file, list_pl

    if args.pl_command == "import":
        path = _existing(args.file)
        store = open_db(args, create=True)
        try:
            report = import_pl_file(store, path, allow_demo=args.force)
        finally:
            store.close()
        if args.json:
            emit_json(
                {
                    "file": report.file,
                    "new": report.new,
                    "replaced": report.replaced,
                    "rates": [_rate_doc(r) for r in report.rates],
                },
                out,
            )
        else:
            out.write(
                f"P/L-satser indlæst fra {report.file}: {len(report.rates)} år "
                f"({report.new} nye, {report.replaced} erstattet).\n"
            )
        return EXIT_OK
    store = open_db(args)
    try:
        rows = list_pl(store)
    finally:
        store.close()
    if args.json:
        emit_json(
            {"rates": [_rate_doc(r.rate) | {"registered": r.registered, "demo": r.demo} for r in rows]}, out
        )
    elif not rows:
        out.write("P/L-tabellen er tom. Indlæs satser med 'rammedesk pl import FIL'.\n")
    else:
        out.write("År    Sats      Kilde (registreret)\n")
        for r in rows:
            demo = ", demodata" if r.demo else ""
            sats = format_decimal(r.rate.rate_pct, 3)
            w = f"{r.rate.year}  {sats:>6} %  {r.rate.source} ({format_date(r.registered)}{demo})\n"
            out.write(w)
    return EXIT_OK


def _rate_doc(rate: Any) -> dict[str, Any]:
    return {"year": rate.year, "rate_pct": rate.rate_pct, "source": rate.source}


def _existing(file: str) -> Path:
    from rammedesk.domain.cpr import mask_cpr, refuse_cpr_file_name

    path = Path(file)
    refuse_cpr_file_name(path)  # before anything is read: the name is shown and stored
    if not path.is_file():
        raise UserError("Filen findes ikke.", mask_cpr(str(path)))
    return path


def run_population(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.presenters.formatting import format_int
    from rammedesk.services.costs import import_population_file, list_population

    if args.population_command == "import":
        path = _existing(args.file)
        store = open_db(args, create=True)
        try:
            report = import_population_file(store, path, allow_demo=args.force)
        finally:
            store.close()
        if args.json:
            emit_json(
                {
                    "file": report.file,
                    "rows": report.rows,
                    "years": list(report.years),
                    "new": report.new,
                    "replaced": report.replaced,
                },
                out,
            )
        else:
            years = ", ".join(map(str, report.years))
            out.write(
                f"Befolkningstal indlæst fra {report.file}: {format_int(report.rows)} rækker for {years} "
                f"({report.new} nye, {report.replaced} erstattet).\n"
            )
        return EXIT_OK
    store = open_db(args)
    try:
        rows, names = list_population(store, args.year)
    finally:
        store.close()
    if args.json:
        emit_json(
            {
                "rows": [
                    {
                        "kommunekode": r.kommunekode,
                        "kommune": names.get(r.kommunekode),
                        "year": r.aar,
                        "indbyggere": r.indbyggere,
                    }
                    for r in rows
                ]
            },  # fmt: skip
            out,
        )
    elif not rows:
        out.write("Befolkningstabellen er tom. Indlæs den med 'rammedesk population import FIL'.\n")
    else:
        for r in rows:
            name = names.get(r.kommunekode, "")
            out.write(f"{r.aar}  {r.kommunekode:>3} {name:<20} {format_int(r.indbyggere):>10}\n")
    return EXIT_OK
