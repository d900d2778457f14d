"""`rammedesk search` and `rammedesk show`: the catalogue on the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any, TextIO

from rammedesk.cli import EXIT_OK, emit_json
from rammedesk.cli_args import resolve_kommune, resolve_region
from rammedesk.config import resolve_location
from rammedesk.domain.details import TilbudDetails
from rammedesk.domain.search import SearchHit, SearchResult
from rammedesk.domain.vocab import Enhed
from rammedesk.presenters.formatting import format_date, format_int, format_kr
from rammedesk.services import catalogue
from rammedesk.services.database import open_store


def _hit_document(hit: SearchHit) -> dict[str, Any]:
    takst = None
    if hit.takst is not None:
        takst = {
            "amount": hit.takst.amount,
            "unit": hit.takst.unit,
            "year": hit.takst.year,
            "individuel_pris": hit.takst.amount is None,
        }
    return {
        "tilbud_id": hit.tilbud_id,
        "afdeling_id": hit.afdeling_id,
        "tilbud": hit.tilbud,
        "afdeling": hit.afdeling,
        "kommune": hit.kommune,
        "kommunekode": hit.kommune_kode,
        "region": hit.region,
        "region_kode": hit.region_kode,
        "driftsherre_art": hit.driftsherre_art,
        "paragraffer": [{"id": p.id, "label": p.label} for p in hit.paragraffer],
        "maalgrupper": [{"id": m.id, "label": m.label} for m in hit.maalgrupper],
        "takst": takst,
        "pladser": hit.pladser,
        "match": hit.match,
    }


def search_document(result: SearchResult, with_facets: bool) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "query": result.query,
        "total": result.total,
        "hits": [_hit_document(h) for h in result.hits],
        "did_you_mean": result.did_you_mean,
        "hints": list(result.hints),
    }
    if with_facets:
        doc["facets"] = {
            g.facet: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in g.values
            ]
            for g in result.facets
        }
    return doc


def takst_text(amount: Any, unit: str | None) -> str:
    if unit is None:
        return "ingen takst"
    if amount is None:
        return "individuel pris"
    return f"{format_kr(amount)} pr. {Enhed(unit).label}"


def print_search_result(result: SearchResult, out: TextIO) -> None:
    for hint in result.hints:
        out.write(f"Bemærk: {hint}\n")
    if result.did_you_mean is not None:
        out.write(f"Mente du: {result.did_you_mean}? (viser også hits med lignende stavemåder)\n")
    shown = len(result.hits)
    out.write(
        f"{format_int(result.total)} {'resultat' if result.total == 1 else 'resultater'} for »{result.query}«"
        + (f" (viser {format_int(shown)})" if shown < result.total else "")
        + "\n"
    )
    for hit in result.hits:
        paragraffer = ", ".join(p.label for p in hit.paragraffer) or "–"
        takst = (
            takst_text(hit.takst.amount, hit.takst.unit) + f" ({hit.takst.year})"
            if hit.takst
            else "ingen takst"
        )
        out.write(
            f"  [{hit.tilbud_id}] {hit.tilbud} — {hit.afdeling}\n"
            f"      {hit.kommune}, {hit.region} · {paragraffer} · {takst}"
            + (f" · {format_int(hit.pladser)} pladser" if hit.pladser else "")
            + "\n"
        )


def run_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    facets: dict[str, str] = {}
    if args.region is not None:
        facets["region"] = str(resolve_region(args.region, "--region"))
    if args.kommune is not None:
        facets["kommune"] = str(resolve_kommune(args.kommune, "--kommune"))
    store = open_store(resolve_location(args.db))
    try:
        if args.paragraf:
            facets["paragraf"] = catalogue.resolve_paragraf(store, args.paragraf)
        if args.maalgruppe:
            facets["maalgruppe"] = catalogue.check_maalgruppe(store, args.maalgruppe)
        if args.driftsherre:
            facets["driftsherre"] = args.driftsherre
        if args.alder:
            facets["alder"] = args.alder
        request = catalogue.SearchRequest(
            text=" ".join(args.query),
            facets=facets,
            sort=args.sort,
            descending=args.desc,
            limit=args.limit,
            offset=max(args.offset, 0),
            with_facets=args.facets,
        )
        result = catalogue.search(store, request)
    finally:
        store.close()
    if args.json:
        emit_json(search_document(result, args.facets), out)
    else:
        print_search_result(result, out)
    return EXIT_OK


def _print_details(d: TilbudDetails, out: TextIO, today: date) -> None:
    w = out.write
    w(f"{d.navn}  [tilbud {d.id}]\n")
    w(f"  {d.kommune}, {d.region} · driftsherre: {d.driftsherre} ({d.driftsherre_art})\n")
    contact = [
        x for x in (d.adresse, f"{d.postnr or ''} {d.by or ''}".strip(), d.telefon, d.email, d.web) if x
    ]
    if contact:
        w("  " + " · ".join(contact) + "\n")
    if d.beskrivelse:
        w(f"  {d.beskrivelse}\n")
    w(f"  Kilde: {d.source.kilde}, data pr. {format_date(d.source.as_of)}\n")
    if d.is_stale(today):
        w("  ADVARSEL: data er mere end et år gamle.\n")
    for afd in d.afdelinger:
        w(f"\n  Afdeling: {afd.navn}  [afdeling {afd.id}]\n")
        years = sorted({p.aar for p in afd.pladser})
        if years:
            latest = [p for p in afd.pladser if p.aar == years[-1]]
            w(
                "    Pladser "
                + str(years[-1])
                + ": "
                + ", ".join(f"{p.paragraf}: {format_int(p.pladser)}" for p in latest)
                + "\n"
            )
        if afd.maalgrupper:
            w("    Målgrupper: " + "; ".join(label for _id, label in afd.maalgrupper) + "\n")
        for y in afd.ydelser:
            w(f"    Ydelse: {y.navn}" + (f" ({y.niveau})" if y.niveau else "") + "\n")
            for line in y.takster:
                w(
                    f"      {line.aar}  {line.art:<8} {takst_text(line.beloeb, line.enhed):>28}"
                    f"  {line.status}  ({line.source.kilde}, pr. {format_date(line.source.as_of)})\n"
                )
        for b in afd.belaegning:
            budget = f"{b.budgetteret_pct} %" if b.budgetteret_pct is not None else "–"
            actual = f"{b.faktisk_pct} %" if b.faktisk_pct is not None else "–"
            w(
                f"    Belægning {b.aar}: budget {budget.replace('.', ',')}, "
                f"faktisk {actual.replace('.', ',')}\n"
            )


def run_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    store = open_store(resolve_location(args.db))
    try:
        details = catalogue.tilbud_details(store, args.tilbud_id)
    finally:
        store.close()
    today = date.today()
    if args.json:
        emit_json(asdict(details) | {"as_of": details.newest_as_of(), "stale": details.is_stale(today)}, out)
    else:
        _print_details(details, out, today)
    return EXIT_OK
