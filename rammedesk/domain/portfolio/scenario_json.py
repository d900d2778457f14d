"""Scenarios ⇄ JSON-ready dicts (the scenario file format in docs/cli.md; also how scenarios are
stored). Parse errors name the place: ``aendringer[2].pct``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rammedesk.domain.costs.pl import PLRate, PLTable
from rammedesk.domain.portfolio.model import Afgang, Dimension, PortfolioInputError, Tilgang
from rammedesk.domain.portfolio.scenarios import (
    EndChange,
    ExtraAfgang,
    ExtraTilgang,
    Filter,
    Override,
    Scenario,
    TakstChange,
    TillaegHours,
)
from rammedesk.domain.vocab import Enhed

FORMAT = "rammedesk-scenarie"
VERSION = 1


class ScenarioFormatError(ValueError):
    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.where = where


def _get(d: dict[str, Any], key: str, where: str, required: bool = True) -> Any:
    if key not in d or d[key] is None:
        if required:
            raise ScenarioFormatError(f"Feltet »{key}« mangler.", f"{where}.{key}")
        return None
    return d[key]


def _dec(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ScenarioFormatError('Skal være et tal, fx "3" eller "2,5".', where)
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ScenarioFormatError(f"»{value}« er ikke et tal.", where) from None
    if not result.is_finite():
        raise ScenarioFormatError(f"»{value}« er ikke et tal.", where)
    return result


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioFormatError("Skal være et helt tal.", where)
    return value


def _date(value: Any, where: str, month_ok: bool = False) -> date:
    text = str(value)
    try:
        if month_ok and len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text)
    except ValueError:
        form = "ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD" if month_ok else "ÅÅÅÅ-MM-DD"
        raise ScenarioFormatError(f"»{text}« er ikke en dato på formen {form}.", where) from None


def _filter(d: dict[str, Any], where: str) -> Filter | None:
    raw = d.get("gruppe")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ScenarioFormatError('Skal være {"dimension": …, "vaerdi": …}.', f"{where}.gruppe")
    try:
        dim = Dimension(_get(raw, "dimension", f"{where}.gruppe"))
    except ValueError:
        names = ", ".join(x.value for x in Dimension)
        raise ScenarioFormatError(f"Dimensionen skal være en af: {names}.", f"{where}.gruppe") from None
    return Filter(dim, str(_get(raw, "vaerdi", f"{where}.gruppe")))


def _enhed(value: Any, where: str) -> Enhed:
    try:
        unit = Enhed(value)
    except ValueError:
        unit = None
    if unit not in (Enhed.DOEGN, Enhed.DAG, Enhed.MAANED):
        raise ScenarioFormatError("Enheden skal være doegn, dag eller maaned.", where)
    return unit


def tilgang_from_json(d: dict[str, Any], where: str) -> Tilgang:
    til = d.get("til")
    return Tilgang(
        navn=str(d.get("navn") or "Tilgang"),
        antal=_int(_get(d, "antal", where), f"{where}.antal"),
        fra=_date(_get(d, "fra", where), f"{where}.fra", month_ok=True),
        til=_date(til, f"{where}.til", month_ok=True) if til else None,
        takst=_dec(_get(d, "takst", where), f"{where}.takst"),
        enhed=_enhed(_get(d, "enhed", where), f"{where}.enhed"),
        takst_aar=_int(_get(d, "takst_aar", where), f"{where}.takst_aar"),
        varighed_mdr=_int(d.get("varighed_mdr", 0), f"{where}.varighed_mdr"),
        paragraf=str(d.get("paragraf") or ""),
        maalgruppe=str(d.get("maalgruppe") or ""),
        gruppe=str(d.get("gruppe_navn") or ""),
        tilbud_navn=str(d.get("tilbud") or ""),
        driftsherre=str(d.get("driftsherre") or ""),
        tillaeg_timesats=_dec(d.get("tillaeg_timesats", 0), f"{where}.tillaeg_timesats"),
        tillaeg_timer_pr_uge=_dec(d.get("tillaeg_timer_pr_uge", 0), f"{where}.tillaeg_timer_pr_uge"),
    )


def afgang_from_json(d: dict[str, Any], where: str) -> Afgang:
    til = d.get("til")
    f = _filter(d, where)
    return Afgang(
        navn=str(d.get("navn") or "Afgang"),
        antal=_int(_get(d, "antal", where), f"{where}.antal"),
        fra=_date(_get(d, "fra", where), f"{where}.fra", month_ok=True),
        til=_date(til, f"{where}.til", month_ok=True) if til else None,
        dimension=f.dimension if f else None,
        key=f.key if f else "",
    )


def _override(d: dict[str, Any], where: str) -> Override:
    kind = _get(d, "type", where)
    if kind == "takst":
        return TakstChange(_dec(_get(d, "pct", where), f"{where}.pct"), _filter(d, where))
    if kind == "tillaeg_timer":
        timer, faktor = d.get("timer_pr_uge"), d.get("faktor")
        if (timer is None) == (faktor is None):
            raise ScenarioFormatError("Angiv enten »timer_pr_uge« eller »faktor«.", where)
        return TillaegHours(
            _dec(timer, f"{where}.timer_pr_uge") if timer is not None else None,
            _dec(faktor, f"{where}.faktor") if faktor is not None else None,
            _filter(d, where),
        )
    if kind == "slutdato":
        slut = d.get("slut")
        return EndChange(
            sagsnummer=str(_get(d, "sagsnummer", where)), slut=_date(slut, f"{where}.slut") if slut else None
        )
    if kind == "flyt_slut":
        return EndChange(
            flyt_mdr=_int(_get(d, "maaneder", where), f"{where}.maaneder"), filter=_filter(d, where)
        )
    if kind == "tilgang":
        return ExtraTilgang(tilgang_from_json(d, where))
    if kind == "afgang":
        return ExtraAfgang(afgang_from_json(d, where))
    kinds = "takst, tillaeg_timer, slutdato, flyt_slut, tilgang, afgang"
    raise ScenarioFormatError(f"Ukendt ændring »{kind}«; brug en af: {kinds}.", f"{where}.type")


def _pl(raw: Any, where: str) -> PLTable:
    if not isinstance(raw, list) or not raw:
        raise ScenarioFormatError('Skal være en liste af {"aar": …, "sats": …}.', where)
    rates = []
    for i, r in enumerate(raw):
        w = f"{where}[{i}]"
        if not isinstance(r, dict):
            raise ScenarioFormatError('Skal være {"aar": …, "sats": …}.', w)
        rates.append(
            PLRate(
                _int(_get(r, "aar", w), f"{w}.aar"),
                _dec(_get(r, "sats", w), f"{w}.sats"),
                str(r.get("kilde") or ""),
            )
        )
    try:
        return PLTable(rates)
    except ValueError as exc:
        raise ScenarioFormatError(f"P/L-tabellen er ugyldig ({exc}).", where) from None


def scenario_from_json(d: Any, where: str = "scenarie") -> Scenario:
    if not isinstance(d, dict):
        raise ScenarioFormatError("Et scenarie skal være et JSON-objekt.", where)
    raw = d.get("aendringer") or []
    if not isinstance(raw, list):
        raise ScenarioFormatError("»aendringer« skal være en liste.", f"{where}.aendringer")
    try:
        changes = tuple(
            _override(c if isinstance(c, dict) else {}, f"{where}.aendringer[{i}]") for i, c in enumerate(raw)
        )
    except PortfolioInputError as exc:
        raise ScenarioFormatError(str(exc), f"{where} ({exc.field})") from None
    pl = _pl(d["pl"], f"{where}.pl") if d.get("pl") is not None else None
    return Scenario(
        navn=str(_get(d, "navn", where)),
        aendringer=changes,
        pl=pl,
        pl_beskrivelse=str(d.get("pl_beskrivelse") or ("egen P/L-tabel i scenariet" if pl else "")),
        beskrivelse=str(d.get("beskrivelse") or ""),
    )


def scenarios_from_json(doc: Any) -> list[Scenario]:
    """A file holds one scenario, or {"scenarier": [ … ]}."""
    if isinstance(doc, dict) and "scenarier" in doc:
        items = doc["scenarier"]
        if not isinstance(items, list):
            raise ScenarioFormatError("»scenarier« skal være en liste.", "scenarier")
        return [scenario_from_json(s, f"scenarier[{i}]") for i, s in enumerate(items)]
    return [scenario_from_json(doc)]


def tilgang_to_json(t: Tilgang) -> dict[str, Any]:
    return {
        "navn": t.navn,
        "antal": t.antal,
        "fra": t.fra.isoformat()[:7],
        "til": t.til.isoformat()[:7] if t.til else None,
        "takst": str(t.takst),
        "enhed": t.enhed.value,
        "takst_aar": t.takst_aar,
        "varighed_mdr": t.varighed_mdr,
        "paragraf": t.paragraf,
        "maalgruppe": t.maalgruppe,
        "gruppe_navn": t.gruppe,
        "tilbud": t.tilbud_navn,
        "driftsherre": t.driftsherre,
        "tillaeg_timesats": str(t.tillaeg_timesats),
        "tillaeg_timer_pr_uge": str(t.tillaeg_timer_pr_uge),
    }


def afgang_to_json(a: Afgang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "navn": a.navn,
        "antal": a.antal,
        "fra": a.fra.isoformat()[:7],
        "til": a.til.isoformat()[:7] if a.til else None,
    }
    if a.dimension is not None:
        out["gruppe"] = {"dimension": a.dimension.value, "vaerdi": a.key}
    return out


def assumptions_to_json(tilgang: tuple[Tilgang, ...], afgang: tuple[Afgang, ...]) -> dict[str, Any]:
    return {"tilgang": [tilgang_to_json(t) for t in tilgang], "afgang": [afgang_to_json(a) for a in afgang]}


def assumptions_from_json(doc: dict[str, Any]) -> tuple[tuple[Tilgang, ...], tuple[Afgang, ...]]:
    tilgang = tuple(tilgang_from_json(t, f"tilgang[{i}]") for i, t in enumerate(doc.get("tilgang") or []))
    afgang = tuple(afgang_from_json(a, f"afgang[{i}]") for i, a in enumerate(doc.get("afgang") or []))
    return tilgang, afgang
