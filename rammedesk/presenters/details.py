"""The details view without Qt: a tilbud's figures as tables and chart series, in Danish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rammedesk.domain.details import AfdelingDetails, TilbudDetails
from rammedesk.domain.vocab import DriftsherreArt, Enhed, TakstArt
from rammedesk.presenters.formatting import format_date, format_decimal, format_int


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    tooltips: tuple[tuple[str, ...], ...] = ()  # same shape as rows, "" where none


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class AfdelingView:
    title: str
    facts: tuple[tuple[str, str], ...]
    pladser: Table
    takster: Table
    series: tuple[Series, ...]
    chart_unit: str
    belaegning: Table


@dataclass(frozen=True)
class DetailsView:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    warning: str | None
    afdelinger: tuple[AfdelingView, ...]


def _source_text(kilde: str, as_of: date) -> str:
    return f"Kilde: {kilde}, data pr. {format_date(as_of)}"


def _takst_table(afd: AfdelingDetails) -> tuple[Table, tuple[Series, ...], str]:
    years = sorted({line.aar for y in afd.ydelser for line in y.takster})
    rows, tips, series = [], [], []
    unit_count: dict[str, int] = {}
    for y in afd.ydelser:
        by_year_kind: dict[tuple[str, str], dict[int, str]] = {}
        tip_year_kind: dict[tuple[str, str], dict[int, str]] = {}
        points: dict[tuple[str, str], list[tuple[int, Decimal]]] = {}
        for line in y.takster:
            key = (line.art, line.enhed)
            text = "Individuel pris" if line.beloeb is None else format_decimal(line.beloeb)
            if line.status == "foreloebig":
                text += " *"
            by_year_kind.setdefault(key, {})[line.aar] = text
            tip_year_kind.setdefault(key, {})[line.aar] = _source_text(
                line.source.kilde, line.source.as_of
            ) + ("\nForeløbig takst" if line.status == "foreloebig" else "")
            if line.beloeb is not None:
                points.setdefault(key, []).append((line.aar, line.beloeb))
        for (art, enhed), cells in by_year_kind.items():
            name = y.navn + (f" ({y.niveau})" if y.niveau else "")
            label = f"{name} — {TakstArt(art).label.lower()}"
            rows.append((label, f"kr. pr. {Enhed(enhed).label}", *(cells.get(year, "") for year in years)))
            tips.append(("", "", *(tip_year_kind[(art, enhed)].get(year, "") for year in years)))
            if (art, enhed) in points:
                series.append(Series(f"{label} (pr. {Enhed(enhed).label})", tuple(points[(art, enhed)])))
                unit_count[enhed] = unit_count.get(enhed, 0) + 1
    table = Table(("Ydelse", "Enhed", *(str(year) for year in years)), tuple(rows), tuple(tips))
    # One unit per chart: kroner per døgn and per time on one axis mislead. The main line's
    # unit (samlet, else basis) wins; else the most common one.
    main_units = [
        line.enhed
        for y in afd.ydelser
        for line in y.takster
        if line.art in (TakstArt.SAMLET.value, TakstArt.BASIS.value) and line.beloeb is not None
    ]
    if main_units:
        unit = max(set(main_units), key=main_units.count)
    else:
        unit = max(unit_count, key=lambda u: unit_count[u]) if unit_count else Enhed.DOEGN.value
    chart = tuple(s for s in series if s.name.endswith(f"(pr. {Enhed(unit).label})"))
    return table, chart, Enhed(unit).label


def _afdeling_view(afd: AfdelingDetails) -> AfdelingView:
    years = sorted({p.aar for p in afd.pladser})
    paragraffer = sorted({(p.paragraf_id, p.paragraf) for p in afd.pladser})
    plads_rows = tuple(
        (
            label,
            *(
                next(
                    (format_int(p.pladser) for p in afd.pladser if p.paragraf_id == pid and p.aar == year), ""
                )
                for year in years
            ),
        )
        for pid, label in paragraffer
    )
    takster, series, unit = _takst_table(afd)
    belaeg = tuple(
        (
            str(b.aar),
            f"{format_decimal(b.budgetteret_pct, 1)} %" if b.budgetteret_pct is not None else "–",
            f"{format_decimal(b.faktisk_pct, 1)} %" if b.faktisk_pct is not None else "–",
        )
        for b in afd.belaegning
    )
    facts = [("Tilbudsform", "Døgntilbud" if afd.tilbudsform == "doegn" else "Dagtilbud")]
    if afd.maalgrupper:
        facts.append(("Målgrupper", "\n".join(label for _id, label in afd.maalgrupper)))
    if afd.tp_afdelingsid:
        facts.append(("Tilbudsportalen", f"afdeling {afd.tp_afdelingsid}"))
    if afd.beskrivelse:
        facts.append(("Beskrivelse", afd.beskrivelse))
    return AfdelingView(
        title=afd.navn,
        facts=tuple(facts),
        pladser=Table(("Paragraf", *(str(y) for y in years)), plads_rows),
        takster=takster,
        series=series,
        chart_unit=unit,
        belaegning=Table(("År", "Budgetteret", "Faktisk"), belaeg),
    )


def present_details(d: TilbudDetails, today: date, is_demo: bool = False) -> DetailsView:
    contact = ", ".join(x for x in (d.adresse, f"{d.postnr or ''} {d.by or ''}".strip()) if x)
    facts: list[tuple[str, str]] = [
        ("Driftsherre", f"{d.driftsherre} ({DriftsherreArt(d.driftsherre_art).label.lower()})"),
        ("Beliggenhed", f"{d.kommune} Kommune, {d.region}"),
    ]
    if contact:
        facts.append(("Adresse", contact))
    for label, value in (
        ("Telefon", d.telefon),
        ("E-mail", d.email),
        ("Web", d.web),
        ("CVR", d.cvr),
        ("P-nummer", d.p_nummer),
    ):
        if value:
            facts.append((label, value))
    if d.tp_tilbudsid:
        facts.append(("Tilbudsportalen", f"tilbud {d.tp_tilbudsid}"))
    if d.landsdaekkende:
        facts.append(("Status", "Lands- eller landsdelsdækkende tilbud"))
    if d.sikret:
        facts.append(("Sikret", "Har sikret afdeling"))
    facts.append(("Kilde", f"{d.source.kilde}, data pr. {format_date(d.newest_as_of())}"))
    warnings = []
    if d.is_stale(today):
        warnings.append(
            f"Data er mere end et år gamle (nyeste pr. {format_date(d.newest_as_of())}). "
            "Kontrollér takster og pladser hos driftsherren."
        )
    if is_demo:
        warnings.append("Demodata: tilbud og takster er fiktive.")
    return DetailsView(
        title=d.navn,
        subtitle=f"{d.kommune} · {d.region} · {len(d.afdelinger)} "
        + ("afdeling" if len(d.afdelinger) == 1 else "afdelinger"),
        facts=tuple(facts),
        warning=" ".join(warnings) or None,
        afdelinger=tuple(_afdeling_view(a) for a in d.afdelinger),
    )
