"""`rammedesk business-case …`: Hovedstaden's economic model for new places (C-07)."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any, TextIO

from rammedesk.cli import EXIT_OK, emit_json
from rammedesk.cli_args import int_arg, kommune_names, resolve_kommune, shown
from rammedesk.cli_costs import open_db, parse_fraction, parse_number
from rammedesk.domain.costs.business_case import ShareBasis
from rammedesk.errors import UserError

# --- business case -------------------------------------------------------------------------


def add_business_case_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "business-case",
        parents=[common],
        help="new places: start-up deficit, cover (max 75 %%) and each kommune's share (C-07)",
    )
    p.add_argument("--places", type=int_arg, required=True, metavar="N", help="number of places")
    p.add_argument("--takst", required=True, metavar="AMOUNT", help="takst per døgn in kr.")
    p.add_argument(
        "--occupancy", nargs="+", required=True, metavar="PCT", help="belægning in %% per start-up year (1-3)"
    )
    p.add_argument(
        "--cover", nargs="+", metavar="PCT", help="cover in %% per year, max 75 (default 75 50 25)"
    )
    p.add_argument("--budget", nargs="+", metavar="AMOUNT", help="budget per year (default: full occupancy)")
    p.add_argument("--first-year", type=int_arg, metavar="YEAR", help="calendar year of year 1")
    p.add_argument(
        "--real-days", action="store_true", help="real calendar days (needs --first-year); default 365"
    )
    p.add_argument(
        "--share-by",
        choices=[b.value for b in ShareBasis],
        default="population",
        help="population (default), equal or entered shares",
    )
    p.add_argument(
        "--kommuner",
        nargs="+",
        metavar="KODE",
        help="the sharing kommuner, codes or names (default: all 29 in Hovedstaden)",
    )
    p.add_argument("--share", nargs="+", metavar="KODE=ANDEL", help="entered shares, e.g. 101=50 147=25")
    p.add_argument(
        "--population-year",
        type=int_arg,
        metavar="YEAR",
        help="population year (default: newest ≤ first year)",
    )
    p.add_argument("--no-sharing", action="store_true", help="do not share the cover among kommuner")


def _pcts(values: list[str] | None, option: str) -> tuple[Decimal, ...] | None:
    return tuple(parse_fraction(v, option) for v in values) if values else None


def _kommuner(values: list[str] | None) -> list[int] | None:
    if not values:
        return None
    names = kommune_names()
    return [resolve_kommune(v, "--kommuner", names) for v in values]


def _entered(values: list[str] | None) -> dict[int, Decimal] | None:
    if not values:
        return None
    names = kommune_names()
    result: dict[int, Decimal] = {}
    for item in values:
        kode, sep, share = item.rpartition("=")
        if not sep or not kode.strip():
            raise UserError(f"»{shown(item)}« skal skrives KODE=ANDEL, fx 101=50.", "--share")
        result[resolve_kommune(kode, "--share", names)] = parse_fraction(share, "--share")
    return result


def run_business_case(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.domain.costs.business_case import BusinessCaseInput
    from rammedesk.services.business_case import business_case, resolve_sharing

    occupancy = _pcts(args.occupancy, "--occupancy") or ()
    inp = BusinessCaseInput(
        places=args.places,
        takst=parse_number(args.takst, "--takst"),
        occupancy_pct=occupancy,
        cover_pct=_pcts(args.cover, "--cover") or BusinessCaseInput.cover_pct,
        first_year=args.first_year,
        real_days=args.real_days,
        budget=tuple(parse_number(b, "--budget") for b in args.budget) if args.budget else None,
    )
    basis = ShareBasis(args.share_by)
    entered = _entered(args.share)
    kommuner = _kommuner(args.kommuner)
    if entered is not None and basis is not ShareBasis.ENTERED:
        basis = ShareBasis.ENTERED
    sharing = None
    if not args.no_sharing:
        store = open_db(args) if basis is ShareBasis.POPULATION else None
        try:
            sharing = resolve_sharing(
                basis,
                kommuner=kommuner,
                entered=entered,
                store=store,
                population_year=args.population_year,
                first_year=args.first_year,
            )
        finally:
            if store is not None:
                store.close()
    case = business_case(inp, sharing)
    if args.json:
        emit_json(_case_document(case), out)
    else:
        _print_case(case, out)
    return EXIT_OK


def _case_document(case: Any) -> dict[str, Any]:
    return {
        "years": [
            {
                "year": y.number,
                "calendar_year": y.calendar_year,
                "days": y.days,
                "budget": y.budget,
                "occupancy_pct": y.occupancy_pct,
                "takstindtaegt": y.takstindtaegt,
                "underskud": y.underskud,
                "cover_pct": y.cover_pct,
                "daekning": y.daekning,
                "shares": {str(k): v for k, v in y.shares.items()},
            }
            for y in case.years
        ],
        "total_daekning": case.total_daekning,
        "kommuner": {str(k): v for k, v in case.names.items()},
        "assumptions": case.assumptions,
    }


def _print_case(case: Any, out: TextIO) -> None:
    from rammedesk.domain.costs.money import format_number
    from rammedesk.presenters.formatting import format_kr

    w = out.write
    w("År  Belægning          Budget     Takstindtægt        Underskud   Dækning %          Dækning\n")
    for y in case.years:
        label = f"{y.number}" + (f" ({y.calendar_year})" if y.calendar_year else "")
        w(
            f"{label:<3} {format_number(y.occupancy_pct):>7} % {format_kr(y.budget):>18} "
            f"{format_kr(y.takstindtaegt):>18} {format_kr(y.underskud):>16} "
            f"{format_number(y.cover_pct):>9} % "
            f"{format_kr(y.daekning):>16}\n"
        )
    w(f"Dækning i alt: {format_kr(case.total_daekning)}\n")
    if any(y.shares for y in case.years):
        w("\nAndele pr. kommune:\n")
        header = "".join(f"{'år ' + str(y.number):>18}" for y in case.years)
        w(f"{'Kommune':<24}{header}\n")
        for kode, navn in case.names.items():
            cells = "".join(f"{format_kr(y.shares.get(kode, Decimal(0))):>18}" for y in case.years)
            w(f"{kode:>3} {navn:<20}{cells}\n")
    w("\nForudsætninger:\n")
    for line in case.assumptions:
        w(f"  - {line}\n")
